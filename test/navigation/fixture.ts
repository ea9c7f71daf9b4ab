// The project most navigation tests run over: functions that call each other, a client, a schema.
export const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  tasks: defineTable({
    text: v.string(),
    userId: v.id("users"),
    done: v.boolean(),
    note: v.optional(v.string()),
  })
    .index("by_user", ["userId"])
    .index("by_user_and_done", ["userId", "done"]),
  messages: defineTable({ body: v.string(), author: v.string() }).searchIndex("search_body", { searchField: "body", filterFields: ["author"] }),
});
`;

export const TASKS = `import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, query } from "./_generated/server";

export const list = query({
  args: { userId: v.id("users"), done: v.optional(v.boolean()) },
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("tasks")
      .withIndex("by_user_and_done", (q) => q.eq("userId", args.userId).eq("done", false))
      .filter((q) => q.eq(q.field("note"), undefined))
      .collect();
    return rows;
  },
});

export const remove = internalMutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, args) => {
    await ctx.db.delete("tasks", args.id);
  },
});

export const clear = internalMutation({
  args: {},
  handler: async (ctx) => {
    const q = ctx.db.query("tasks");
    for (const row of await q.withIndex("by_user", (r) => r.eq("userId", "u")).collect()) {
      await ctx.runMutation(internal.tasks.remove, { id: row._id });
    }
  },
});
`;

export const LIB = `import type { QueryCtx } from "../_generated/server";

export async function userByToken(ctx: QueryCtx, token: string) {
  return await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", token)).unique();
}
`;

export const APP = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function App() {
  const tasks = useQuery(api.tasks.list, { userId: "u" as never });
  return tasks?.length ?? 0;
}
`;

export const FILES = {
  "convex/lib/users.ts": LIB,
  "src/App.tsx": APP,
};
