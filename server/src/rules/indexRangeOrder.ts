import { fieldList } from "./indexFields";
import type { Rule } from "./types";

export const indexRangeOrder: Rule = {
  meta: {
    id: "index-range-order",
    description: "A `withIndex` range expression whose fields are not a prefix of the index's fields, in order.",
    category: "schema",
    defaultSeverity: "error",
    fixKind: "none",
  },
  check({ module, index, report }) {
    if (module.role !== "function" || !index.schemaTrusted) return;
    for (const fn of module.functions) {
      for (const chain of fn.queries) {
        const table = chain.table === undefined ? undefined : index.table(chain.table);
        if (!table || !table.indexesKnown) continue;
        for (const step of chain.steps) {
          if (step.method !== "withIndex" || step.indexName === undefined || step.fields.length === 0 || !step.fieldsKnown) continue;
          let fields: string[];
          let shown: string;
          if (step.indexName === "by_creation_time") {
            fields = ["_creationTime"];
            shown = fieldList(fields);
          } else if (step.indexName === "by_id") {
            fields = ["_id"];
            shown = fieldList(fields);
          } else {
            const idx = table.indexes.find((i) => i.kind === "index" && i.name === step.indexName);
            // Unknown or wrong-kind indexes are unknown-index's business; non-literal lists cannot be checked.
            if (!idx || idx.fields.length === 0 || !idx.fieldsKnown) continue;
            fields = [...idx.fields, "_creationTime"];
            shown = `${fieldList(idx.fields)} (then the automatic "_creationTime")`;
          }
          let position = 0;
          let previous: string | undefined;
          for (const field of step.fields) {
            if (position < fields.length && field.name === fields[position]) {
              previous = field.name;
              position++;
              continue;
            }
            // `.gt("f", a).lt("f", b)`: the upper bound compares the same field as the lower bound.
            if (previous !== undefined && field.name === previous) continue;
            const expected = position < fields.length ? fields[position] : undefined;
            report(
              field.span,
              `Index "${step.indexName}" on table "${table.name}" has the fields ${shown}: a range expression must compare them ` +
                `in that order, starting with the first, and cannot skip one. ` +
                (!fields.includes(field.name)
                  ? `"${field.name}" is not a field of this index. `
                  : expected !== undefined
                    ? `Here "${expected}" must come before "${field.name}". `
                    : `"${field.name}" is compared out of order. `) +
                `The generated types reject this and Convex throws when the query runs. ` +
                `Reorder the comparisons, use an index whose fields start with these, or move the extra conditions into \`.filter(…)\`.`,
            );
            break;
          }
        }
      }
    }
  },
};
