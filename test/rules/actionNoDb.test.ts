import { actionNoDb } from "../../server/src/rules/actionNoDb";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(actionNoDb, {
  valid: [
    { name: "runQuery and runMutation", code: `${HEADER}export const f = action({ args: {}, handler: async (ctx) => { const t = await ctx.runQuery(internal.a.get, {}); await ctx.runMutation(internal.a.set, { t }); } });` },
    { name: "fetch inside an action", code: `${HEADER}export const f = action({ args: {}, handler: async () => { const r = await fetch("https://example.com"); return r.status; } });` },
    { name: "ctx.db in a mutation", code: `${HEADER}export const f = mutation({ args: {}, handler: async (ctx) => ctx.db.insert("tasks", {}) });` },
  ],
  invalid: [
    {
      name: "ctx.db reached through a helper with destructured ctx",
      code: `${HEADER}const loadTask = async ({ db }: any, id: any) => db.get("tasks", id);
export const send = action({ args: {}, handler: async (ctx) => { await loadTask(ctx, "x"); } });
`,
      errors: [{ line: 3, column: 50, endColumn: 52 }],
    },
    {
      name: "ctx.db in an action",
      code: `${HEADER}export const f = action({\n  args: {},\n  handler: async (ctx) => {\n    return await ctx.db.query("tasks").collect();\n  },\n});\n`,
      errors: [{ line: 6, column: 18, endColumn: 24, message: 'Action "f" uses the database directly' }],
    },
    {
      name: "destructured db in an internal action, and ctx.db passed along",
      code: `${HEADER}export const f = internalAction({ args: {}, handler: async ({ db }) => db.get(id) });\nexport const g = action({ args: {}, handler: async (ctx) => helper(ctx.db) });\n`,
      errors: [{ line: 3, column: 72, endColumn: 74 }, { line: 4, column: 68, endColumn: 74 }],
    },
    {
      name: "a read with the action's arguments: moved into an internalQuery",
      code: `import { v } from "convex/values";
import { action } from "./_generated/server";

export const summarizeTask = action({
  args: { taskId: v.id("tasks"), limit: v.number() },
  handler: async (ctx, { taskId, limit }) => {
    const task = await ctx.db.get(taskId);
    const others = await ctx.db
      .query("tasks")
      .withIndex("by_user", (q) => q.eq("userId", task!.userId))
      .take(limit);
    return others.length;
  },
});
`,
      errors: [
        { line: 7, column: 24, endColumn: 30, fixes: ["Move the database access into an internalQuery"] },
        { line: 8, column: 26, endColumn: 32, fixes: [] },
      ],
    },
    {
      name: "a write with args.x: moved into an internalMutation, internal imported",
      code: `import { v } from "convex/values";
import { internalAction } from "./_generated/server";

export const createTask = internalAction({
  args: { text: v.string(), userId: v.id("users") },
  handler: async (ctx, args) => {
    await ctx.db.insert("tasks", { text: args.text, userId: args.userId, done: false });
  },
});
`,
      errors: [{ line: 7, column: 11, endColumn: 17, fixes: ["Move the database access into an internalMutation"] }],
    },
    {
      name: "no fix in a Node module",
      code: `"use node";
import { v } from "convex/values";
import { internalAction } from "./_generated/server";

export const createTask = internalAction({
  args: { text: v.string(), userId: v.id("users") },
  handler: async (ctx, args) => {
    await ctx.db.insert("tasks", { text: args.text, userId: args.userId, done: false });
  },
});
`,
      errors: [{ line: 8, column: 11, endColumn: 17, fixes: [] }],
    },
  ],
});
