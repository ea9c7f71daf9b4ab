import { filterToIndexFixes } from "../fixes/withIndex";
import type { QueryStep } from "../project/types";
import type { Rule } from "./types";

/**
 * A filter after an index range that no index could narrow further: it has no equality on a field,
 * and no bound on one unless the range already ends with a bound. That is what remains once the
 * indexable conditions moved into `withIndex`.
 */
function nothingLeftToIndex(range: QueryStep | undefined, step: QueryStep): boolean {
  if (!range || step.indexable === undefined) return false;
  if (step.indexable.some((c) => c.op === "eq")) return false;
  return step.indexable.length === 0 || range.rangeBounded === true;
}

export const noFilterInQuery: Rule = {
  meta: {
    id: "no-filter-in-query",
    description: "`.filter(…)` on a database query instead of an index.",
    category: "schema",
    defaultSeverity: "warning",
    fixKind: "fix",
    eslint: true,
  },
  check({ module, index, report }) {
    for (const fn of module.functions) {
      for (const chain of fn.queries) {
        /** The chain's first index range before the step (found as the loop goes: a chain can be thousands of steps long). */
        let range: QueryStep | undefined;
        for (const step of chain.steps) {
          if (!range && step.method === "withIndex" && step.fieldsKnown && step.fields.length > 0) range = step;
          if (step.method !== "filter" || nothingLeftToIndex(range, step)) continue;
          const fields = [...new Set(step.fields.map((f) => f.name))];
          const indexHint = fields.length > 0
            ? `Add an index on ${fields.map((f) => `"${f}"`).join(", ")} to the "${chain.table ?? "…"}" table and use \`.withIndex(…)\``
            : "Use an index with `.withIndex(…)`";
          report(
            step.span,
            `\`.filter()\` on a database query reads every document in the range and discards the ones that do not ` +
              `match: the query costs as much as a full scan and slows down as the table grows. ` +
              `${indexHint}, or filter in TypeScript after a bounded read.`,
            { fixes: () => filterToIndexFixes(index, module, chain, step) },
          );
        }
      }
    }
  },
};
