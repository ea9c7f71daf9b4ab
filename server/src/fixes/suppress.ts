// Edits that silence a finding with a suppression comment. Plain text in, plain edits out.
import { parseRuleList } from "../project/extract/suppressions";
import { computeLineStarts } from "../project/parse";

export interface TextEdit {
  /** Offsets into the text; equal for an insertion. */
  start: number;
  end: number;
  newText: string;
}

const NEXT_LINE = /^([ \t]*)\/\/[ \t]*convex-disable-next-line\b([^\r\n]*)$/;

/**
 * `// convex-disable-next-line <rule>` above `line` (zero-based), indented like that line; when a
 * disable-next-line comment is already there, the rule is added to it.
 */
export function disableForLine(text: string, line: number, ruleId: string): TextEdit {
  const starts = computeLineStarts(text);
  const lineStart = starts[line] ?? text.length;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (line > 0) {
    const prevStart = starts[line - 1];
    const prevText = text.slice(prevStart, lineStart).replace(/\r?\n$|\r$/, "");
    const match = NEXT_LINE.exec(prevText);
    if (match) {
      const { rules, reason } = parseRuleList(match[2]);
      if (rules.includes(ruleId) || rules.length === 0) return { start: lineStart, end: lineStart, newText: "" };
      const rebuilt = `${match[1]}// convex-disable-next-line ${[...rules, ruleId].join(", ")}${reason ? ` -- ${reason}` : ""}`;
      return { start: prevStart, end: prevStart + prevText.length, newText: rebuilt };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { start: lineStart, end: lineStart, newText: `${indent}// convex-disable-next-line ${ruleId}${eol}` };
}

/** `/* convex-disable <rule> *\/` at the top of the file (after a shebang), once. */
export function disableForFile(text: string, ruleId: string): TextEdit {
  const existing = /\/\*[ \t]*convex-disable\b([\s\S]*?)\*\//.exec(text);
  if (existing && existing[1].split(/[\s,]+/).includes(ruleId)) return { start: 0, end: 0, newText: "" };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const start = text.startsWith("#!") ? text.indexOf("\n") + 1 || text.length : text.startsWith("\ufeff") ? 1 : 0;
  return { start, end: start, newText: `/* convex-disable ${ruleId} */${eol}` };
}
