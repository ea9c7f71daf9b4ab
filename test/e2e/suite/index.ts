// Extension-host suite: runs inside VS Code's extension host (code-server through the smoke-test driver,
// or desktop VS Code through @vscode/test-electron) against a copy of examples/demo opened as the
// workspace, and talks to the real extension and language server only through the `vscode` API.
// Same `run(): Promise<void>` shape @vscode/test-electron expects; resolving means every test passed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, State, TransportKind } from "vscode-languageclient/node";
import { crashHandler } from "../../../client/src/crashHandler";
import { RestartPolicy } from "../../../client/src/restartPolicy";
import { completionTargets, linkedCommands, walkthroughsOf } from "../../support/walkthrough";

const EXTENSION_ID = "convex-guidelines.convex-guidelines";
const DIAGNOSTICS_TIMEOUT_MS = 45_000;

type Test = { name: string; fn: () => Promise<void> };
const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

// ---------------------------------------------------------------------------------------------------
// helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fail(message: string): never {
  throw new Error(message);
}

/** Polls `probe` until it returns something other than undefined, or fails with `describe()`. */
async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number, describe?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) fail(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; ${describe()}` : ""}`);
    await sleep(200);
  }
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) fail("no workspace folder is open (the suite expects a copy of examples/demo)");
  return folder.uri;
}

const fileUri = (relative: string) => vscode.Uri.joinPath(workspaceRoot(), ...relative.split("/"));

function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return "";
  return typeof code === "object" ? String(code.value) : String(code);
}

const convexDiagnostics = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === "convex");

function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return `no diagnostics on ${vscode.workspace.asRelativePath(uri)}`;
  return `diagnostics on ${vscode.workspace.asRelativePath(uri)}: ${all
    .map((d) => `[${d.source ?? "?"}:${codeOf(d)} L${d.range.start.line + 1} ${vscode.DiagnosticSeverity[d.severity]}] ${d.message}`)
    .join(" | ")}`;
}

/** 0-based line of the first line containing `needle`. */
function lineOf(document: vscode.TextDocument, needle: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(needle)) return line;
  }
  fail(`${vscode.workspace.asRelativePath(document.uri)} has no line containing ${JSON.stringify(needle)}`);
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Waits until `uri` has a convex diagnostic with each of `codes`. */
function waitForCodes(uri: vscode.Uri, codes: string[], timeoutMs = DIAGNOSTICS_TIMEOUT_MS) {
  return waitFor(
    `convex diagnostics ${codes.join(", ")} on ${vscode.workspace.asRelativePath(uri)}`,
    () => {
      const diagnostics = convexDiagnostics(uri);
      return codes.every((c) => diagnostics.some((d) => codeOf(d) === c)) ? diagnostics : undefined;
    },
    timeoutMs,
    () => describeDiagnostics(uri),
  );
}

// ---------------------------------------------------------------------------------------------------
// tests

test("the extension is active in a Convex workspace", async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    fail(`extension ${EXTENSION_ID} is not loaded; loaded: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith("vscode.")).join(", ")}`);
  }
  // activation is triggered by workspaceContains:convex.json, not by this test
  await waitFor(`${EXTENSION_ID} to activate`, () => (extension.isActive ? true : undefined), 30_000);
});

test("the Convex panel's views and commands are registered", async () => {
  const commands = new Set(await vscode.commands.getCommands(true));
  // `<view>.focus` exists once a contributed view is registered with the workbench.
  for (const id of ["convex.schema.focus", "convex.functions.focus", "convex.showSchema", "convex.refresh", "convex.addIndex", "convex.findUsages",
    "convex.convertToInternal", "convex.fixAllInFile", "convex.openRuleDocs", "convex.reveal"]) {
    if (!commands.has(id)) fail(`command ${id} is not registered`);
  }
  await vscode.commands.executeCommand("convex.showSchema");
});

