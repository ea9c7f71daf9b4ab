import { addIndex, freeIndexName } from "../fixes/schemaEdits";
import type { ModuleFacts, SchemaField } from "../project/types";
import { conventionalIndexName } from "./indexNaming";
import type { Rule } from "./types";

/**
 * `table → fields` a module's query chains filter by. Kept per facts object: an edit re-runs this
 * rule (the module's filters changed) but leaves every other module's facts, and this, as they were.
 */
const filtersOfModule = new WeakMap<ModuleFacts, Map<string, string[]>>();

function filteredFields(m: ModuleFacts): Map<string, string[]> {
  let found = filtersOfModule.get(m);
  if (found) return found;
  found = new Map();
  for (const fn of m.functions) {
    for (const chain of fn.queries) {
      if (chain.table === undefined) continue;
      for (const step of chain.steps) {
        if (step.method !== "filter") continue;
        let fields = found.get(chain.table);
        if (!fields) found.set(chain.table, (fields = []));
        for (const f of step.fields) fields.push(f.name);
      }
    }
  }
  filtersOfModule.set(m, found);
  return found;
}

function isIdField(field: SchemaField): boolean {
  const validator = field.validator.replace(/\s+/g, "");
  return validator.startsWith("v.id(") || validator.startsWith("v.optional(v.id(");
}

export const missingIndexForForeignKey: Rule = {
  meta: {
    id: "missing-index-for-foreign-key",
    description: "A `v.id(…)` field that no index starts with, while code filters the table by it.",
    category: "schema",
    defaultSeverity: "hint",
    fixKind: "suggestion",
  },
  check({ module, index, report }) {
    if (module.role !== "schema" || !module.schema) return;
    // `table → field → first module that filters by it`, over every function module's query chains.
    const filteredBy = new Map<string, Map<string, ModuleFacts>>();
    for (const m of index.allModules("filters")) {
      if (m.role !== "function") continue;
      for (const [table, names] of filteredFields(m)) {
        let fields = filteredBy.get(table);
        if (!fields) filteredBy.set(table, (fields = new Map()));
        for (const name of names) if (!fields.has(name)) fields.set(name, m);
      }
    }
    for (const table of module.schema.tables) {
      const used = filteredBy.get(table.name);
      // With an index chain the analyzer could not follow, an index on the field may exist.
      if (!used || !table.indexesKnown) continue;
      for (const field of table.fields) {
        const user = used.get(field.name);
        if (!user || !isIdField(field)) continue;
        // An index whose field list is not all literals might start with the field: stay quiet.
        const covered = table.indexes.some((i) => i.kind === "index" && (i.fields[0] === field.name || !i.fieldsKnown));
        if (covered) continue;
        report(
          field.span,
          `"${field.name}" of table "${table.name}" refers to other documents, and convex/${user.modulePath} looks up ` +
            `"${table.name}" by it with \`.filter(…)\`, but no index starts with "${field.name}": each such lookup scans ` +
            `the whole table. Add \`.index("by_${field.name}", ["${field.name}"])\` to the table and query it with ` +
            `\`.withIndex("by_${field.name}", (q) => q.eq("${field.name}", …))\`.`,
          {
            fixes: () => {
              const name = freeIndexName(table, conventionalIndexName([field.name]));
              const edit = index.trustedSchema ? addIndex(index.project, table.name, name, [field.name]) : undefined;
              return edit ? [{ title: `Add index "${name}" to "${table.name}"`, safe: false, edits: [edit] }] : [];
            },
          },
        );
      }
    }
  },
};
