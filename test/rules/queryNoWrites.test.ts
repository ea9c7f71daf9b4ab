import { queryNoWrites } from "../../server/src/rules/queryNoWrites";
import { HEADER, ruleTests } from "../support/ruleTester";

const inQuery = (body: string) => `${HEADER}export const f = query({
  args: {},
  handler: async (ctx) => {
    ${body}
  },
});
`;

ruleTests(queryNoWrites, {
  valid: [
    { name: "reads only", code: inQuery(`const t = await ctx.db.get(id); await ctx.storage.getUrl(s); return await ctx.runQuery(internal.a.b, {});`) },
    { name: "writes in a mutation", code: `${HEADER}export const f = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); await ctx.scheduler.runAfter(0, internal.a.b, {}); } });` },
    { name: "an array's delete-like method is not the database", code: inQuery(`const m = new Map(); m.delete("x"); return [].concat([]);`) },
  ],
  invalid: [
    {
      name: "a write in a same-module helper the queries pass ctx to, reported once for both callers",
      code: `${HEADER}async function logAccess(ctx: any, what: string) {
  await ctx.db.insert("tasks", { what });
}
export const list = query({ args: {}, handler: async (ctx) => { await logAccess(ctx, "list"); return null; } });
export const count = query({ args: {}, handler: async (ctx) => { await logAccess(ctx, "count"); return 0; } });
`,
      errors: [{ line: 4, column: 9, endColumn: 22, message: 'in query "list"' }],
    },
    {
      name: "every kind of write",
      code: inQuery(`await ctx.db.insert("tasks", {}); await ctx.db.patch(id, {}); await ctx.scheduler.runAfter(0, fn, {}); await ctx.runMutation(fn, {}); await ctx.storage.generateUploadUrl();`),
      errors: [
        { line: 6, column: 11, endColumn: 24, message: "`ctx.db.insert` in query \"f\"" },
        { line: 6, column: 45, endColumn: 57 },
        { line: 6, column: 73, endColumn: 95 },
        { line: 6, column: 114, endColumn: 129 },
        { line: 6, column: 145, endColumn: 174 },
      ],
    },
    {
      name: "destructured ctx and an internal query",
      code: `${HEADER}export const f = internalQuery({ args: {}, handler: async ({ db, runAction }) => { await db.replace(id, {}); await runAction(fn, {}); } });\n`,
      errors: [{ line: 3, column: 90, endColumn: 100 }, { line: 3, column: 116, endColumn: 125 }],
    },
    {
      name: "ctx unpacked inside the body",
      code: inQuery(`const { db } = ctx;\n    await db.delete(id);`),
      errors: [{ line: 7, column: 11, endColumn: 20 }],
    },
  ],
});
