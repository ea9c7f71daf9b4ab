import { indexRangeOrder } from "../../server/src/rules/indexRangeOrder";
import { HEADER, ruleTests } from "../support/ruleTester";

const query = (chain: string) => `${HEADER}export const f = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks")${chain};
  },
});
`;

ruleTests(indexRangeOrder, {
  valid: [
    { name: "all fields in order", code: query(`.withIndex("by_user_and_done", (q) => q.eq("userId", args.userId).eq("done", false)).collect()`) },
    { name: "a prefix of the fields", code: query(`.withIndex("by_user_and_done", (q) => q.eq("userId", args.userId)).collect()`) },
    { name: "lower and upper bound on the same field", code: query(`.withIndex("by_user_and_done", (q) => q.eq("userId", args.userId).gte("done", false).lte("done", true)).collect()`) },
    { name: "the automatic _creationTime after the listed fields", code: query(`.withIndex("by_user", (q) => q.eq("userId", args.userId).gt("_creationTime", 0)).collect()`) },
    { name: "the built-in by_creation_time index", code: query(`.withIndex("by_creation_time", (q) => q.gt("_creationTime", 0).lt("_creationTime", 10)).take(5)`) },
    { name: "no range expression", code: query(`.withIndex("by_user_and_done").take(5)`) },
    { name: "a block-bodied range in order", code: query(`.withIndex("by_user_and_done", (q) => { return q.eq("userId", args.userId).eq("done", true); }).collect()`) },
    { name: "an unknown index is unknown-index's business", code: query(`.withIndex("by_done", (q) => q.eq("done", true)).collect()`) },
    { name: "an unknown table is unknown-table's business", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("nope").withIndex("by_a", (q) => q.eq("b", 1)).collect() });` },
    { name: "no schema", schema: null, code: query(`.withIndex("by_user_and_done", (q) => q.eq("done", true)).collect()`) },
    {
      name: "an untrusted schema (spread tables)",
      schema: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ ...other, tasks: defineTable({ userId: v.string(), done: v.boolean() }).index("by_user_and_done", ["userId", "done"]) });\n`,
      code: query(`.withIndex("by_user_and_done", (q) => q.eq("done", true)).collect()`),
    },
    {
      name: "an index whose field list is not written out as literals",
      schema: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nconst F = "done";\nexport default defineSchema({ tasks: defineTable({ userId: v.string(), done: v.boolean() }).index("by_x", [F, "userId"]) });\n`,
      code: query(`.withIndex("by_x", (q) => q.eq("done", true).eq("userId", args.userId)).collect()`),
    },
    { name: "a search index queried with withSearchIndex", code: `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("messages").withSearchIndex("search_body", (q) => q.search("body", "x")).take(5) });` },
  ],
  invalid: [
    {
      name: "the second field without the first",
      code: query(`.withIndex("by_user_and_done", (q) => q.eq("done", true)).collect()`),
      errors: [{ line: 6, column: 82, endColumn: 88, message: 'Index "by_user_and_done" on table "tasks" has the fields ["userId", "done"] (then the automatic "_creationTime"): a range expression must compare them in that order, starting with the first, and cannot skip one. Here "userId" must come before "done".' }],
    },
    {
      name: "both fields, in the wrong order: reported once, on the first out-of-order field",
      code: query(`.withIndex("by_user_and_done", (q) => q.eq("done", true).eq("userId", args.userId)).collect()`),
      errors: [{ line: 6, column: 82, endColumn: 88, message: 'Here "userId" must come before "done"' }],
    },
    {
      name: "a field the index does not have",
      code: query(`.withIndex("by_user", (q) => q.eq("userId", args.userId).eq("text", "a")).collect()`),
      errors: [{ line: 6, column: 99, endColumn: 105, message: '"text" is not a field of this index' }],
    },
    {
      name: "skipping a listed field to reach _creationTime",
      code: query(`.withIndex("by_user_and_done", (q) => q.eq("userId", args.userId).gt("_creationTime", 0)).collect()`),
      errors: [{ line: 6, column: 108, endColumn: 123, message: 'Here "done" must come before "_creationTime"' }],
    },
    {
      name: "by_creation_time ranges only over _creationTime",
      code: query(`.withIndex("by_creation_time", (q) => q.eq("userId", args.userId)).collect()`),
      errors: [{ line: 6, column: 82, endColumn: 90, message: 'Index "by_creation_time" on table "tasks" has the fields ["_creationTime"]' }],
    },
    {
      name: "destructured db, multi-line chain",
      code: `${HEADER}export const f = query({
  args: {},
  handler: async ({ db }) => {
    return await db
      .query("users")
      .withIndex("by_token", (q) =>
        q.eq("name", "x"),
      )
      .unique();
  },
});
`,
      errors: [{ line: 9, column: 14, endColumn: 20, message: '"name" is not a field of this index' }],
    },
  ],
});
