// One parse per module version: the `typescript` parser, syntax only (no program, no type checker).
import ts = require("typescript");
import { scriptKindFor } from "./paths";
import type { ParseProblem } from "./types";

const SCRIPT_KINDS = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX };

/**
 * A syntax tree with parent pointers, for code that walks it freely (fix builders, navigation).
 * JSDoc is not parsed: nothing reads it, and it costs time on every keystroke.
 */
export function parseModule(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, PARSE_OPTIONS, true, SCRIPT_KINDS[scriptKindFor(path)]);
}

/**
 * A syntax tree whose parent pointers are left for the caller's first walk over it to set, which
 * saves a whole pass over the tree (extraction does this on every edit).
 */
export function parseModuleWithoutParents(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, PARSE_OPTIONS, false, SCRIPT_KINDS[scriptKindFor(path)]);
}

const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/** Syntax errors the parser recovered from. A module with any still yields facts for what parsed. */
export function parseProblems(sourceFile: ts.SourceFile): ParseProblem[] {
  // `parseDiagnostics` is not in the public typings but is how the parser reports syntax errors
  // without building a Program.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    span: { start: d.start, end: d.start + d.length },
  }));
}

function hasParseProblems(sourceFile: ts.SourceFile): boolean {
  return ((sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** Offsets where each line starts, with the line breaks LSP recognises (`\n`, `\r\n`, `\r`). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Zero-based line and UTF-16 character of an offset. */
export function positionAt(lineStarts: readonly number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low] };
}

/**
 * The tree of `text`, re-parsed from the tree of an earlier text of the same file: the parser reuses
 * the nodes outside the changed span, which makes a keystroke in a long module cheap. `previous` is
 * consumed (its nodes move into the result) and must not be used afterwards.
 */
export function reparseModule(previous: { text: string; sourceFile: ts.SourceFile }, text: string): ts.SourceFile {
  // TypeScript's incremental parser can drop the syntax errors of a tree that had some (reused nodes
  // lose them; found by the fuzzer): such a tree is parsed again from scratch. A file mid-edit
  // often has one, but the answer must not depend on the path that led to the text.
  if (hasParseProblems(previous.sourceFile)) return parseModule(previous.sourceFile.fileName, text);
  const before = previous.text;
  let start = 0;
  const max = Math.min(before.length, text.length);
  while (start < max && before.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  const span = { start, length: before.length - end - start };
  return ts.updateSourceFile(previous.sourceFile, text, { span, newLength: text.length - end - start });
}
