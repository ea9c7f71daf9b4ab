import { SYSTEM_TABLES } from "../engine/index";
import { inferTableFields, withKnownIds } from "../fixes/inferFields";
import { addTable } from "../fixes/schemaEdits";
import { closest } from "./text";
import type { Rule } from "./types";

export const unknownTable: Rule = {
  meta: {
    id: "unknown-table",
    description: "A table name that the schema does not define.",
    category: "schema",
    defaultSeverity: "error",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    if (!index.schemaTrusted) return;
    const check = (name: string, span: { start: number; end: number }) => {
      if (SYSTEM_TABLES.has(name) || index.table(name)) return;
      const guess = closest(name, index.tableNames());
      report(
        span,
        `Table "${name}" is not defined in the schema. The generated types reject it, and untyped code ` +
          `reads nothing from it or writes to a stray table that no validator checks. ` +
          (guess ? `Did you mean "${guess}"? Otherwise add` : "Add") +
          ` \`${name}: defineTable({ … })\` to schema.ts.`,
        {
          fixes: () => {
            if (name.startsWith("_") || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return [];
            const fields = withKnownIds(inferTableFields(index.project, name), (t) => t === name || SYSTEM_TABLES.has(t) || index.table(t) !== undefined);
            const edits = addTable(index.project, { name, fields });
            // A near miss is more likely a typo than a new table: then only a suggestion, never applied by fix-all.
            return edits ? [{ title: `Add table "${name}" to the schema`, safe: guess === undefined, edits }] : [];
          },
        },
      );
    };
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        if (call.area === "db" && call.tableName !== undefined && call.tableNameSpan) check(call.tableName, call.tableNameSpan);
      }
    }
    for (const id of module.idValidators) check(id.table, id.span);
  },
};
