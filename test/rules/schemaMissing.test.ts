import { schemaMissing } from "../../server/src/rules/schemaMissing";
import { HEADER, ruleTests } from "../support/ruleTester";

const mutationWith = (body: string) => `${HEADER}export const f = mutation({
  args: {},
  handler: async (ctx) => {
    ${body}
  },
});
`;

ruleTests(schemaMissing, {
  valid: [
    { name: "a project with a schema", code: mutationWith(`await ctx.db.insert("tasks", { text: "a" });`) },
    { name: "no schema, but no database access", schema: null, code: mutationWith(`const who = await ctx.auth.getUserIdentity(); return who?.subject;`) },
    { name: "no schema, an action that only runs other functions", schema: null, code: `${HEADER}import { internal } from "./_generated/api";\nexport const f = action({ args: {}, handler: async (ctx) => ctx.runQuery(internal.tasks.list, {}) });\n` },
    {
      name: "a schema.js counts as a schema",
      schema: null,
      files: { "convex/schema.js": `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ tasks: defineTable({}) });\n` },
      code: mutationWith(`await ctx.db.insert("tasks", {});`),
    },
    {
      name: "an open schema is still a schema",
      schema: `import { defineSchema } from "convex/server";\nimport { authTables } from "@convex-dev/auth/server";\nexport default defineSchema({ ...authTables });\n`,
      code: mutationWith(`await ctx.db.insert("tasks", {});`),
    },
    { name: "a helper outside any registered function", schema: null, code: `import type { QueryCtx } from "./_generated/server";\nexport async function load(ctx: QueryCtx) {\n  return await ctx.db.query("tasks").collect();\n}\n` },
  ],
  invalid: [
    {
      name: "the created schema declares fields from inserts and the indexes withIndex names, in the project's style",
      schema: null,
      files: { "convex/users.ts": `import { v } from 'convex/values'\nimport { mutation } from './_generated/server'\nexport const add = mutation({ args: { name: v.string() }, handler: async (ctx, { name }) => ctx.db.insert('users', { name, admin: false }) })\n` },
      code: `import { v } from 'convex/values'\nimport { query } from './_generated/server'\nexport const byName = query({\n\targs: { name: v.string() },\n\thandler: async (ctx, args) => ctx.db.query('users').withIndex('by_name', (q) => q.eq('name', args.name)).unique(),\n})\n`,
      errors: [
        { file: "convex/users.ts", line: 3, column: 93, fixes: ['Create schema.ts declaring the tables the code uses'] },
        { line: 5, column: 32, fixes: ['Create schema.ts declaring the tables the code uses'] },
      ],
    },
    {
      name: "reported once per module, on the first ctx.db, listing the tables used",
      schema: null,
      code: mutationWith(`const id = await ctx.db.insert("tasks", { text: "a" });\n    await ctx.db.patch(id, { text: "b" });\n    return await ctx.db.query("users").collect();`),
      errors: [{ line: 6, column: 22, endColumn: 28, message: 'declaring the tables used here: "tasks", "users".', fixes: ['Create schema.ts declaring the tables the code uses'] }],
    },
    {
      name: "destructured db in a query, and a second function in the module",
      schema: null,
      code: `${HEADER}export const list = query({ args: {}, handler: async ({ db }) => db.query("tasks").collect() });\nexport const add = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); } });\n`,
      errors: [{ line: 3, column: 66, endColumn: 68, message: "no schema.ts", fixes: ['Create schema.ts declaring the tables the code uses'] }],
    },
    {
      name: "every module that uses the database is reported",
      schema: null,
      files: { "convex/users.ts": `${HEADER}export const get = query({ args: { id: v.id("users") }, handler: async (ctx, { id }) => ctx.db.get(id) });\n` },
      code: mutationWith(`await ctx.db.insert("tasks", {});`),
      errors: [
        { file: "convex/users.ts", line: 3, column: 89, endColumn: 95, message: "Add schema.ts with `export default defineSchema({ … })`.", fixes: ['Create schema.ts declaring the tables the code uses'] },
        { line: 6, column: 11, endColumn: 17, message: 'declaring the tables used here: "tasks".', fixes: ['Create schema.ts declaring the tables the code uses'] },
      ],
    },
  ],
});
