import { noDuplicateIndexes } from "../../server/src/rules/noDuplicateIndexes";
import { HEADER, ruleTests } from "../support/ruleTester";

const schema = (tables: string) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
${tables}
});
`;
const validSchema = (name: string, tables: string) => ({ name, filename: "convex/schema.ts", code: schema(tables) });

ruleTests(noDuplicateIndexes, {
  valid: [
    { name: "a function module (no schema)", schema: null, code: `${HEADER}export const f = query({ args: {}, handler: async () => null });` },
    validSchema("different fields, same first field at different positions", `  t: defineTable({ a: v.string(), b: v.string() }).index("by_a_and_b", ["a", "b"]).index("by_b_and_a", ["b", "a"]),`),
    validSchema("not a prefix: same fields in another order", `  t: defineTable({ a: v.string(), b: v.string(), c: v.string() }).index("by_b", ["b"]).index("by_a_and_b", ["a", "b"]),`),
    validSchema("the same fields on two tables", `  a: defineTable({ x: v.string() }).index("by_x", ["x"]),\n  b: defineTable({ x: v.string() }).index("by_x", ["x"]),`),
    validSchema("a search index on the same field as a database index", `  m: defineTable({ body: v.string() }).index("by_body", ["body"]).searchIndex("search_body", { searchField: "body" }),`),
    validSchema("field lists held in constants cannot be compared", `  t: defineTable({ a: v.string() }).index("by_a", FIELDS).index("by_a2", OTHER).index("by_a3", ["a", B]),`),
    validSchema("two empty lists are invalid-index's business", `  t: defineTable({}).index("by_x", []).index("by_y", []),`),
    validSchema("the object form with different fields", `  t: defineTable({ a: v.string(), b: v.string() }).index("by_a", { fields: ["a"] }).index("by_b", { fields: ["b"] }),`),
  ],
  invalid: [
    {
      name: "no fix while a withIndex names the redundant index",
      filename: "convex/schema.ts",
      files: { "convex/tasks.ts": `import { query } from "./_generated/server";\nexport const listTasks = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").withIndex("by_user").take(5) });\n` },
      code: schema(`  tasks: defineTable({ userId: v.string(), done: v.boolean() })\n    .index("by_user", ["userId"])\n    .index("by_user_and_done", ["userId", "done"]),`),
      errors: [{ line: 6, column: 12, endColumn: 21, fixes: [] }],
    },
    {
      name: "CRLF, a redundant index on its own line between others",
      filename: "convex/schema.ts",
      code: schema(`  tasks: defineTable({ userId: v.string(), done: v.boolean() })\n    .index("by_userId", ["userId"])\n    .index("by_done", ["done"])\n    .index("by_userId_and_done", ["userId", "done"]),`).replace(/\n/g, "\r\n"),
      errors: [{ line: 6, column: 12, fixes: ['Remove index "by_userId"'] }],
    },
    {
      name: "identical field lists: the later index is reported",
      filename: "convex/schema.ts",
      code: schema(`  tasks: defineTable({ userId: v.string() })\n    .index("by_user", ["userId"])\n    .index("by_userId", ["userId"]),`),
      errors: [{ line: 7, column: 12, endColumn: 23, message: 'Index "by_userId" on table "tasks" has the same fields as "by_user" (["userId"]). Convex rejects the push: indexes must be unique within a table.', severity: "error", fixes: ['Remove index "by_userId"'] }],
    },
    {
      name: "identical lists across the array and object forms",
      filename: "convex/schema.ts",
      code: schema(`  t: defineTable({ a: v.string(), b: v.string() }).index("by_a_and_b", ["a", "b"]).index("ab", { fields: ["a", "b"] }),`),
      errors: [{ line: 5, column: 90, endColumn: 94, message: "Convex rejects the push", fixes: ['Remove index "ab"'] }],
    },
    {
      name: "a strict prefix of another index (redundant prefix)",
      filename: "convex/schema.ts",
      code: schema(`  tasks: defineTable({ userId: v.string(), done: v.boolean() })\n    .index("by_user", ["userId"])\n    .index("by_user_and_done", ["userId", "done"]),`),
      errors: [{ line: 6, column: 12, endColumn: 21, message: 'is a prefix of "by_user_and_done" (["userId", "done"]) (redundant prefix)', severity: "warning", fixes: ['Remove index "by_user"'] }],
    },
    {
      name: "a prefix defined after the wider index, and a chain of prefixes",
      filename: "convex/schema.ts",
      code: schema(`  t: defineTable({ a: v.string(), b: v.string(), c: v.string() }).index("by_a_and_b_and_c", ["a", "b", "c"]).index("by_a_and_b", ["a", "b"]).index("by_a", ["a"]),`),
      errors: [
        { line: 5, column: 116, endColumn: 128, message: '"by_a_and_b" on table "t" (["a", "b"]) is a prefix of "by_a_and_b_and_c"' },
        { line: 5, column: 148, endColumn: 154, message: '"by_a" on table "t" (["a"]) is a prefix of "by_a_and_b_and_c"' },
      ],
    },
    {
      name: "twins that are also a prefix: only the identical pair is reported",
      filename: "convex/schema.ts",
      code: schema(`  t: defineTable({ a: v.string(), b: v.string() }).index("x1", ["a"]).index("x2", ["a"]).index("x3", ["a", "b"]),`),
      errors: [{ line: 5, column: 77, endColumn: 81, message: 'has the same fields as "x1"', fixes: [] }],
    },
  ],
});
