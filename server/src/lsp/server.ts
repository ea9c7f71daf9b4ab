// Wires the engine to LSP: documents and file events feed the Workspace model, every change
// schedules one analysis, and the diagnostics that changed are published. No analysis logic here.
import * as path from "node:path";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  type CodeAction,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, type ProjectAnalysis, type Report } from "../engine/analyze";
import { editRehearsal } from "../engine/editRehearsal";
import { DEFAULT_SETTINGS, normalizeSettings, type AnalysisSettings } from "../engine/settings";
import { nodeFileSystem } from "../project/fileSystem";
import type { ConvexProject } from "../project/project";
import { Workspace, type WorkspaceRoot } from "../project/workspace";
import { pathToUri, toDiagnostic, uriToPath } from "./convert";
import { runStepwise } from "./stepwise";
import { verifyFix } from "../engine/fixes";
import { DISABLE_KIND, DOCS_KIND, FIX_ALL_KIND, REFACTOR_KIND, fixAction, fixAllAction, withoutRepeatedRefactorings, refactorActions, sameRange, suppressionActions, wantsKind, workspaceEditOf } from "./codeActions";
import { AnalysisIndex } from "../engine/index";
import { NAVIGATION_CAPABILITIES, registerNavigation } from "./navigation";
import {
  ADD_INDEX_REQUEST,
  FUNCTIONS_TREE_REQUEST,
  MODEL_CHANGED_NOTIFICATION,
  RULES_REQUEST,
  SCHEMA_TREE_REQUEST,
  STATUS_NOTIFICATION,
  USAGES_REQUEST,
  type AddIndexParams,
  type AddIndexResult,
  type FunctionsTreeResult,
  type ModelChangedParams,
  type RulesResult,
  type SchemaTreeResult,
  type StatusParams,
  type UsagesParams,
  type UsagesResult,
} from "./protocol";
import { docsUrl, RULES } from "../rules/registry";
import { planAddIndex } from "../views/addIndex";
import { functionsTreeOf } from "../views/functionsTree";
import { fileUri } from "../views/location";
import { schemaTreeOf } from "../views/schemaTree";
import { functionUsages, tableUsages } from "../views/usages";

/** How long the panel's change notification waits for typing to pause. */
const MODEL_CHANGED_DELAY_MS = 150;

interface Folder {
  uri: string;
  path: string;
  name: string;
  settings: AnalysisSettings;
  functionsDir?: string;
}

