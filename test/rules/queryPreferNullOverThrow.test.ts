import { queryPreferNullOverThrow } from "../../server/src/rules/queryPreferNullOverThrow";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(queryPreferNullOverThrow, {
  valid: [
    { name: "returns null when signed out", code: `${HEADER}export const me = query({ args: {}, handler: async (ctx) => { const identity = await ctx.auth.getUserIdentity(); if (!identity) return null; return identity.name; } });
` },
    { name: "throws in a mutation", code: `${HEADER}export const m = mutation({ args: {}, handler: async (ctx) => { const identity = await ctx.auth.getUserIdentity(); if (!identity) throw new Error("Unauthenticated"); } });
` },
    { name: "throws in an internal query", code: `${HEADER}export const load = internalQuery({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => { const t = await ctx.db.get(id); if (!t) throw new Error("not found"); return t; } });
` },
    { name: "throws on a bad argument or a failed permission check", code: `${HEADER}export const get = query({ args: { id: v.id("tasks"), text: v.string() }, handler: async (ctx, args) => { if (!args.text) throw new Error("empty"); const t = await ctx.db.get(args.id); if (t && t.done) throw new Error("forbidden"); return t; } });
` },
    { name: "a component's query", code: `${HEADER}export const get = query({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => { const t = await ctx.db.get(id); if (!t) throw new Error("not found"); return t; } });
`, files: { "convex/convex.config.ts": 'import { defineComponent } from "convex/server";\nexport default defineComponent("tasks");\n' } },
  ],
  invalid: [
    {
      name: "missing identity and missing document",
      code: `${HEADER}export const mine = query({
  args: { id: v.id("tasks") },
  handler: async (ctx, { id }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    const task = await ctx.db.get(id);
    if (task === null) {
      throw new Error("Task not found");
    }
    return task;
  },
});
`,
      errors: [
        { line: 7, column: 20, endColumn: 55, message: "there is no signed-in user", fixes: ["Return `null` instead of throwing"] },
        { line: 10, column: 7, endColumn: 41, message: "the document does not exist (`task` is null)", fixes: ["Return `null` instead of throwing"] },
      ],
    },
    {
      name: ".unique() on an index",
      code: `${HEADER}export const byUser = query({ args: {}, handler: async (ctx) => { const user = await ctx.db.query("users").withIndex("by_token").unique(); if (user == null) throw new Error("no user"); return user; } });
`,
      errors: [
        { line: 3, column: 158, endColumn: 185, message: "return `null` (or `[]` for a list query)" },
      ],
    },
    {
      name: "a list query returns [] (tabs, CRLF, no semicolons)",
      code: `${HEADER}export const mine = query({
	args: {},
	handler: async (ctx) => {
		const identity = await ctx.auth.getUserIdentity()
		if (!identity) throw new Error("Unauthenticated")
		return await ctx.db.query("tasks").take(10)
	},
})
`.replace(/\n/g, "\r\n"),
      errors: [{ line: 7, column: 18, fixes: ["Return `[]` instead of throwing"] }],
    },
    {
      name: "a returns validator decides, and one that allows neither null nor a list gets no fix",
      code: `${HEADER}export const a = query({
  args: {},
  returns: v.union(v.string(), v.null()),
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return identity.name ?? "anonymous";
  },
});
export const b = query({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return "signed in";
  },
});
`,
      errors: [{ line: 8, column: 20, fixes: ["Return `null` instead of throwing"] }, { line: 17, column: 20, fixes: [] }],
    },
  ],
});
