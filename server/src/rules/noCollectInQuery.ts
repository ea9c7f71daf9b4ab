import type { QueryChain } from "../project/types";
import { collectToTake } from "../fixes/rewrites";
import type { Rule } from "./types";

/** Whether the chain narrows what it reads: an index range, or a search index. */
function bounded(chain: QueryChain): boolean {
  return chain.steps.some(
    (s) =>
      s.method === "withSearchIndex" ||
      // A range the analyzer cannot read (built by a helper, a variable) may well narrow the read.
      (s.method === "withIndex" && (s.fields.length > 0 || !s.fieldsKnown)),
  );
}

export const noCollectInQuery: Rule = {
  meta: {
    id: "no-collect-in-query",
    description: "`.collect()` on a whole table or a whole index in a public query.",
    category: "function-types",
    defaultSeverity: "warning",
    fixKind: "suggestion",
    eslint: true,
  },
  check({ module, report }) {
    if (module.role !== "function") return;
    for (const fn of module.functions) {
      if (fn.kind !== "query" || fn.visibility !== "public") continue;
      for (const chain of fn.queries) {
        const last = chain.steps[chain.steps.length - 1];
        if (!last || last.method !== "collect" || bounded(chain)) continue;
        const index = chain.steps.find((s) => s.method === "withIndex");
        const what = chain.table === undefined ? "the table" : `table "${chain.table}"`;
        const scope = index ? `every document in index "${index.indexName ?? "…"}" of ${what}` : `every document of ${what}`;
        report(
          last.span,
          `\`.collect()\` in public query "${fn.name}" reads ${scope}, with no index range to narrow it. Every document ` +
            `counts toward database bandwidth and the per-function read limits, the query re-runs whenever any of them ` +
            `changes, and it fails once the table outgrows those limits. Read a bounded number with \`.take(n)\` or ` +
            `\`.paginate(…)\`, or narrow the read with an index range.`,
          { fixes: () => collectToTake(module, last.span) },
        );
      }
    }
  },
};
