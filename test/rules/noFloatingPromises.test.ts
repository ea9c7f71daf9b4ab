import { noFloatingPromises } from "../../server/src/rules/noFloatingPromises";
import { ruleTests } from "../support/ruleTester";

const H = "import { v } from \"convex/values\";\nimport { api, internal } from \"./_generated/api\";\nimport { action, internalAction, internalMutation, internalQuery, mutation, query } from \"./_generated/server\";\n";

ruleTests(noFloatingPromises, {
  valid: [
    { name: "awaited, returned, stored, voided and passed on", code: `${H}export const save = mutation({
  args: {},
  handler: async (ctx) => {
    await ctx.db.insert("tasks", { text: "a" });
    const pending = ctx.db.insert("tasks", { text: "b" });
    void ctx.scheduler.runAfter(0, internal.tasks.process, {});
    await Promise.all([ctx.db.insert("tasks", { text: "c" }), pending]);
    return ctx.db.insert("tasks", { text: "d" });
  },
});
` },
    { name: "a query builder is not a promise", code: `${H}export const q = query({ args: {}, handler: async (ctx) => { const tasks = ctx.db.query("tasks"); ctx.db.query("tasks"); return await tasks.take(5); } });
` },
    { name: "an arrow that returns the promise", code: `${H}export const clear = mutation({ args: {}, handler: async (ctx) => { const all = await ctx.db.query("tasks").take(10); await Promise.all(all.map((t) => ctx.db.delete(t._id))); } });
` },
    { name: "a floating call on another object", code: `${H}export const m = mutation({ args: {}, handler: async (ctx) => { const log = { insert: async (_: string) => {} }; log.insert("x"); } });
` },
  ],
  invalid: [
    {
      name: "bare db, scheduler and run calls, and a forEach body",
      code: `${H}export const save = mutation({
  args: {},
  handler: async (ctx) => {
    ctx.db.insert("tasks", { text: "a" });
    ctx.scheduler.runAfter(0, internal.tasks.process, {});
    const all = await ctx.db.query("tasks").take(10);
    all.forEach((t) => {
      ctx.db.delete(t._id);
    });
    ctx.db.query("tasks").collect();
  },
});
export const run = action({ args: {}, handler: async (ctx) => { ctx.runMutation(internal.tasks.save, {}); } });
`,
      errors: [
        { line: 7, column: 5, endColumn: 18, message: "`ctx.db.insert(…)` in mutation \"save\"", fixes: ["Add `await`"] },
        { line: 8, column: 5, endColumn: 27, message: "Add `await`", fixes: ["Add `await`"] },
        { line: 11, column: 7, endColumn: 20, fixes: [] },
        { line: 13, column: 5, endColumn: 17, fixes: ["Add `await`"] },
        { line: 16, column: 65, endColumn: 80, message: "in action \"run\"", fixes: ["Add `await`"] },
      ],
    },
    {
      name: "destructured db",
      code: `${H}export const m = internalMutation({ args: {}, handler: async ({ db }) => { db.patch("tasks" as any, {}); } });
`,
      errors: [
        { line: 4, column: 76, endColumn: 84, fixes: ["Add `await`"] },
      ],
    },
    {
      name: "in a helper, after &&, and in an async callback (tabs, CRLF)",
      code: `${H}async function touch(ctx: any, id: any) {
	ctx.db.patch(id, { done: true });
}
export const m = mutation({
	args: { id: v.id("tasks") },
	handler: async (ctx, { id }) => {
		await touch(ctx, id);
		id && ctx.scheduler.runAfter(0, internal.tasks.m, { id });
		[id].forEach(async (x) => {
			ctx.db.delete(x);
		});
	},
});
`.replace(/\n/g, "\r\n"),
      errors: [
        { line: 5, column: 2, fixes: ["Add `await`"] },
        { line: 11, column: 9, fixes: ["Add `await`"] },
        { line: 13, column: 4, fixes: ["Add `await`"] },
      ],
    },
  ],
});
