import { noFilterInQuery } from "../../server/src/rules/noFilterInQuery";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(noFilterInQuery, {
  valid: [
    {
      name: "Array.prototype.filter on collected results",
      code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => (await ctx.db.query("tasks").collect()).filter((t) => t.done) });`,
    },
    {
      name: "filter on the awaited array in a second statement",
      code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => { const all = await ctx.db.query("tasks").take(10); return all.filter((t) => t.done); } });`,
    },
    { name: "withIndex instead of filter", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").withIndex("by_user").collect() });` },
    { name: "filter on something that is not a database query", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => [1, 2].filter((n) => n > 1) });` },
  ],
  invalid: [
    {
      name: "a builder reassigned (let q = …; q = q.withIndex(…)) and filtered later",
      code: `${HEADER}export const listTasks = query({
  args: {},
  handler: async (ctx) => {
    let q = ctx.db.query("tasks");
    q = q.withIndex("by_user");
    return await q.filter((f) => f.eq(f.field("done"), true)).take(5);
  },
});
`,
      errors: [{ line: 8, column: 20, endColumn: 62, message: 'Add an index on "done" to the "tasks" table' }],
    },
    {
      name: "filter on a query, whole call highlighted",
      code: `${HEADER}export const f = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("tasks")
      .filter((q) => q.eq(q.field("done"), true))
      .collect();
  },
});
`,
      errors: [{ line: 8, column: 8, endLine: 8, endColumn: 50, message: 'Add an index on "done" to the "tasks" table' }],
    },
    {
      name: "filter after withIndex and order, in a mutation, with destructured db",
      code: `${HEADER}export const f = mutation({ args: {}, handler: async ({ db }) => db.query("tasks").withIndex("by_user").order("desc").filter((q) => q.eq(q.field("text"), "x")).first() });\n`,
      errors: [{ line: 3, column: 119, endColumn: 160 }],
    },
    {
      name: "two filters on one chain",
      code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").filter((q) => q.eq(q.field("a"), 1)).filter((q) => q.eq(q.field("b"), 2)).collect() });\n`,
      errors: [{ line: 3, column: 82, endColumn: 118 }, { line: 3, column: 119, endColumn: 155 }],
    },
  ],
});
