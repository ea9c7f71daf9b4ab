// Suppression comments: `// convex-disable-next-line a, b -- reason`, `/* convex-disable a */`, and
// the official ESLint plugin's `eslint-disable(-next-line) @convex-dev/<id>`.
import { computeLineStarts, positionAt } from "../parse";
import type { Suppression } from "../types";

const SUPPRESSION = /\/\/[ \t]*convex-disable-next-line\b([^\r\n]*)|\/\*[ \t]*convex-disable\b([\s\S]*?)\*\//g;
/** The official ESLint plugin's comments, honoured for the rules that share its ids. */
const ESLINT_SUPPRESSION = /\/\/[ \t]*eslint-disable-next-line\b([^\r\n]*)|\/\*[ \t]*eslint-disable\b(?!-)([\s\S]*?)\*\//g;

/** `" a, b -- why"` → rules ["a", "b"], reason "why": the grammar after the comment's keyword. */
export function parseRuleList(body: string): { rules: string[]; reason?: string } {
  const [list, ...rest] = body.split(/\s--(?:\s|$)/);
  const reason = rest.length > 0 ? rest.join(" -- ").trim() : undefined;
  return { rules: list.split(/[\s,]+/).filter((r) => r.length > 0), reason };
}

/**
 * Suppression comments, found by a text scan so they work in files that do not parse. The rule list
 * ends at ` -- ` (the reason) or the end of the comment.
 */
export function extractSuppressions(text: string): Suppression[] {
  if (!text.includes("-disable")) return [];
  const lineStarts = computeLineStarts(text);
  const found: Suppression[] = [];
  const collect = (pattern: RegExp, toRules: (ids: string[]) => string[] | undefined) => {
    for (const match of text.matchAll(pattern)) {
      const rules = toRules(parseRuleList(match[1] ?? match[2] ?? "").rules);
      if (!rules) continue;
      const start = match.index ?? 0;
      found.push({
        scope: match[1] !== undefined ? "next-line" : "file",
        rules,
        line: positionAt(lineStarts, start).line,
        span: { start, end: start + match[0].length },
      });
    }
  };
  collect(SUPPRESSION, (ids) => ids);
  // Only comments naming @convex-dev/<id> count: a bare eslint-disable is about ESLint's own rules.
  collect(ESLINT_SUPPRESSION, (ids) => {
    const ours = ids.filter((id) => id.startsWith("@convex-dev/")).map((id) => id.slice("@convex-dev/".length));
    return ours.length > 0 ? ours : undefined;
  });
  return found.sort((a, b) => a.span.start - b.span.start);
}
