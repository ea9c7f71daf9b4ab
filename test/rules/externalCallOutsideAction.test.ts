import { externalCallOutsideAction } from "../../server/src/rules/externalCallOutsideAction";
import { ruleTests } from "../support/ruleTester";

const H = "import { v } from \"convex/values\";\nimport { api, internal } from \"./_generated/api\";\nimport { action, internalAction, internalMutation, internalQuery, mutation, query } from \"./_generated/server\";\n";

ruleTests(externalCallOutsideAction, {
  valid: [
    { name: "fetch in an action", code: `${H}export const sync = action({ args: {}, handler: async () => { const r = await fetch("https://example.com"); return r.status; } });
` },
    { name: "fetch in a query is query-no-side-effects' finding", code: `${H}export const q = query({ args: {}, handler: async () => { await fetch("https://example.com"); } });
` },
    { name: "a mutation that schedules the request", code: `${H}export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, internal.sync.run, {}); } });
` },
    { name: "a method called fetch on another object", code: `${H}export const m = mutation({ args: {}, handler: async (ctx) => { const cache = { fetch: async () => 1 }; return await cache.fetch(); } });
` },
  ],
  invalid: [
    {
      name: "fetch in a mutation and an internal mutation",
      code: `${H}export const save = mutation({
  args: { url: v.string() },
  handler: async (ctx, { url }) => {
    const res = await fetch(url);
    await ctx.db.insert("tasks", { text: await res.text() });
  },
});
export const ping = internalMutation({ args: {}, handler: async () => { void fetch("https://example.com/ping"); } });
`,
      errors: [
        { line: 7, column: 23, endColumn: 28, message: "`fetch()` in mutation \"save\"", fixes: [] },
        { line: 11, column: 78, endColumn: 83, message: "ctx.scheduler.runAfter(0", fixes: [] },
      ],
    },
    {
      name: "a notification in an internal mutation: moved into an internalAction and scheduled",
      code: `import { v } from "convex/values";
import { internalMutation } from "./_generated/server";

const HOOK = "https://hooks.example.com/notify";

export const sendMessage = internalMutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    await ctx.db.insert("messages", { body, author: "me" });
    await fetch(HOOK, { method: "POST", body });
  },
});
`,
      errors: [{ line: 10, column: 11, endColumn: 16, fixes: ["Move the request into an internalAction and schedule it"] }],
    },
    {
      name: "args.x and a floating call",
      code: `import { v } from "convex/values";
import { internalMutation } from "./_generated/server";

export const createTask = internalMutation({
  args: { text: v.string(), userId: v.id("users") },
  handler: async (ctx, args) => {
    await ctx.db.insert("tasks", { text: args.text, userId: args.userId, done: false });
    fetch("https://hooks.example.com/tasks", { method: "POST", body: args.text });
    return null;
  },
});
`,
      errors: [{ line: 8, column: 5, endColumn: 10, fixes: ["Move the request into an internalAction and schedule it"] }],
    },
    {
      name: "no fix in a public mutation (scheduled-job-status would want the job's status recorded)",
      code: `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const sendMessage = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    await fetch("https://hooks.example.com/notify", { method: "POST", body });
  },
});
`,
      errors: [{ line: 7, column: 11, endColumn: 16, fixes: [] }],
    },
    {
      name: "no fix when the request uses a local variable",
      code: `import { v } from "convex/values";
import { internalMutation } from "./_generated/server";

export const sendMessage = internalMutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    const id = await ctx.db.insert("messages", { body, author: "me" });
    await fetch("https://hooks.example.com/notify", { method: "POST", body: id });
  },
});
`,
      errors: [{ line: 8, column: 11, endColumn: 16, fixes: [] }],
    },
  ],
});
