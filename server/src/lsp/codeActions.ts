// Code actions offered on every Convex diagnostic, recomputed from the document's current text on
// each request (no state kept between requests).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type WorkspaceEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { disableForFile, disableForLine, type TextEdit } from "../fixes/suppress";
import { docsUrl } from "../rules/registry";
import type { Finding, ProjectAnalysis, Report } from "../engine/analyze";
import { refactoringsAt } from "../fixes/refactorings";
import { computeLineStarts, positionAt } from "../project/parse";
import { EDITOR_FIX_ALL_BUDGET_MS, currentText, editsByFile, fixAll, verifyRefactoring } from "../engine/fixes";
import type { AnalysisSettings } from "../engine/settings";
import type { ConvexProject } from "../project/project";
import type { FileEdit, Fix } from "../rules/types";
import { DIAGNOSTIC_SOURCE, pathToUri } from "./convert";

/** Client command that opens a rule's documentation page. */
export const OPEN_RULE_DOCS_COMMAND = "convex.openRuleDocs";
export const DISABLE_KIND = `${CodeActionKind.QuickFix}.convex.disable`;
export const DOCS_KIND = `${CodeActionKind.QuickFix}.convex.docs`;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.convex`;
export const REFACTOR_KIND = `${CodeActionKind.RefactorRewrite}.convex`;

/** Whether a request limited to `only` kinds wants actions of `kind` (kinds are hierarchical). */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * `source.fixAll.convex`: every verified safe fix for the findings in `file`, repeated until nothing
 * changes, as one WorkspaceEdit (fixes may also edit other files, such as the schema).
 */
export function fixAllAction(project: ConvexProject, settings: AnalysisSettings, file: string, versionOf: (uri: string) => number | null, previous?: ProjectAnalysis): CodeAction | undefined {
  const result = fixAll(project, settings, { files: new Set([file]), previous, timeBudgetMs: EDITOR_FIX_ALL_BUDGET_MS });
  if (result.applied.length === 0) return undefined;
  const edits: FileEdit[] = [];
  for (const [path, text] of result.texts) {
    if (result.created.has(path)) edits.push({ path, start: 0, end: 0, newText: text, create: true });
    else edits.push({ path, ...minimalEdit(currentText(project, path) ?? "", text) });
  }
  return { title: "Fix all auto-fixable Convex problems", kind: FIX_ALL_KIND, edit: workspaceEditOf(edits, project, versionOf) };
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

export function suppressionActions(params: CodeActionParams, document: TextDocument): CodeAction[] {
  const text = document.getText();
  const actions: CodeAction[] = [];
  const done = new Set<string>();
  const edit = (e: TextEdit) => ({
    documentChanges: [
      {
        textDocument: { uri: document.uri, version: document.version },
        edits: [{ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }],
      },
    ],
  });
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code === undefined) continue;
    const ruleId = String(diagnostic.code);
    const key = `${ruleId}:${diagnostic.range.start.line}`;
    if (done.has(key)) continue;
    done.add(key);
    const diagnostics: Diagnostic[] = [diagnostic];
    actions.push(
      { title: `Disable ${ruleId} for this line`, kind: DISABLE_KIND, diagnostics, edit: edit(disableForLine(text, diagnostic.range.start.line, ruleId)) },
      { title: `Disable ${ruleId} for this file`, kind: DISABLE_KIND, diagnostics, edit: edit(disableForFile(text, ruleId)) },
      {
        title: `Show documentation for ${ruleId}`,
        kind: DOCS_KIND,
        diagnostics,
        command: { title: `Show documentation for ${ruleId}`, command: OPEN_RULE_DOCS_COMMAND, arguments: [docsUrl(ruleId)] },
      },
    );
  }
  return actions;
}

/** A verified fix as a code action: one WorkspaceEdit with versioned changes, so one undo reverts it. */
export function fixAction(
  fix: Fix,
  finding: Finding,
  diagnostic: Diagnostic,
  project: ConvexProject,
  versionOf: (uri: string) => number | null,
  preferred = fix.safe,
): CodeAction {
  return {
    title: fix.title,
    kind: `${CodeActionKind.QuickFix}.convex.${finding.ruleId}`,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: workspaceEditOf(fix.edits, project, versionOf),
  };
}

/**
 * Edits across files as one WorkspaceEdit: a file the fix creates comes first as a `create`
 * operation, then every file's edits against the version the fix was computed from.
 */
export function workspaceEditOf(fileEdits: readonly FileEdit[], project: ConvexProject, versionOf: (uri: string) => number | null): WorkspaceEdit {
  const documentChanges: WorkspaceEdit["documentChanges"] = [];
  for (const [path, edits] of editsByFile(fileEdits)) {
    const uri = pathToUri(path);
    const creates = edits.some((e) => e.create);
    if (creates) documentChanges.push({ kind: "create", uri, options: { overwrite: false, ignoreIfExists: false } });
    const text = currentText(project, path) ?? "";
    const lineStarts = computeLineStarts(text);
    documentChanges.push({
      textDocument: { uri, version: creates ? null : versionOf(uri) },
      edits: edits.map((e) => ({ range: { start: positionAt(lineStarts, e.start), end: positionAt(lineStarts, e.end) }, newText: e.newText })),
    });
  }
  return { documentChanges };
}

/**
 * Refactorings at `range` in `file` that `only` asks for. One that cannot be applied, or whose
 * result does not verify (a file stops parsing, some rule reports more), is returned disabled with
 * the reason, so the editor can say why.
 */
export function refactorActions(
  project: ConvexProject,
  settings: AnalysisSettings,
  file: string,
  range: Range,
  only: readonly string[] | undefined,
  versionOf: (uri: string) => number | null,
  /** The analysis of the project's current texts (its index and findings). */
  analysis: ProjectAnalysis,
): CodeAction[] {
  const module = project.modules.get(file);
  if (!module || !wantsKind(only, REFACTOR_KIND) && !(only ?? []).some((o) => o.startsWith(`${REFACTOR_KIND}.`))) return [];
  const offset = (p: Range["start"]) => Math.min((module.lineStarts[p.line] ?? module.text.length) + p.character, module.text.length);
  const refactorings = refactoringsAt(analysis.index, module, { start: offset(range.start), end: offset(range.end) })
    .filter((r) => wantsKind(only, r.kind));
  if (refactorings.length === 0) return [];
  let before: Map<string, Finding[]> | undefined;
  return refactorings.map((r) => {
    if (r.fix) {
      before ??= analysis.byFile();
      if (verifyRefactoring(project, settings, before, r.fix)) return { title: r.title, kind: r.kind, edit: workspaceEditOf(r.fix.edits, project, versionOf) };
    }
    return { title: r.title, kind: r.kind, disabled: { reason: r.disabledReason ?? "The result would not parse or would add Convex problems." } };
  });
}

export function sameRange(d: Diagnostic, f: Report): boolean {
  return d.range.start.line === f.start.line && d.range.start.character === f.start.character &&
    d.range.end.line === f.end.line && d.range.end.character === f.end.character;
}

/** A refactoring that makes the same edit as a quick fix in the same menu is listed once, as the fix. */
export function withoutRepeatedRefactorings(actions: CodeAction[]): CodeAction[] {
  const fixes = new Set(actions.filter((a) => a.kind?.startsWith(`${CodeActionKind.QuickFix}.`)).map((a) => a.title));
  return actions.filter((a) => !(a.kind?.startsWith(`${CodeActionKind.Refactor}.`) && !a.disabled && fixes.has(a.title)));
}
