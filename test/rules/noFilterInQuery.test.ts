import { noFilterInQuery } from "../../server/src/rules/noFilterInQuery";
import { HEADER, ruleTests } from "../support/ruleTester";

const SCHEMA_HEAD = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

`;
/** Index calls one per line. */
const OWN_LINE = `${SCHEMA_HEAD}export default defineSchema({
  tasks: defineTable({ text: v.string(), userId: v.id("users"), done: v.boolean(), priority: v.number() })
    .index("by_userId", ["userId"])
    .index("by_text", ["text"]),
  users: defineTable({ name: v.string() }),
});
`;
/** Index calls on the defineTable line; a table without indexes written over several lines. */
const INLINE = `${SCHEMA_HEAD}export default defineSchema({
  tasks: defineTable({ text: v.string(), userId: v.id("users"), done: v.boolean(), priority: v.number() }).index("by_userId", ["userId"]),
  users: defineTable({
    name: v.string(),
    age: v.number(),
  }),
});
`;
const handler = (body: string) => `${HEADER}export const f = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ${body};
  },
});
`;

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
    {
      name: "a filter left after an index range that no index could narrow further",
      code: handler(`ctx.db.query("tasks").withIndex("by_user", (q) => q.eq("userId", args.userId)).filter((q) => q.neq(q.field("text"), "")).collect()`),
    },
    {
      name: "a second bound left after a range that ends with a bound",
      code: handler(`ctx.db.query("tasks").withIndex("by_user_and_done", (q) => q.eq("userId", args.userId).gt("done", false)).filter((q) => q.gt(q.field("text"), "a")).collect()`),
    },
    { name: "filter on something that is not a database query", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => [1, 2].filter((n) => n > 1) });` },
  ],
  invalid: [
    {
      name: "add index: the table's index calls are each on their own line",
      schema: OWN_LINE,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), false)).collect()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_done" to "tasks" and use it'] }],
    },
    {
      name: "add index: inline chain",
      schema: INLINE,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), false)).collect()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_done" to "tasks" and use it'] }],
    },
    {
      name: "add index: a table with no indexes yet, its fields over several lines; equalities in source order",
      schema: INLINE,
      code: handler(`ctx.db.query("users").filter((q) => q.and(q.eq(q.field("name"), "x"), q.eq(q.field("age"), 3))).first()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_name_and_age" to "users" and use it'] }],
    },
    {
      name: "add index: a table with no indexes, on one line",
      schema: OWN_LINE,
      code: handler(`ctx.db.query("users").filter((q) => q.eq(q.field("name"), "x")).unique()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_name" to "users" and use it'] }],
    },
    {
      name: "add index: CRLF files keep CRLF",
      schema: OWN_LINE.replace(/\n/g, "\r\n"),
      code: handler(`ctx.db\n      .query("tasks")\n      .filter((q) => q.eq(q.field("done"), true))\n      .take(10)`).replace(/\n/g, "\r\n"),
      errors: [{ line: 8, column: 8, fixes: ['Add index "by_done" to "tasks" and use it'] }],
    },
    {
      name: "an existing index whose leading field matches is used, the schema left alone",
      schema: OWN_LINE,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("userId"), args.userId)).collect()`),
      errors: [{ line: 6, column: 40, fixes: ['Use index "by_userId"'] }],
    },
    {
      name: "equalities become the prefix, a bound ends the range, the rest stays in a filter on its own line",
      schema: OWN_LINE,
      code: handler(`ctx.db
      .query("tasks")
      .filter((q) => q.and(q.eq(q.field("done"), false), q.gt(q.field("priority"), 2), q.neq(q.field("text"), ""), q.lt(q.field("userId"), args.userId)))
      .collect()`),
      errors: [{ line: 8, column: 8, fixes: ['Add index "by_done_and_priority" to "tasks" and use it'] }],
    },
    {
      name: "two bounds on one field, one written value-first",
      schema: OWN_LINE,
      code: handler(`ctx.db.query("tasks").filter((q) => q.and(q.lt(1, q.field("priority")), q.lte(q.field("priority"), 5))).collect()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_priority" to "tasks" and use it'] }],
    },
    {
      name: "the conventional name is taken by an index on other fields",
      schema: `${SCHEMA_HEAD}export default defineSchema({
  tasks: defineTable({ text: v.string(), done: v.boolean() })
    .index("by_done", ["text"]),
});
`,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), true)).collect()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_done_2" to "tasks" and use it'] }],
    },
    {
      name: "a table declared as a constant and used by shorthand",
      schema: `${SCHEMA_HEAD}const tasks = defineTable({ text: v.string(), done: v.boolean() })
  .index("by_text", ["text"]);

export default defineSchema({ tasks });
`,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), true)).collect()`),
      errors: [{ line: 6, column: 40, fixes: ['Add index "by_done" to "tasks" and use it'] }],
    },
    {
      name: "no fix when the schema cannot be trusted",
      schema: `${SCHEMA_HEAD}import { shared } from "./shared";
export default defineSchema({ ...shared, tasks: defineTable({ done: v.boolean() }) });
`,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), true)).collect()`),
      errors: [{ line: 6, column: 40, fixes: [] }],
    },
    {
      name: "no fix for a field the table does not declare, nor for conditions no index can take",
      schema: OWN_LINE,
      code: handler(`ctx.db.query("tasks").filter((q) => q.eq(q.field("missing"), 1)).filter((q) => q.or(q.eq(q.field("done"), true), q.neq(q.field("text"), ""))).collect()`),
      errors: [{ line: 6, column: 40, fixes: [] }, { line: 6, column: 83, fixes: [] }],
    },
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
