import { BUILTIN_INDEXES } from "../engine/index";
import { unknownIndexFixes } from "../fixes/withIndex";
import { closest } from "./text";
import type { Rule } from "./types";

export const unknownIndex: Rule = {
  meta: {
    id: "unknown-index",
    description: "`.withIndex(\"name\", …)` where the table has no index of that name.",
    category: "schema",
    defaultSeverity: "error",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    if (!index.schemaTrusted) return;
    for (const fn of module.functions) {
      for (const chain of fn.queries) {
        const table = chain.table === undefined ? undefined : index.table(chain.table);
        if (!table || !table.indexesKnown) continue;
        for (const step of chain.steps) {
          if (step.method !== "withIndex" && step.method !== "withSearchIndex") continue;
          if (step.indexName === undefined || !step.indexNameSpan) continue;
          const wanted = step.method === "withIndex" ? "index" : "searchIndex";
          const same = table.indexes.filter((i) => i.kind === wanted).map((i) => i.name);
          if (same.includes(step.indexName) || (wanted === "index" && BUILTIN_INDEXES.has(step.indexName))) continue;
          const other = table.indexes.find((i) => i.name === step.indexName);
          if (other) {
            report(
              step.indexNameSpan,
              `"${step.indexName}" on table "${table.name}" is a ${other.kind === "index" ? "database index" : other.kind}, ` +
                `not a ${wanted === "index" ? "database index" : "search index"}: ` +
                `use ${other.kind === "index" ? "withIndex" : other.kind === "searchIndex" ? "withSearchIndex" : "ctx.vectorSearch"} for it.`,
            );
            continue;
          }
          const guess = closest(step.indexName, same);
          const fields = step.fields.map((f) => `"${f.name}"`).join(", ");
          report(
            step.indexNameSpan,
            `Table "${table.name}" has no ${wanted === "index" ? "index" : "search index"} named "${step.indexName}"; ` +
              `Convex rejects the query at run time. ` +
              (guess ? `Did you mean "${guess}"? ` : "") +
              (guess ? "Otherwise define" : "Define") +
              (wanted === "index"
                ? ` it in schema.ts: \`.index("${step.indexName}", [${fields}])\`.`
                : ` it in schema.ts with \`.searchIndex("${step.indexName}", { searchField: … })\`.`),
            { fixes: () => (wanted === "index" ? unknownIndexFixes(index, module, table, step) : []) },
          );
        }
      }
    }
  },
};
