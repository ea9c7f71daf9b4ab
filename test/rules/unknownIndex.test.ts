import { unknownIndex } from "../../server/src/rules/unknownIndex";
import { HEADER, ruleTests } from "../support/ruleTester";

const query = (chain: string) => `${HEADER}export const f = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks")${chain};
  },
});
`;

const SCHEMA_HEAD = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

`;
const OWN_LINE = `${SCHEMA_HEAD}export default defineSchema({
  tasks: defineTable({ text: v.string(), userId: v.id("users"), done: v.boolean(), priority: v.number() })
    .index("by_text", ["text"]),
  users: defineTable({ name: v.string() }),
});
`;
const INLINE = `${SCHEMA_HEAD}export default defineSchema({
  tasks: defineTable({ text: v.string(), userId: v.id("users"), done: v.boolean(), priority: v.number() }).index("by_text", ["text"]),
  users: defineTable({ name: v.string() }),
});
`;

ruleTests(unknownIndex, {
  valid: [
    { name: "a defined index", code: query(`.withIndex("by_user", (q) => q.eq("userId", args.userId)).collect()`) },
    { name: "the built-in by_creation_time index", code: query(`.withIndex("by_creation_time").order("desc").take(10)`) },
    { name: "a defined search index", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("messages").withSearchIndex("search_body", (q) => q.search("body", "x")).take(5) });` },
    { name: "an unknown table is unknown-table's business", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("nope").withIndex("by_x").collect() });` },
    { name: "no schema", schema: null, code: query(`.withIndex("by_anything").collect()`) },
    {
      name: "indexes added through a helper cannot be listed, so nothing is reported",
      schema: `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ tasks: withIndexes(defineTable({})) });\n`,
      code: query(`.withIndex("by_other").collect()`),
    },
    { name: "an index name that is not a literal", code: query(`.withIndex(name).collect()`) },
  ],
  invalid: [
    {
      name: "a conventional name: the index is added under it, on its own line like the table's others",
      schema: OWN_LINE,
      code: query(`.withIndex("by_userId_and_done", (q) => q.eq("userId", args.userId).eq("done", false)).collect()`),
      errors: [{ line: 6, column: 50, fixes: ['Add index "by_userId_and_done" to "tasks"'] }],
    },
    {
      name: "a range with two bounds on one field lists the field once; inline chain",
      schema: INLINE,
      code: query(`.withIndex("by_userId_and_priority", (q) => q.eq("userId", args.userId).gt("priority", 1).lt("priority", 9)).collect()`),
      errors: [{ line: 6, column: 50, fixes: ['Add index "by_userId_and_priority" to "tasks"'] }],
    },
    {
      name: "CRLF schema, single-quoted name",
      schema: OWN_LINE.replace(/\n/g, "\r\n"),
      code: query(`.withIndex('by_done', (q) => q.eq('done', true)).collect()`),
      errors: [{ line: 6, column: 50, fixes: ['Add index "by_done" to "tasks"'] }],
    },
    {
      name: "no fix when the range's fields are unknown or not declared by the table",
      schema: OWN_LINE,
      code: query(`.withIndex("by_nothing").collect()`) + query(`.withIndex("by_missing", (q) => q.eq("missing", 1)).collect()`).replace("export const f", "export const g"),
      errors: [{ line: 6, column: 50, fixes: [] }, { line: 14, column: 50, fixes: [] }],
    },
    {
      name: "undefined index: the message proposes its definition from the range fields",
      code: query(`.withIndex("by_user_and_text", (q) => q.eq("userId", args.userId).eq("text", "a")).collect()`),
      errors: [{ line: 6, column: 50, endColumn: 68, message: '`.index("by_user_and_text", ["userId", "text"])`', fixes: ['Add index "by_userId_and_text" to "tasks" and use it'] }],
    },
    {
      name: "a near miss suggests the existing name",
      code: query(`.withIndex("by_users", (q) => q.eq("userId", args.userId)).collect()`),
      errors: [{ line: 6, column: 50, endColumn: 60, message: 'Did you mean "by_user"?', fixes: ['Use index "by_user"'] }],
    },
    {
      name: "a search index used with withIndex",
      code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("messages").withIndex("search_body").collect() });\n`,
      errors: [{ line: 3, column: 95, endColumn: 108, message: "use withSearchIndex", fixes: [] }],
    },
    {
      name: "destructured db, multi-line chain",
      code: `${HEADER}export const f = query({
  args: {},
  handler: async ({ db }) => {
    return await db
      .query("users")
      .withIndex("by_name")
      .collect();
  },
});
`,
      errors: [{ line: 8, column: 18, endColumn: 27, fixes: [] }],
    },
  ],
});
