import { sequentialRunCalls } from "../../server/src/rules/sequentialRunCalls";
import { ruleTests } from "../support/ruleTester";

const H = "import { v } from \"convex/values\";\nimport { api, internal } from \"./_generated/api\";\nimport { action, internalAction, internalMutation, internalQuery, mutation, query } from \"./_generated/server\";\n";

ruleTests(sequentialRunCalls, {
  valid: [
    {
      name: "one call in try, the other in catch: alternatives, not a sequence",
      code: `${H}export const f = action({ args: {}, handler: async (ctx) => { try { await ctx.runMutation(internal.a.ok, {}); } catch (e) { await ctx.runMutation(internal.a.failed, {}); } } });\n`,
    },
    { name: "read, call an external service, write back", code: `${H}export const summarize = action({
  args: {},
  handler: async (ctx) => {
    const doc = await ctx.runQuery(internal.docs.get, {});
    const res = await fetch("https://example.com", { method: "POST", body: JSON.stringify(doc) });
    await ctx.runMutation(internal.docs.save, { summary: await res.text() });
  },
});
` },
    { name: "an awaited helper or runAction between the calls", code: `${H}export const send = internalAction({
  args: {},
  handler: async (ctx) => {
    const user = await ctx.runQuery(internal.users.get, {});
    await sendEmail(user);
    await ctx.runMutation(internal.users.markSent, {});
    await ctx.runAction(internal.node.render, {});
    await ctx.runMutation(internal.users.markRendered, {});
  },
});
async function sendEmail(_: unknown) {}
` },
    { name: "one call per action", code: `${H}export const a = action({ args: {}, handler: async (ctx) => await ctx.runQuery(internal.tasks.list, {}) });
` },
    { name: "several calls in a mutation are another rule's concern", code: `${H}export const m = mutation({ args: {}, handler: async (ctx) => { for (const x of [1, 2]) { await ctx.runMutation(internal.tasks.save, { x }); } await ctx.runQuery(internal.tasks.list, {}); } });
` },
  ],
  invalid: [
    {
      name: "two reads in a row, then a write",
      code: `${H}export const check = action({
  args: {},
  handler: async (ctx) => {
    const team = await ctx.runQuery(internal.teams.get, {});
    const owner = await ctx.runQuery(internal.teams.owner, {});
    await ctx.runMutation(internal.teams.audit, { team, owner });
  },
});
`,
      errors: [
        { line: 8, column: 25, endColumn: 37, message: "Another `ctx.runQuery` in action \"check\" right after `ctx.runQuery`" },
        { line: 9, column: 11, endColumn: 26, message: "Combine them into one internal query or mutation" },
      ],
    },
    {
      name: "a write per loop iteration",
      code: `${H}export const importAll = internalAction({
  args: { users: v.array(v.string()) },
  handler: async (ctx, { users }) => {
    for (const name of users) {
      await ctx.runMutation(internal.users.insert, { name });
    }
  },
});
`,
      errors: [
        { line: 8, column: 13, endColumn: 28, message: "inside a loop in action \"importAll\"" },
      ],
    },
  ],
});
