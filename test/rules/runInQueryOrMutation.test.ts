import { runInQueryOrMutation } from "../../server/src/rules/runInQueryOrMutation";
import { ruleTests } from "../support/ruleTester";

const H = `import { v } from "convex/values";
import { api, components, internal } from "./_generated/api";
import { action, httpAction, internalMutation, mutation, query } from "./_generated/server";
`;

ruleTests(runInQueryOrMutation, {
  valid: [
    {
      name: "runMutation inside try: a sub-transaction that can roll back alone",
      code: `${H}export const f = mutation({ args: {}, handler: async (ctx) => { try { await ctx.runMutation(internal.a.b, {}); } catch (e) { await ctx.db.insert("tasks", {}); } } });\n`,
    },
    { name: "ctx.run* in an action", code: `${H}export const f = action({ args: {}, handler: async (ctx) => { const t = await ctx.runQuery(internal.tasks.get, {}); await ctx.runMutation(internal.tasks.save, { t }); } });\n` },
    { name: "ctx.run* in an HTTP action", code: `${H}export const hook = httpAction(async (ctx) => { await ctx.runMutation(internal.tasks.save, {}); return new Response(); });\n` },
    { name: "a plain helper in a query", code: `${H}async function load(ctx: any) { return await ctx.db.query("tasks").take(10); }\nexport const f = query({ args: {}, handler: async (ctx) => await load(ctx) });\n` },
    { name: "a component function", code: `${H}export const f = mutation({ args: {}, handler: async (ctx) => { await ctx.runMutation(components.rateLimiter.lib.rateLimit, { name: "x" }); return await ctx.runQuery(components.counter.lib.count, {}); } });\n` },
    { name: "a function handle from a variable", code: `${H}export const f = mutation({ args: { handle: v.string() }, handler: async (ctx, { handle }) => { await ctx.runMutation(handle as any, {}); } });\n` },
    { name: "runMutation in a query is query-no-writes' finding", code: `${H}export const f = query({ args: {}, handler: async (ctx) => { await ctx.runMutation(internal.tasks.save, {}); } });\n` },
    { name: "a runQuery method on another object", code: `${H}export const f = mutation({ args: {}, handler: async (ctx) => { const client = { runQuery: async (_: unknown) => 1 }; return await client.runQuery(internal.tasks.get); } });\n` },
  ],
  invalid: [
    {
      name: "runQuery in a query and a mutation, runMutation in a mutation",
      code: `${H}export const list = query({
  args: {},
  handler: async (ctx) => {
    const user = await ctx.runQuery(api.users.current, {});
    return user;
  },
});
export const save = internalMutation({
  args: {},
  handler: async (ctx) => {
    await ctx.runQuery(internal.users.current, {});
    await ctx.runMutation(internal.audit.log, {});
  },
});
`,
      errors: [
        { line: 7, column: 24, endColumn: 36, message: "`ctx.runQuery(api.users.current)` in query \"list\"" },
        { line: 14, column: 11, endColumn: 23, message: "plain TypeScript helper" },
        { line: 15, column: 11, endColumn: 26, message: "partial rollback" },
      ],
    },
    {
      name: "destructured runQuery",
      code: `${H}export const f = mutation({ args: {}, handler: async ({ runQuery }) => await runQuery(internal.users.current, {}) });\n`,
      errors: [{ line: 4, column: 78, endColumn: 86, message: "ctx.runQuery(internal.users.current)" }],
    },
  ],
});
