import { explicitTableIds } from "../../server/src/rules/explicitTableIds";
import { HEADER, ruleTests } from "../support/ruleTester";

const EXPLICIT = `${HEADER}export const completeTask = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, { id }) => {
    const task = await ctx.db.get("tasks", id);
    if (!task) return;
    await ctx.db.patch("tasks", id, { done: true });
    await ctx.db.replace("tasks", id, { ...task, done: true });
    await ctx.db.delete("tasks", id);
  },
});
`;
const IMPLICIT = `${HEADER}export const completeTask = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, { id }) => {
    const task = await ctx.db.get(id);
    if (!task) return;
    await ctx.db.patch(id, { done: true });
    await ctx.db.replace(id, { ...task, done: true });
    await ctx.db.delete(id);
  },
});
`;
const FILES = { "package.json": `{"dependencies":{"convex":"^1.31.0"}}` };

ruleTests(explicitTableIds, {
  valid: [
    {
      name: "the table name held in a variable",
      files: FILES,
      code: `${HEADER}export const f = mutation({ args: {}, handler: async (ctx) => { const table = "tasks"; await ctx.db.get(table, id); await ctx.db.patch(table, id, {}); } });\n`,
    },
    {
      name: "every call names its table",
      files: FILES,
      code: EXPLICIT,
    },
    {
      name: "convex older than 1.31: the overloads do not exist yet",
      files: { "package.json": `{"dependencies":{"convex":"^1.30.0"}}` },
      code: IMPLICIT,
    },
    {
      name: "a range whose minimum is below 1.31",
      files: { "package.json": `{"dependencies":{"convex":">=1.17.0 <2"}}` },
      code: IMPLICIT,
    },
    {
      name: "no package.json: version unknown",
      code: IMPLICIT,
    },
    {
      name: "a range without a version",
      files: { "package.json": `{"dependencies":{"convex":"latest"}}` },
      code: IMPLICIT,
    },
    {
      name: "Map.get/delete, ctx.db.query and ctx.db.system.get",
      files: FILES,
      code: `${HEADER}export const getFile = query({
  args: { id: v.id("_storage"), taskId: v.id("tasks") },
  handler: async (ctx, { id, taskId }) => {
    const cache = new Map<string, number>();
    cache.get(taskId);
    cache.delete(taskId);
    const tasks = await ctx.db.query("tasks").take(5);
    return { tasks, file: await ctx.db.system.get(id) };
  },
});
`,
    },
  ],
  invalid: [
    {
      name: "get, patch, replace and delete by id alone",
      files: FILES,
      code: IMPLICIT,
      errors: [
        { line: 6, column: 24, endColumn: 34, message: "`db.get` without the table name: since convex 1.31.0", fixes: ["Add the table name \"tasks\""] },
        { line: 8, column: 11, endColumn: 23, message: "`db.patch(\"table\", id, \u2026)`", fixes: ["Add the table name \"tasks\""] },
        { line: 9, column: 11, endColumn: 25, fixes: ["Add the table name \"tasks\""] },
        { line: 10, column: 11, endColumn: 24, message: "`db.delete(\"table\", id)`", fixes: ["Add the table name \"tasks\""] },
      ],
    },
    {
      name: "destructured db, exact version in devDependencies",
      files: { "package.json": `{"devDependencies":{"convex":"1.31.0"}}` },
      code: `${HEADER}export const removeTask = internalMutation({ args: { id: v.id("tasks") }, handler: async ({ db }, { id }) => { await db.delete(id); } });
`,
      errors: [
        { line: 3, column: 118, endColumn: 127, fixes: ["Add the table name \"tasks\""] },
      ],
    },
    {
      name: "a newer range",
      files: { "package.json": `{"dependencies":{"convex":"~1.32.1"}}` },
      code: `${HEADER}export const removeTask = internalMutation({ args: { id: v.id("tasks") }, handler: async ({ db }, { id }) => { await db.delete(id); } });
`,
      errors: [
        { line: 3, column: 118, endColumn: 127 },
      ],
    },
    {
      name: "tables from args.x, a const copy, Id<> annotations and casts; none for an unknown id (tabs, CRLF, single quotes)",
      files: FILES,
      code: `import { v } from 'convex/values';
import { mutation } from './_generated/server';
import type { Id } from './_generated/dataModel';
async function finish(ctx: any, taskId: Id<'tasks'>) {
	await ctx.db.patch(taskId, { done: true });
}
export const m = mutation({
	args: { taskId: v.id('tasks'), userId: v.id('users'), raw: v.string() },
	handler: async (ctx, args) => {
		const user = await ctx.db.get(args.userId);
		const id = args.taskId;
		await ctx.db.delete(id);
		await ctx.db.get(args.raw as Id<'tasks'>);
		await finish(ctx, args.taskId);
		const docs = await ctx.db.query('tasks').take(5);
		for (const d of docs) await ctx.db.delete(d._id);
		return user;
	},
});
`.replace(/\n/g, "\r\n"),
      errors: [
        { line: 5, column: 8, fixes: ["Add the table name 'tasks'"] },
        { line: 10, column: 22, fixes: ["Add the table name 'users'"] },
        { line: 12, column: 9, fixes: ["Add the table name 'tasks'"] },
        { line: 13, column: 9, fixes: ["Add the table name 'tasks'"] },
        { line: 16, column: 31, fixes: [] },
      ],
    },
    {
      name: "a shadowing variable and a let are not trusted",
      files: FILES,
      code: `${HEADER}export const m = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, { id }) => {
    {
      const id = "x" as any;
      await ctx.db.delete(id);
    }
    let other = id;
    await ctx.db.delete(other);
  },
});
`,
      errors: [{ line: 8, column: 13, fixes: [] }, { line: 11, column: 11, fixes: [] }],
    },
  ],
});
