import { unknownTable } from "../../server/src/rules/unknownTable";
import { HEADER, ruleTests } from "../support/ruleTester";

const handler = (body: string) => `${HEADER}export const f = mutation({
  args: {},
  handler: async (ctx) => {
    ${body}
  },
});
`;

ruleTests(unknownTable, {
  valid: [
    { name: "tables the schema defines", code: handler(`await ctx.db.insert("tasks", { text: "a" }); return await ctx.db.query("users").collect();`) },
    { name: "system tables", code: `${HEADER}export const f = query({ args: { id: v.id("_storage"), job: v.id("_scheduled_functions") }, handler: async () => null });` },
    { name: "destructured ctx", code: `${HEADER}export const f = query({ args: {}, handler: async ({ db }) => db.query("tasks").collect() });` },
    { name: "no schema: nothing to compare against", schema: null, code: handler(`await ctx.db.insert("anything", {});`) },
    {
      name: "a schema that spreads tables from elsewhere is not trusted",
      schema: `import { defineSchema, defineTable } from "convex/server";\nimport { authTables } from "@convex-dev/auth/server";\nexport default defineSchema({ ...authTables, tasks: defineTable({}) });\n`,
      code: handler(`await ctx.db.query("authSessions").collect();`),
    },
    {
      name: "a schema with a syntax error is not trusted",
      schema: `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ tasks: defineTable({ text: v.string( }) });\n`,
      code: handler(`await ctx.db.query("other").collect();`),
    },
    { name: "non-literal table names are not guessed", code: handler(`const t = "nope"; await ctx.db.query(t).collect();`) },
    { name: "a schema table declared through a constant", schema: `import { defineSchema, defineTable } from "convex/server";\nconst tasks = defineTable({});\nexport default defineSchema({ tasks });\n`, code: handler(`await ctx.db.query("tasks").collect();`) },
  ],
  invalid: [
    {
      name: "fields inferred from every insert: literals, arguments, optional when some insert omits them; the rest left out",
      schema: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  tasks: defineTable({ text: v.string() }),\n});\n`,
      code: `${HEADER}export const log = mutation({
  args: { taskId: v.id("tasks"), note: v.optional(v.string()), other: v.id("elsewhere") },
  handler: async (ctx, args) => {
    await ctx.db.insert("events", { kind: "created", at: 1, urgent: false, taskId: args.taskId, note: args.note, other: args.other, when: Date.now() });
  },
});
export const log2 = mutation({
  args: {},
  handler: async (ctx) => {
    await ctx.db.insert("events", { kind: "deleted", at: 2, urgent: true, when: 3 });
  },
});
`,
      errors: [
        { line: 4, column: 76, fixes: ['Add table "elsewhere" to the schema'] },
        { line: 6, column: 25, fixes: ['Add table "events" to the schema'] },
        { line: 12, column: 25, fixes: ['Add table "events" to the schema'] },
      ],
    },
    {
      name: "an inline schema without defineTable and v imported",
      schema: `import { defineSchema } from "convex/server";\nexport default defineSchema({});\n`,
      code: handler(`await ctx.db.insert("notes", { body: "x" });`),
      errors: [{ line: 6, column: 25, fixes: ['Add table "notes" to the schema'] }],
    },
    {
      name: "a one-line schema, CRLF",
      schema: `import { defineSchema, defineTable } from "convex/server";\r\nexport default defineSchema({ tasks: defineTable({}) });\r\n`,
      code: handler(`await ctx.db.insert("notes", {});`).replace(/\n/g, "\r\n"),
      errors: [{ line: 6, column: 25, fixes: ['Add table "notes" to the schema'] }],
    },
    {
      name: "query on a misspelt table suggests the right one",
      code: handler(`return await ctx.db.query("task").collect();`),
      errors: [{ line: 6, column: 31, endLine: 6, endColumn: 37, message: 'Did you mean "tasks"?', fixes: ['Add table "task" to the schema'] }],
    },
    {
      name: "insert into an undeclared table",
      code: handler(`await ctx.db.insert("auditLog", { at: 1 });`),
      errors: [{ line: 6, column: 25, endColumn: 35, message: 'Table "auditLog" is not defined', fixes: ['Add table "auditLog" to the schema'] }],
    },
    {
      name: "explicit table name in get/patch/delete",
      code: handler(`await ctx.db.patch("nope", id, {});`),
      errors: [{ line: 6, column: 24, endColumn: 30 }],
    },
    {
      name: "destructured db",
      code: `${HEADER}export const f = mutation({ args: {}, handler: async ({ db }) => db.insert("nope", {}) });\n`,
      errors: [{ line: 3, column: 76, endColumn: 82 }],
    },
    {
      name: "v.id naming an undeclared table, in args",
      code: `${HEADER}export const f = query({ args: { id: v.id("posts") }, handler: async () => null });\n`,
      errors: [{ line: 3, column: 43, endColumn: 50, message: 'Table "posts"' }],
    },
    {
      name: "v.id in the schema itself",
      schema: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  tasks: defineTable({ author: v.id("authors") }),\n});\n`,
      code: `${HEADER}export const f = query({ args: {}, handler: async () => null });\n`,
      errors: [{ file: "convex/schema.ts", line: 4, column: 37, endColumn: 46 }],
    },
  ],
});
