import { removeIndex, withIndexSites } from "../fixes/schemaEdits";
import type { ConvexProject } from "../project/project";
import type { SchemaIndex, SchemaTable } from "../project/types";
import { fieldList } from "./indexFields";
import type { Rule } from "./types";

export const noDuplicateIndexes: Rule = {
  meta: {
    id: "no-duplicate-indexes",
    description:
      "Two database indexes of one table with the same fields (Convex rejects the push), or an index whose fields are a prefix of another's (redundant).",
    category: "schema",
    defaultSeverity: "error",
    fixKind: "fix",
    eslint: true,
    deploy: true,
  },
  check({ module, index, report }) {
    const schema = module.role === "schema" ? module.schema : undefined;
    if (!schema) return;
    for (const table of schema.tables) {
      // Only lists written out as string literals can be compared; an empty list is invalid-index's business.
      const indexes = table.indexes.filter((i) => i.kind === "index" && i.fields.length > 0 && i.fieldsKnown);
      indexes.forEach((idx, position) => {
        const same = indexes.slice(0, position).find((other) => sameFields(other, idx));
        if (same) {
          report(
            idx.nameSpan,
            `Index "${idx.name}" on table "${table.name}" has the same fields as "${same.name}" (${fieldList(idx.fields)}). ` +
              `Convex rejects the push: indexes must be unique within a table. Remove one of them and use the other's name in \`withIndex\`.`,
            // With a wider index around, the twin left behind would still be redundant: no one-step fix.
            { fixes: () => (indexes.some((other) => isStrictPrefix(idx.fields, other.fields)) ? [] : removeFixes(index.project, table, idx)) },
          );
          return;
        }
        if (indexes.some((other) => other !== idx && sameFields(other, idx))) return; // reported on the later twin
        const wider = indexes.find((other) => isStrictPrefix(idx.fields, other.fields));
        if (wider) {
          report(
            idx.nameSpan,
            `Index "${idx.name}" on table "${table.name}" (${fieldList(idx.fields)}) is a prefix of "${wider.name}" (${fieldList(wider.fields)}) ` +
              `(redundant prefix): every \`withIndex("${idx.name}", …)\` range can run on "${wider.name}" instead, and each extra index slows writes and uses storage. ` +
              `Remove it and query "${wider.name}", unless you rely on its order (by _creationTime within equal ${fieldList(idx.fields)}).`,
            // Convex accepts it; it only costs writes and storage.
            { severity: "warning", fixes: () => removeFixes(index.project, table, idx) },
          );
        }
      });
    }
  },
};

function sameFields(a: SchemaIndex, b: SchemaIndex): boolean {
  return a.fields.length === b.fields.length && a.fields.every((f, i) => f === b.fields[i]);
}

function isStrictPrefix(short: readonly string[], long: readonly string[]): boolean {
  return short.length < long.length && short.every((f, i) => f === long[i]);
}

/** Removing the index, when no `withIndex` names it (and none on a table the analyzer cannot tell might). */
function removeFixes(project: ConvexProject, table: SchemaTable, idx: SchemaIndex) {
  if (withIndexSites(project, table.name, idx.name)?.length !== 0) return [];
  const edit = removeIndex(project, table.name, idx);
  return edit ? [{ title: `Remove index "${idx.name}"`, safe: true, edits: [edit] }] : [];
}
