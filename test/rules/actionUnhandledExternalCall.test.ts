import { actionUnhandledExternalCall } from "../../server/src/rules/actionUnhandledExternalCall";
import { ruleTests } from "../support/ruleTester";

const H = "import { v } from \"convex/values\";\nimport { api, internal } from \"./_generated/api\";\nimport { action, httpAction, internalAction, internalMutation, internalQuery, mutation, query } from \"./_generated/server\";\n";

ruleTests(actionUnhandledExternalCall, {
  valid: [
    { name: "awaited fetch inside try", code: `${H}export const sync = action({ args: {}, handler: async (ctx) => { try { const r = await fetch("https://example.com"); return r.status; } catch (e) { await ctx.runMutation(internal.sync.fail, {}); } } });
` },
    { name: "fetch whose promise is handled with .catch", code: `${H}export const sync = action({ args: {}, handler: async () => { const r = await fetch("https://example.com").catch(() => null); return r?.status; } });
` },
    { name: "an HTTP action", code: `${H}export const hook = httpAction(async () => { const r = await fetch("https://example.com"); return new Response(await r.text()); });
` },
    { name: "fetch in a mutation is another rule's finding", code: `${H}export const m = mutation({ args: {}, handler: async () => { await fetch("https://example.com"); } });
` },
  ],
  invalid: [
    {
      name: "awaited fetch outside try, also after a try block",
      code: `${H}export const sync = internalAction({
  args: {},
  handler: async (ctx) => {
    const first = await fetch("https://example.com/a");
    try {
      await ctx.runMutation(internal.sync.save, {});
    } catch {}
    const second = await (fetch("https://example.com/b"));
    return [first.status, second.status];
  },
});
`,
      errors: [
        { line: 7, column: 25, endColumn: 30, message: "`await fetch()` in action \"sync\"" },
        { line: 11, column: 27, endColumn: 32 },
      ],
    },
  ],
});
