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
        { line: 7, column: 25, endColumn: 30, message: "`await fetch()` in action \"sync\"", fixes: ["Wrap in `try … catch` that logs and rethrows"] },
        { line: 11, column: 27, endColumn: 32, fixes: ["Wrap in `try … catch` that logs and rethrows"] },
      ],
    },
    {
      name: "the module's status mutation records the failure (tabs, CRLF, a template literal keeps its lines)",
      filename: "convex/jobs.ts",
      code: `import { v } from "convex/values";
import { action, internalMutation } from "./_generated/server";
export const markFailed = internalMutation({
	args: { jobId: v.id("tasks"), error: v.string(), status: v.union(v.literal("done"), v.literal("failed")), note: v.optional(v.string()) },
	handler: async (ctx, args) => {
		await ctx.db.patch("tasks", args.jobId, { text: args.error });
	},
});
export const run = action({
	args: { jobId: v.id("tasks") },
	handler: async (ctx, { jobId }) => {
		if (jobId) {
			await fetch(\`https://example.com/\${jobId}
?multi=line\`); // ping
		}
	},
});
`.replace(/\n/g, "\r\n"),
      errors: [{ line: 13, column: 10, fixes: ["Wrap in `try … catch` that records the failure with `markFailed`", "Wrap in `try … catch` that logs and rethrows"] }],
    },
    {
      name: "a status mutation whose args cannot be filled is not called; no semicolons",
      filename: "convex/jobs.ts",
      code: `import { v } from "convex/values"
import { internal } from "./_generated/api"
import { action, internalMutation } from "./_generated/server"
export const setStatus = internalMutation({
  args: { jobId: v.id("tasks"), attempts: v.number() },
  handler: async () => {},
})
export const run = action({
  args: {},
  handler: async (ctx) => {
    const res = await fetch("https://example.com")
    const body = await res.json()
    await ctx.runMutation(internal.jobs.setStatus, body)
  },
})
`,
      errors: [{ line: 11, column: 23, fixes: ["Wrap in `try … catch` that logs and rethrows"] }],
    },
    {
      name: "a statement that shares its line gets no fix",
      code: `${H}export const sync = action({ args: {}, handler: async () => { await fetch("https://example.com"); } });
`,
      errors: [{ line: 4, column: 69, fixes: [] }],
    },
  ],
});
