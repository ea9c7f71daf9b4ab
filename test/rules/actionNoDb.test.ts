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
  ],
});