test("the walkthrough's buttons and completion events name commands and views this VS Code has", async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID) ?? fail(`extension ${EXTENSION_ID} is not loaded`);
  const walkthroughs = walkthroughsOf(extension.packageJSON);
  if (walkthroughs.length === 0) fail("the manifest contributes no walkthrough");
  const commands = new Set(await vscode.commands.getCommands(true));
  for (const step of walkthroughs.flatMap((w) => w.steps)) {
    const { commands: completing, views } = completionTargets(step);
    for (const id of [...linkedCommands(step), ...completing]) {
      if (!commands.has(id)) fail(`walkthrough step ${step.id} names command ${id}, which VS Code does not have`);
    }
    // every registered view has a `<view>.focus` command
    for (const view of views) {
      if (!commands.has(`${view}.focus`)) fail(`walkthrough step ${step.id} completes on view ${view}, which VS Code does not have`);
    }
  }
});

test("opening convex/tasks.ts reports no-filter-in-query and unknown-index on the right lines", async () => {
  const document = await open("convex/tasks.ts");
  const diagnostics = await waitForCodes(document.uri, ["no-filter-in-query", "unknown-index"]);

  const filterLine = lineOf(document, ".filter(");
  const filter = diagnostics.find((d) => codeOf(d) === "no-filter-in-query")!;
  if (filter.range.start.line !== filterLine) {
    fail(`no-filter-in-query is on line ${filter.range.start.line + 1}, expected ${filterLine + 1}; ${describeDiagnostics(document.uri)}`);
  }
  if (filter.severity !== vscode.DiagnosticSeverity.Warning) {
    fail(`no-filter-in-query has severity ${vscode.DiagnosticSeverity[filter.severity]}, expected Warning`);
  }

  const indexLine = lineOf(document, `withIndex("by_user_and_completed"`);
  const unknownIndex = diagnostics.find((d) => codeOf(d) === "unknown-index")!;
  if (unknownIndex.range.start.line !== indexLine) {
    fail(`unknown-index is on line ${unknownIndex.range.start.line + 1}, expected ${indexLine + 1}; ${describeDiagnostics(document.uri)}`);
  }
  if (unknownIndex.severity !== vscode.DiagnosticSeverity.Error) {
    fail(`unknown-index has severity ${vscode.DiagnosticSeverity[unknownIndex.severity]}, expected Error`);
  }
  if (!/by_user_and_completed/.test(unknownIndex.message)) {
    fail(`unknown-index message does not name the index: ${JSON.stringify(unknownIndex.message)}`);
  }
  if (!document.getText(unknownIndex.range).includes("by_user_and_completed")) {
    fail(`unknown-index range covers ${JSON.stringify(document.getText(unknownIndex.range))}, expected the index name`);
  }

  // the other findings the demo is built to show
  await waitForCodes(document.uri, ["require-args-validator", "query-no-writes", "unknown-table"]);
});

test("adding the index to convex/schema.ts clears unknown-index in tasks.ts; reverting brings it back", async () => {
  const tasks = await open("convex/tasks.ts");
  await waitForCodes(tasks.uri, ["unknown-index"]);

  const schema = await open("convex/schema.ts");
  const anchor = `.index("by_user", ["userId"])`;
  const at = schema.getText().indexOf(anchor);
  if (at < 0) fail(`convex/schema.ts has no ${anchor}`);
  const insertAt = schema.positionAt(at + anchor.length);
  const added = `\n    .index("by_user_and_completed", ["userId", "isCompleted"])`;

  const edit = new vscode.WorkspaceEdit();
  edit.insert(schema.uri, insertAt, added);
  if (!(await vscode.workspace.applyEdit(edit))) fail("applyEdit (add index) was rejected");
  if (!(await schema.save())) fail("saving convex/schema.ts failed");

  await waitFor(
    "unknown-index to disappear from convex/tasks.ts",
    () => (convexDiagnostics(tasks.uri).some((d) => codeOf(d) === "unknown-index") ? undefined : true),
    DIAGNOSTICS_TIMEOUT_MS,
    () => describeDiagnostics(tasks.uri),
  );
  // only that finding went away
  await waitForCodes(tasks.uri, ["no-filter-in-query", "unknown-table"], 5_000);

  const revert = new vscode.WorkspaceEdit();
  revert.delete(schema.uri, new vscode.Range(insertAt, schema.positionAt(schema.offsetAt(insertAt) + added.length)));
  if (!(await vscode.workspace.applyEdit(revert))) fail("applyEdit (revert) was rejected");
  if (!(await schema.save())) fail("saving convex/schema.ts failed");
  if (schema.getText().includes("by_user_and_completed")) fail("revert left the index in convex/schema.ts");

  await waitForCodes(tasks.uri, ["unknown-index"]);
});

