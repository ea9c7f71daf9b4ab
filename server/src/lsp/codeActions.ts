// Code actions offered on every Convex diagnostic, recomputed from the document's current text on
// each request (no state kept between requests).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { disableForFile, disableForLine, type TextEdit } from "../fixes/suppress";
import { docsUrl } from "../rules/registry";
import type { Finding } from "../engine/analyze";
import { positionAt } from "../project/parse";
import type { ConvexProject } from "../project/project";
import type { Fix } from "../rules/types";
import { DIAGNOSTIC_SOURCE, pathToUri } from "./convert";

/** Client command that opens a rule's documentation page. */
export const OPEN_RULE_DOCS_COMMAND = "convex.openRuleDocs";
export const DISABLE_KIND = `${CodeActionKind.QuickFix}.convex.disable`;
export const DOCS_KIND = `${CodeActionKind.QuickFix}.convex.docs`;

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
): CodeAction {
  const byFile = new Map<string, Fix["edits"]>();
  for (const e of fix.edits) byFile.set(e.path, [...(byFile.get(e.path) ?? []), e]);
  const documentChanges = [...byFile].map(([path, edits]) => {
    const lineStarts = project.modules.get(path)?.lineStarts ?? [0];
    const uri = pathToUri(path);
    return {
      textDocument: { uri, version: versionOf(uri) },
      edits: edits.map((e) => ({ range: { start: positionAt(lineStarts, e.start), end: positionAt(lineStarts, e.end) }, newText: e.newText })),
    };
  });
  return {
    title: fix.title,
    kind: `${CodeActionKind.QuickFix}.convex.${finding.ruleId}`,
    diagnostics: [diagnostic],
    isPreferred: fix.safe,
    edit: { documentChanges },
  };
}

export function sameRange(d: Diagnostic, f: Finding): boolean {
  return d.range.start.line === f.start.line && d.range.start.character === f.start.character &&
    d.range.end.line === f.end.line && d.range.end.character === f.end.character;
}
