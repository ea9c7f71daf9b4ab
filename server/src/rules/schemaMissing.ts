import { SYSTEM_TABLES } from "../engine/index";
import { inferSchemaTables } from "../fixes/inferFields";
import { createSchema } from "../fixes/schemaEdits";
import type { CtxCall } from "../project/types";
import type { Rule } from "./types";

export const schemaMissing: Rule = {
  meta: {
    id: "schema-missing",
    description: "Function modules use `ctx.db` but the project has no `schema.ts`.",
    category: "schema",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    if (module.role !== "function" || index.hasSchema) return;
    let first: CtxCall | undefined;
    const tables = new Set<string>();
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        if (call.area !== "db") continue;
        if (!first || call.areaSpan.start < first.areaSpan.start) first = call;
        if (call.tableName !== undefined) tables.add(call.tableName);
      }
    }
    if (!first) return;
    const names = [...tables].sort();
    report(
      first.areaSpan,
      `This module uses the database but the project has no schema.ts in its functions folder. Without a schema ` +
        `Convex validates no document, the generated types give every table \`any\` fields, and indexes (which only the ` +
        `schema can declare) are unavailable. Add schema.ts with \`export default defineSchema({ … })\`` +
        (names.length > 0 ? ` declaring the tables used here: ${names.map((n) => `"${n}"`).join(", ")}.` : "."),
      {
        fixes: () => {
          const edit = createSchema(index.project, inferSchemaTables(index.project, (t) => SYSTEM_TABLES.has(t)));
          return edit ? [{ title: "Create schema.ts declaring the tables the code uses", safe: true, edits: [edit] }] : [];
        },
      },
    );
  },
};