test("when the language server dies, the client starts a new one and diagnostics come back", async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID) ?? fail(`${EXTENSION_ID} is not loaded`);
  const serverScript = `${extension.extensionPath}/dist/server.js`;
  const pids = () =>
    execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes(serverScript) && line.includes("--node-ipc"))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  const [before] = await waitFor("the language server process", () => (pids().length === 1 ? pids() : undefined), 10_000, () => `found ${pids().length}`);
  process.kill(before, "SIGKILL");
  const [after] = await waitFor("a new language server process", () => {
    const now = pids();
    return now.length === 1 && now[0] !== before ? now : undefined;
  }, 30_000, () => `processes: ${pids().join(", ") || "none"}`);
  if (after === before) fail("the server was not replaced");

  // Only a live server can react to this edit: a finding appears that did not exist before.
  const users = await open("convex/users.ts");
  const edit = new vscode.WorkspaceEdit();
  const target = "export const getCurrentUser = query({\n  args: {},";
  const at = users.getText().indexOf(target);
  if (at < 0) fail("convex/users.ts changed shape");
  edit.replace(users.uri, new vscode.Range(users.positionAt(at), users.positionAt(at + target.length)), "export const getCurrentUser = query({");
  if (!(await vscode.workspace.applyEdit(edit))) fail("applyEdit was rejected");
  await waitForCodes(users.uri, ["require-args-validator"]);
  await vscode.commands.executeCommand("undo");
});

/**
 * A stand-in language server for the client's crash handling: answers `initialize` and `test/pid`;
 * on `test/hangUp` it closes its end of the IPC channel and exits a second later, so everything the
 * client sends in that second fails to go out before the client sees the connection close.
 */
const HANGING_UP_SERVER = `
process.on("message", (m) => {
  const reply = (result) => process.send({ jsonrpc: "2.0", id: m.id, result });
  if (m.method === "initialize") reply({ capabilities: {} });
  else if (m.method === "test/pid" || m.method === "shutdown") reply(m.method === "shutdown" ? null : process.pid);
  else if (m.method === "exit") process.exit(0);
  else if (m.method === "test/hangUp") { process.disconnect(); setTimeout(() => process.exit(1), 1000); }
});
`;

test("a server whose channel fails before its process ends is restarted: failed sends do not stop the client", async () => {
  const dir = mkdtempSync(join(tmpdir(), "convex-crash-handler-"));
  const script = join(dir, "server.js");
  writeFileSync(script, HANGING_UP_SERVER);
  const output = vscode.window.createOutputChannel("Convex Guidelines (crash handler test)", { log: true });
  const client = new LanguageClient(
    "convex-crash-handler-test",
    "Convex Guidelines (crash handler test)",
    { module: script, transport: TransportKind.ipc },
    { documentSelector: [], outputChannel: output, errorHandler: crashHandler(new RestartPolicy(), output) },
  );
  try {
    await client.start();
    const first = await client.sendRequest<number>("test/pid");
    await client.sendNotification("test/hangUp");
    // What the user's typing would send meanwhile: each of these fails to go out.
    for (let i = 0; i < 6; i++) {
      await client.sendNotification("test/keystroke", { i }).catch(() => undefined);
      await sleep(50);
    }
    const deadline = Date.now() + 15_000;
    let second: number | undefined;
    while (second === undefined || second === first) {
      if (Date.now() > deadline) fail(`no new server after the channel failed: client state ${State[client.state]}, pid ${second ?? first}`);
      await sleep(200);
      if (client.state !== State.Running) continue;
      second = await client.sendRequest<number>("test/pid").catch(() => undefined);
    }
  } finally {
    if (client.state === State.Running) await client.stop(2_000).catch(() => undefined);
    output.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------------
// runner

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  console.log(`[suite] ${tests.length} tests, VS Code ${vscode.version}, workspace ${workspaceRoot().fsPath}`);
  for (const { name, fn } of tests) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`[suite] ok ${passed + failed} - ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed++;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`[suite] not ok ${passed + failed} - ${name} (${Date.now() - t0} ms)\n${text}`);
    }
  }
  console.log(`[suite] finished in ${Date.now() - started} ms`);
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} of ${tests.length} extension-host tests failed`);
}
