import type { Rule } from "./types";

export const noFilterInQuery: Rule = {
  meta: {
    id: "no-filter-in-query",
    description: "`.filter(…)` on a database query instead of an index.",
    category: "schema",
    defaultSeverity: "warning",
    fixKind: "fix",
    eslint: true,
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      for (const chain of fn.queries) {
        for (const step of chain.steps) {
          if (step.method !== "filter") continue;
          const fields = [...new Set(step.fields.map((f) => f.name))];
          const indexHint = fields.length > 0
            ? `Add an index on ${fields.map((f) => `"${f}"`).join(", ")} to the "${chain.table ?? "…"}" table and use \`.withIndex(…)\``
            : "Use an index with `.withIndex(…)`";
          report(
            step.span,
            `\`.filter()\` on a database query reads every document in the range and discards the ones that do not ` +
              `match: the query costs as much as a full scan and slows down as the table grows. ` +
              `${indexHint}, or filter in TypeScript after a bounded read.`,
          );
        }
      }
    }
  },
};
