import { indexNaming } from "../../server/src/rules/indexNaming";
import { HEADER, ruleTests } from "../support/ruleTester";

const schema = (tables: string) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
${tables}
});
`;
const validSchema = (name: string, tables: string) => ({ name, filename: "convex/schema.ts", code: schema(tables) });

ruleTests(indexNaming, {
  valid: [
    { name: "a function module (no schema)", schema: null, code: `${HEADER}export const f = query({ args: {}, handler: async () => null });` },
    validSchema("conventional names, array and object forms", `  t: defineTable({ userId: v.string(), done: v.boolean() }).index("by_userId", ["userId"]).index("by_userId_and_done", { fields: ["userId", "done"] }),`),
    validSchema("a nested field spelled with an underscore", `  t: defineTable({ properties: v.object({ name: v.string() }) }).index("by_properties_name", ["properties.name"]),`),
    validSchema("search and vector indexes are not database indexes", `  m: defineTable({ body: v.string() }).searchIndex("search_body", { searchField: "body" }).vectorIndex("embeddings", { vectorField: "e", dimensions: 2 }),`),
    validSchema("field lists held in constants", `  t: defineTable({ a: v.string() }).index("whatever", FIELDS).index("by_x", ["a", B]),`),
    validSchema("reserved and invalid names are invalid-index's business", `  t: defineTable({ a: v.string() }).index("_a", ["a"]).index("by_id", ["a"]).index("by-a", ["a"]),`),
    validSchema("an empty list", `  t: defineTable({}).index("nothing", []),`),
  ],
  invalid: [
    {
      name: "by_a_2 is accepted while another index holds by_a (that one is reported, with no rename that would expose by_a_2)",
      filename: "convex/schema.ts",
      code: schema(`  t: defineTable({ a: v.string(), b: v.string() }).index("by_a", ["b"]).index("by_a_2", ["a"]),`),
      errors: [{ line: 5, column: 58, endColumn: 64, message: '"by_b"', fixes: [] }],
    },
    {
      name: "the rename reaches every withIndex that names the index, in every module, and no other table's",
      filename: "convex/schema.ts",
      files: {
        "convex/tasks.ts": `${HEADER}export const mine = query({ args: { u: v.string() }, handler: async (ctx, args) => ctx.db.query("tasks").withIndex('owner', (q) => q.eq("userId", args.u)).take(5) });\n`,
        "convex/lib/more.ts": `${HEADER}export const again = query({ args: { u: v.string() }, handler: async (ctx, args) => {\n  const a = await ctx.db.query("tasks").withIndex("owner", (q) => q.eq("userId", args.u)).first();\n  const b = await ctx.db.query("notes").withIndex("owner", (q) => q.eq("userId", args.u)).first();\n  return [a, b];\n} });\n`,
      },
      code: schema(`  tasks: defineTable({ userId: v.string() })\n    .index("owner", ["userId"]),\n  notes: defineTable({ userId: v.string() }).index("by_userId", ["userId"]).index("owner", ["userId"]),`),
      errors: [
        { line: 6, column: 12, fixes: ['Rename index to "by_userId"'] },
        { line: 7, column: 83, fixes: [] },
      ],
    },
    {
      name: "a name that drops the field name",
      filename: "convex/schema.ts",
      code: schema(`  tasks: defineTable({ userId: v.string() }).index("by_user", ["userId"]),`),
      errors: [{ line: 5, column: 52, endColumn: 61, message: 'Index "by_user" on table "tasks" does not spell its fields: by convention it is named "by_userId"', fixes: ['Rename index to "by_userId"'] }],
    },
    {
      name: "a compound index named without _and_, and one in the wrong order",
      filename: "convex/schema.ts",
      code: schema(`  t: defineTable({ a: v.string(), b: v.string() })\n    .index("by_a_b", ["a", "b"])\n    .index("by_b_and_a", ["a", "b"]),`),
      errors: [
        { line: 6, column: 12, endColumn: 20, message: '"by_a_and_b"', fixes: ['Rename index to "by_a_and_b"'] },
        { line: 7, column: 12, endColumn: 24, message: '"by_a_and_b"', fixes: ['Rename index to "by_a_and_b"'] },
      ],
    },
    {
      name: "camelCase and suffixed names",
      filename: "convex/schema.ts",
      code: schema(`  t: defineTable({ channel: v.string(), user: v.string() }).index("byChannel", ["channel"]).index("by_channel_and_user_and_creationTime", ["channel", "user"]),`),
      errors: [
        { line: 5, column: 67, endColumn: 78, message: '"by_channel"' },
        { line: 5, column: 99, endColumn: 137, message: '"by_channel_and_user"' },
      ],
    },
  ],
});
