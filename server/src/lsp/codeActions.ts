// Code actions offered on every Convex diagnostic, recomputed from the document's current text on
// each request (no state kept between requests).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { disableForFile, disableForLine, type TextEdit } from "../fixes/suppress";
import { docsUrl } from "../rules/registry";
import { DIAGNOSTIC_SOURCE } from "./convert";

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
