import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

// Called from the React app (src/App.tsx).
export const list = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    // no-filter-in-query: scans the whole table; `by_user` already covers userId.
    return await ctx.db
      .query("tasks")
      .filter((q) => q.eq(q.field("userId"), args.userId))
      .collect();
  },
});

export const listOpen = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    // unknown-index: the schema has no index named by_user_and_completed.
    return await ctx.db
      .query("tasks")
      .withIndex("by_user_and_completed", (q) => q.eq("userId", args.userId).eq("isCompleted", false))
      .collect();
  },
});

export const create = mutation({
  args: { text: v.string(), userId: v.id("users") },
  handler: async (ctx, args) => {
    return await ctx.db.insert("tasks", { text: args.text, isCompleted: false, userId: args.userId });
  },
});

// require-args-validator: public function without an `args` validator.
export const complete = mutation({
  handler: async (ctx, { taskId }: { taskId: any }) => {
    await ctx.db.patch("tasks", taskId, { isCompleted: true });
  },
});

// query-no-writes + unknown-table: queries are read-only, and there is no `auditLog` table.
export const countAndLog = query({
  args: {},
  handler: async (ctx) => {
    const tasks = await ctx.db.query("tasks").collect();
    await ctx.db.insert("auditLog", { event: "count", at: tasks.length });
    return tasks.length;
  },
});
