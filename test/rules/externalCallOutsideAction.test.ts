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
        { line: 7, column: 23, endColumn: 28, message: "`fetch()` in mutation \"save\"" },
        { line: 11, column: 78, endColumn: 83, message: "ctx.scheduler.runAfter(0" },
      ],
    },
  ],
});