export function startServer(connection: Connection): void {
  const log = (message: string) => connection.console.log(message);
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace(nodeFileSystem, log);
  let folders: Folder[] = [];
  let canReadConfiguration = false;
  let canRegisterConfigurationChange = false;
  let canWatchWorkspaceFolders = false;
  let ready = false;
  /** What was last sent per URI, to publish only what changed. */
  const published = new Map<string, string>();
  /** The findings behind what was last sent: while an analysis returns the same array, nothing changed. */
  const publishedReports = new Map<string, readonly Report[]>();
  /** The document version each open file's diagnostics were last sent for. */
  const publishedVersions = new Map<string, number>();
  const send = (uri: string, key: string, version: number | undefined, diagnostics: ReturnType<typeof toDiagnostic>[]) => {
    published.set(uri, key);
    if (version === undefined) publishedVersions.delete(uri);
    else publishedVersions.set(uri, version);
    connection.sendDiagnostics({ uri, version, diagnostics });
  };
  /** The latest analysis of each project: the next one reuses what the edits in between did not touch. */
  const analyses = new WeakMap<ConvexProject, ProjectAnalysis>();
  const analysisOf = (project: ConvexProject, settings: AnalysisSettings): ProjectAnalysis => {
    const analysis = analyze(project, settings, { log, previous: analyses.get(project) });
    analyses.set(project, analysis);
    return analysis;
  };

  /** Runs a handler so that a bug in it is logged and never takes the server down. */
  const guard = <A extends unknown[]>(name: string, fn: (...args: A) => void | Promise<void>) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (e) {
        connection.console.error(`${name} failed: ${(e as Error).stack ?? e}`);
      }
    };

  let scheduled = false;
  const schedule = () => {
    if (scheduled || !ready || loading) return;
    scheduled = true;
    // Coalesces a burst of edits and file events into one analysis.
    setImmediate(guard("analysis", () => {
      scheduled = false;
      publishAll();
    }));
  };

  const folderFor = (file: string) => folders.find((f) => file === f.path || file.startsWith(f.path + "/"));

  function publishAll(): void {
    const next = new Set<string>();
    const status: StatusParams = { projects: [], findings: { total: 0, error: 0, warning: 0, info: 0, hint: 0 } };
    for (const project of workspace.projects) {
      const folder = folderFor(project.functionsDir);
      status.projects.push({
        workspaceFolder: folder?.name ?? path.basename(project.location.root),
        functionsDir: path.posix.relative(folder?.path ?? project.location.root, project.functionsDir) + "/",
        modules: project.modules.size,
      });
      const analysis = analysisOf(project, folder?.settings ?? DEFAULT_SETTINGS);
      for (const file of analysis.files()) {
        const reports = analysis.reports(file)!;
        for (const f of reports) {
          status.findings.total++;
          status.findings[f.severity]++;
        }
        const uri = pathToUri(file);
        next.add(uri);
        // An open document's diagnostics name the version they were computed for: an edit that
        // leaves them unchanged still republishes them, so the last publish is for the current text.
        const version = documents.get(uri)?.version;
        const versionChanged = version !== undefined && version !== publishedVersions.get(uri);
        if (publishedReports.get(uri) === reports && !versionChanged) continue;
        publishedReports.set(uri, reports);
        const diagnostics = reports.map(toDiagnostic);
        const key = JSON.stringify(diagnostics);
        if ((published.get(uri) ?? "[]") === key && !versionChanged) continue;
        send(uri, key, version, diagnostics);
      }
    }
    for (const uri of [...publishedReports.keys()]) {
      if (next.has(uri)) continue;
      publishedReports.delete(uri);
      publishedVersions.delete(uri);
      if (published.delete(uri)) connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics: [] });
    }
    void connection.sendNotification(STATUS_NOTIFICATION, status);
    scheduleModelChanged();
  }

  /** The cross-module index of a project's latest analysis, which is current once it has published. */
  const indexOf = (project: ConvexProject) => analyses.get(project)?.index ?? new AnalysisIndex(project);

  // The panel's trees: built from the model on request; a notification tells the client when they changed.
  const schemaTree = (): SchemaTreeResult => ({ projects: workspace.projects.map((p) => schemaTreeOf(p, folderFor(p.functionsDir))) });
  const functionsTree = (): FunctionsTreeResult => ({
    projects: workspace.projects.map((p) => functionsTreeOf(p, indexOf(p), folderFor(p.functionsDir))),
  });
  const projectById = (id: string) => workspace.projects.find((p) => fileUri(p.functionsDir) === id);
  let sentTrees: { schema: string; functions: string } | undefined;
  let modelTimer: NodeJS.Timeout | undefined;
  function scheduleModelChanged(): void {
    if (modelTimer) clearTimeout(modelTimer);
    modelTimer = setTimeout(guard("model changed", () => {
      modelTimer = undefined;
      const now = { schema: JSON.stringify(schemaTree()), functions: JSON.stringify(functionsTree()) };
      const params: ModelChangedParams = { schema: now.schema !== sentTrees?.schema, functions: now.functions !== sentTrees?.functions };
      sentTrees = now;
      if (params.schema || params.functions) void connection.sendNotification(MODEL_CHANGED_NOTIFICATION, params);
    }), MODEL_CHANGED_DELAY_MS);
  }

  async function readSettings(): Promise<void> {
    for (const folder of folders) {
      let raw: unknown = undefined;
      if (canReadConfiguration) raw = await connection.workspace.getConfiguration({ scopeUri: folder.uri, section: "convex" });
      const problems: string[] = [];
      folder.settings = normalizeSettings(raw, problems);
      const functionsDir = raw && typeof raw === "object" ? (raw as { functionsDir?: unknown }).functionsDir : undefined;
      folder.functionsDir = typeof functionsDir === "string" && functionsDir.trim() !== "" ? functionsDir : undefined;
      for (const problem of problems) connection.console.warn(`${folder.name}: ${problem}`);
    }
  }

  /**
   * Reads the workspace in two steps so that open files get diagnostics quickly: first the schema
   * and the open files (whose module-local findings are published at once), then, on the next
   * turn of the event loop, everything else.
   */
  let loading = false;
  function loadWorkspace(): void {
    const roots: WorkspaceRoot[] = folders.map((f) => ({ path: f.path, functionsDir: f.functionsDir }));
    // Open editors override the disk from the start.
    const open: string[] = [];
    for (const document of documents.all()) {
      const file = uriToPath(document.uri);
      if (!file) continue;
      open.push(file);
      workspace.setOverlay(file, document.getText(), String(document.version));
    }
    workspace.setRoots(roots, open);
    publishFirst(open);
    loading = true;
    setImmediate(guard("load", () => {
      try {
        workspace.load();
      } finally {
        loading = false;
      }
      for (const project of workspace.projects) {
        log(`functions folder ${project.functionsDir} (${project.location.source}): ${project.modules.size} modules, ` +
          `${project.clients.size} client files, schema ${project.schema ? (project.schema.complete ? "read" : `partly read: ${project.schema.incompleteReason}`) : "missing"}`);
      }
      if (workspace.projects.length === 0) log("no Convex functions folder found in this workspace");
      schedule();
      // Queued after the analysis that schedule() queued, so it runs once the findings are out.
      rehearseEdits();
    }));
  }

  /**
   * Runs the edit path on a copy of the module the user is most likely to type in (the largest open
   * one, else the largest of all projects) while nothing else is to be done, one synthetic edit per
   * turn of the event loop so that a real edit never waits for more than one (editRehearsal.ts).
   */
  let rehearsed = false;
  function rehearseEdits(): void {
    if (rehearsed) return;
    const open = new Set(documents.all().map((d) => uriToPath(d.uri)));
    const candidates = workspace.projects.flatMap((project) => [...project.modules.values()].map((module) => ({ project, module })));
    if (candidates.length === 0) return;
    rehearsed = true;
    const preferred = candidates.some((c) => open.has(c.module.path)) ? candidates.filter((c) => open.has(c.module.path)) : candidates;
    const { project, module } = preferred.reduce((a, b) => (b.module.text.length > a.module.text.length ? b : a));
    const steps = editRehearsal({
      module,
      schema: project.schemaModule,
      root: project.location.root,
      functionsDir: project.functionsDir,
      settings: folderFor(project.functionsDir)?.settings ?? DEFAULT_SETTINGS,
    });
    const started = performance.now();
    // Real edits warm the path themselves: the rehearsal never competes with them.
    runStepwise(steps, () => userEdited, ({ made, finished }) => {
      if (!finished) log(`stopped rehearsing edits after ${made}: the user is editing`);
      else if (finished.value > 0) log(`rehearsed ${finished.value} edits of ${module.path} in ${Math.round(performance.now() - started)} ms`);
    }, (step) => setImmediate(guard("edit rehearsal", step)));
  }

  /** The findings of open files that hold whatever the rest of the project contains. */
  function publishFirst(files: readonly string[]): void {
    for (const project of workspace.projects) {
      const settings = folderFor(project.functionsDir)?.settings ?? DEFAULT_SETTINGS;
      const analysis = analyze(project, settings, { log, localOnly: true });
      for (const file of files) {
        const reports = analysis.reports(file);
        if (!reports || reports.length === 0) continue;
        const uri = pathToUri(file);
        const diagnostics = reports.map(toDiagnostic);
        publishedReports.set(uri, reports);
        send(uri, JSON.stringify(diagnostics), documents.get(uri)?.version, diagnostics);
      }
    }
  }

  connection.onInitialize((params) => {
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfigurationChange = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    folders = initial.flatMap((f) => {
      const folderPath = uriToPath(f.uri);
      return folderPath ? [{ uri: f.uri, path: folderPath, name: f.name, settings: DEFAULT_SETTINGS }] : [];
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, DISABLE_KIND, DOCS_KIND, FIX_ALL_KIND, REFACTOR_KIND] },
        ...NAVIGATION_CAPABILITIES,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "convex-guidelines", version: "0.1.0" },
    };
  });

  connection.onInitialized(guard("initialized", async () => {
    if (canRegisterConfigurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "convex" });
    }
    if (canWatchWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guard("workspace folders", async (event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        folders = folders.filter((f) => !removed.has(f.uri));
        for (const f of event.added) {
          const folderPath = uriToPath(f.uri);
          if (folderPath) folders.push({ uri: f.uri, path: folderPath, name: f.name, settings: DEFAULT_SETTINGS });
        }
        await readSettings();
        loadWorkspace();
        schedule();
      }));
    }
    await readSettings();
    loadWorkspace();
    ready = true;
    schedule();
  }));

  // Opening a document also reports its content as changed; only later changes are the user's edits.
  let userEdited = false;
  const opening = new Set<string>();
  documents.onDidOpen((event) => opening.add(event.document.uri));
  documents.onDidChangeContent(guard("change", (event) => {
    if (!opening.delete(event.document.uri)) userEdited = true;
    const file = uriToPath(event.document.uri);
    if (!file) return;
    const changed = workspace.setOverlay(file, event.document.getText(), String(event.document.version)).length > 0;
    // Opening a module as it is on disk, or an edit that leaves the text as it was, changes no
    // finding, but the diagnostics are still sent for the new version.
    const unpublished = publishedVersions.get(event.document.uri) !== event.document.version;
    if (changed || (unpublished && workspace.projectsFor(file).some((p) => p.modules.has(file) || p.unrouted.has(file)))) schedule();
  }));

  documents.onDidClose(guard("close", (event) => {
    const file = uriToPath(event.document.uri);
    // A document opened again starts its versions anew.
    publishedVersions.delete(event.document.uri);
    if (file && workspace.clearOverlay(file).length > 0) schedule();
  }));

  connection.onDidChangeWatchedFiles(guard("watched files", (params) => {
    let changed = false;
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (file && workspace.fileChanged(file).length > 0) changed = true;
    }
    if (changed) schedule();
  }));

  connection.onDidChangeConfiguration(guard("configuration", async () => {
    const before = folders.map((f) => f.functionsDir).join("\n");
    await readSettings();
    if (folders.map((f) => f.functionsDir).join("\n") !== before) loadWorkspace();
    // Severities changed: every file's diagnostics may differ.
    schedule();
  }));

  connection.onCodeAction((params) => {
    try {
      const document = documents.get(params.textDocument.uri);
      const file = uriToPath(params.textDocument.uri);
      if (!document || !file) return [];
      const only = params.context.only;
      const versionOf = (uri: string) => documents.get(uri)?.version ?? null;
      const actions: CodeAction[] = [];
      for (const project of workspace.projectsFor(file)) {
        // Recomputed from the same analysis the diagnostics come from; nothing cached between requests.
        const settings = folderFor(project.functionsDir)?.settings ?? DEFAULT_SETTINGS;
        // Requested on every cursor move: an analysis of the current texts costs little when
        // nothing changed since the last one.
        const analysis = analysisOf(project, settings);
        if (wantsKind(only, FIX_ALL_KIND) && only !== undefined) {
          const fixAll = fixAllAction(project, settings, file, versionOf, analysis);
          if (fixAll) actions.push(fixAll);
        }
        actions.push(...refactorActions(project, settings, file, params.range, only, versionOf, analysis));
        const wanted = params.context.diagnostics.filter((d) => d.source === "convex");
        if (wanted.length === 0 || !wantsKind(only, CodeActionKind.QuickFix)) continue;
        const byFile = analysis.byFile();
        for (const finding of byFile.get(file) ?? []) {
          const diagnostic = wanted.find((d) => d.code === finding.ruleId && sameRange(d, finding));
          if (!diagnostic) continue;
          const verified = finding.fixes().filter((fix) => verifyFix(project, settings, byFile, finding, fix));
          // The first safe fix is the one Ctrl+. applies directly ("auto fix"); the others are listed.
          const preferred = verified.find((fix) => fix.safe);
          for (const fix of verified) actions.push(fixAction(fix, finding, diagnostic, project, versionOf, fix === preferred));
        }
      }
      const unique = withoutRepeatedRefactorings(actions);
      return wantsKind(only, CodeActionKind.QuickFix) ? [...unique, ...suppressionActions(params, document)] : unique;
    } catch (e) {
      connection.console.error(`code actions failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onRequest(SCHEMA_TREE_REQUEST, (): SchemaTreeResult => schemaTree());
  connection.onRequest(FUNCTIONS_TREE_REQUEST, (): FunctionsTreeResult => functionsTree());
  connection.onRequest(ADD_INDEX_REQUEST, (params: AddIndexParams): AddIndexResult => {
    const project = projectById(params.project);
    if (!project) return { name: params.name ?? "", error: "That Convex project is no longer open." };
    const plan = planAddIndex(project, params.table, params.fields, params.name);
    const versionOf = (uri: string) => documents.get(uri)?.version ?? null;
    return { name: plan.name, error: plan.error, edit: plan.edit && workspaceEditOf([plan.edit], project, versionOf) };
  });
  connection.onRequest(USAGES_REQUEST, (params: UsagesParams): UsagesResult => {
    const project = projectById(params.project);
    if (!project) return { locations: [] };
    return "table" in params ? tableUsages(project, params.table, params.index) : functionUsages(indexOf(project), params.module, params.function);
  });

  connection.onRequest(RULES_REQUEST, (): RulesResult => ({
    rules: RULES.map((r) => ({ id: r.meta.id, description: r.meta.description, url: docsUrl(r.meta.id) })),
  }));

  registerNavigation(connection, workspace, (message) => connection.console.error(message));

  documents.listen(connection);
  connection.listen();
}
