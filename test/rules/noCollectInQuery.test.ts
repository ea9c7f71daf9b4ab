import { noCollectInQuery } from "../../server/src/rules/noCollectInQuery";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(noCollectInQuery, {
  valid: [
    {
      name: "an index range narrows the read",
      code: `${HEADER}export const listTasks = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks").withIndex("by_user", (q) => q.eq("userId", args.userId)).collect();
  },
});
`,
    },
    {
      name: "a search index",
      code: `${HEADER}export const listTasks = query({
  args: { text: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("messages").withSearchIndex("search_body", (q) => q.search("body", args.text)).collect();
  },
});
`,
    },
    {
      name: "a range built by a helper the analyzer cannot read",
      code: `${HEADER}const byUser = (q: any, userId: string) => q.eq("userId", userId);
export const listTasks = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks").withIndex("by_user", (q) => byUser(q, args.userId)).collect();
  },
});
`,
    },
    {
      name: "bounded reads",
      code: `${HEADER}export const listTasks = query({
  args: { paginationOpts: v.any() },
  handler: async (ctx, args) => {
    const a = await ctx.db.query("tasks").take(10);
    const b = await ctx.db.query("tasks").order("desc").first();
    const c = await ctx.db.query("tasks").paginate(args.paginationOpts);
    return { a, b, c };
  },
});
`,
    },
    {
      name: "internal queries, mutations and actions",
      code: `${HEADER}export const exportAll = internalQuery({
  args: {},
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks").collect();
  },
});
export const resetAll = mutation({
  args: {},
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks").collect();
  },
});
`,
    },
    {
      name: "collect on something that is not a query chain",
      code: `${HEADER}export const listTasks = query({
  args: {},
  handler: async (ctx, args) => {
    const items = { collect: () => [] };
    return items.collect();
  },
});
`,
    },
  ],
  invalid: [
    {
      name: "a query split across variables is followed to its collect()",
      code: `${HEADER}export const listTasks = query({
  args: {},
  handler: async (ctx, args) => {
    const all = ctx.db.query("tasks");
    return await all.collect();
  },
});
`,
      errors: [{ line: 7, column: 22, endColumn: 31, fixes: ["Replace `.collect()` with `.take(100)`"] }],
    },
    {
      name: "the whole table",
      code: `${HEADER}export const listTasks = query({
  args: {},
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks").collect();
  },
});
`,
      errors: [
        { line: 6, column: 40, endColumn: 49, message: "`.collect()` in public query \"listTasks\" reads every document of table \"tasks\"", fixes: ["Replace `.collect()` with `.take(100)`"] },
      ],
    },
    {
      name: "a whole index, an ordered scan, a filtered scan",
      code: `${HEADER}export const overview = query({
  args: {},
  handler: async (ctx, args) => {
    const byUser = await ctx.db.query("tasks").withIndex("by_user").collect();
    const recent = await ctx.db.query("tasks").order("desc").collect();
    const open = await ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), false)).collect();
    return { byUser, recent, open };
  },
});
`,
      errors: [
        { line: 6, column: 69, endColumn: 78, message: "every document in index \"by_user\" of table \"tasks\"" },
        { line: 7, column: 62, endColumn: 71 },
        { line: 8, column: 90, endColumn: 99, message: "`.take(n)` or `.paginate(\u2026)`" },
      ],
    },
  ],
});
