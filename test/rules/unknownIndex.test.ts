import { unknownIndex } from "../../server/src/rules/unknownIndex";
import { HEADER, ruleTests } from "../support/ruleTester";

const query = (chain: string) => `${HEADER}export const f = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks")${chain};
  },
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
      name: "undefined index: the message proposes its definition from the range fields",
      code: query(`.withIndex("by_user_and_text", (q) => q.eq("userId", args.userId).eq("text", "a")).collect()`),
      errors: [{ line: 6, column: 50, endColumn: 68, message: '`.index("by_user_and_text", ["userId", "text"])`' }],
    },
    {
      name: "a near miss suggests the existing name",
      code: query(`.withIndex("by_users", (q) => q.eq("userId", args.userId)).collect()`),
      errors: [{ line: 6, column: 50, endColumn: 60, message: 'Did you mean "by_user"?' }],
    },
    {
      name: "a search index used with withIndex",
      code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("messages").withIndex("search_body").collect() });\n`,
      errors: [{ line: 3, column: 95, endColumn: 108, message: "use withSearchIndex" }],
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
      errors: [{ line: 8, column: 18, endColumn: 27 }],
    },
  ],
});
