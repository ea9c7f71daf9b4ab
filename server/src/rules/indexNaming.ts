import { renameIndex } from "../fixes/schemaEdits";
import type { Rule } from "./types";

const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** The conventional name of an index on `fields`: `by_a_and_b` (a nested `a.b` becomes `a_b`). */
export function conventionalIndexName(fields: readonly string[]): string {
  return `by_${fields.map((f) => f.replace(/\./g, "_")).join("_and_")}`;
}

export const indexNaming: Rule = {
  meta: {
    id: "index-naming",
    description: "A database index whose name does not spell its fields as `by_a_and_b`.",
    category: "schema",
    defaultSeverity: "info",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    const schema = module.role === "schema" ? module.schema : undefined;
    if (!schema) return;
    for (const table of schema.tables) {
      for (const idx of table.indexes) {
        if (idx.kind !== "index" || idx.fields.length === 0 || !idx.fieldsKnown) continue;
        // Reserved and invalid names are invalid-index's business.
        if (idx.name.startsWith("_") || idx.name === "by_id" || idx.name === "by_creation_time" || !IDENTIFIER.test(idx.name)) continue;
        const expected = conventionalIndexName(idx.fields);
        if (idx.name === expected || !IDENTIFIER.test(expected) || expected.length > 64) continue;
        // `by_a_2` when another index of the table already holds the name `by_a`.
        const suffixed = idx.name.startsWith(`${expected}_`) && /^\d+$/.test(idx.name.slice(expected.length + 1));
        if (suffixed && table.indexes.some((other) => other !== idx && other.name === expected)) continue;
        report(
          idx.nameSpan,
          `Index "${idx.name}" on table "${table.name}" does not spell its fields: by convention it is named "${expected}", ` +
            `so that every \`withIndex\` call shows which fields it ranges over, in order. Rename it (and the \`withIndex\` calls that use it).`,
          {
            fixes: () => {
              // The conventional name held by another index: renaming would collide.
              if (table.indexes.some((other) => other.name === expected)) return [];
              // An index named after this one (`by_a_2` beside `by_a`) would lose its excuse.
              if (table.indexes.some((other) => other.name.startsWith(`${idx.name}_`) && /^\d+$/.test(other.name.slice(idx.name.length + 1)))) return [];
              const edits = renameIndex(index.project, table.name, idx, expected);
              return edits ? [{ title: `Rename index to "${expected}"`, safe: true, edits }] : [];
            },
          },
        );
      }
    }
  },
};
