// Shared by the navigation tests: a small in-memory project and exact cursor positions in it.
import { positionAt } from "../../server/src/project/parse";
import type { ModuleFacts, Span } from "../../server/src/project/types";
import { ROOT } from "../support/ruleTester";

export { projectFor, ROOT } from "../support/ruleTester";

/** The offset of `|` in `needle` once `needle` (without the bar) is found in `text` (the nth match). */
export function cursor(text: string, needle: string, nth = 0): number {
  const bar = needle.indexOf("|");
  if (bar < 0) throw new Error(`no | in ${needle}`);
  const plain = needle.slice(0, bar) + needle.slice(bar + 1);
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(plain, at + 1);
    if (at < 0) throw new Error(`${plain} not found (${i})`);
  }
  return at + bar;
}

/** `convex/jobs.ts:17:14 run`: file relative to the root, 1-based line and column, the text. */
export function where(location: { module: ModuleFacts; span: Span }): string {
  const { line, character } = positionAt(location.module.lineStarts, location.span.start);
  const file = location.module.path.slice(ROOT.length + 1);
  return `${file}:${line + 1}:${character + 1} ${location.module.text.slice(location.span.start, location.span.end)}`;
}
