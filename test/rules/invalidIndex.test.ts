import { invalidIndex } from "../../server/src/rules/invalidIndex";
import { HEADER, ruleTests } from "../support/ruleTester";

const schema = (tables: string) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
${tables}
});
`;
const inSchema = (name: string, tables: string, errors: { line: number; column: number; endColumn: number; message?: string }[]) => ({
  name,
  filename: "convex/schema.ts",
  code: schema(tables),
  errors,
});
const validSchema = (name: string, tables: string) => ({ name, filename: "convex/schema.ts", code: schema(tables) });
const manyIndexes = (n: number) => Array.from({ length: n }, (_, i) => `.index("by_f${i}", ["f${i}"])`).join("");
const manyFields = (n: number) => Array.from({ length: n }, (_, i) => `"f${i}"`).join(", ");

ruleTests(invalidIndex, {
  valid: [
    { name: "the default schema, seen from a function module", code: `${HEADER}export const f = query({ args: {}, handler: async () => null });` },
    validSchema("the default schema's shapes", `  tasks: defineTable({ text: v.string(), userId: v.string() }).index("by_user", ["userId"]).index("by_user_and_text", { fields: ["userId", "text"] }),`),
    validSchema("nested field paths and underscores inside names", `  docs: defineTable({ properties: v.object({ name: v.string() }), user_id: v.string() }).index("by_properties_name", ["properties.name"]).index("by_user_id", ["user_id"]),`),
    validSchema("a name of exactly 64 characters", `  t: defineTable({ a: v.string() }).index("${"b".repeat(64)}", ["a"]),`),
    validSchema("15 listed fields (16 with _creationTime)", `  t: defineTable({}).index("by_many", [${manyFields(15)}]),`),
    validSchema("32 indexes on one table", `  t: defineTable({})${manyIndexes(32)},`),
    validSchema("the same index name on two tables", `  a: defineTable({ x: v.string() }).index("by_x", ["x"]),\n  b: defineTable({ x: v.string() }).index("by_x", ["x"]),`),
    validSchema("vector dimensions at the limits, and not a literal", `  m: defineTable({ e: v.array(v.float64()) }).vectorIndex("by_a", { vectorField: "e", dimensions: 2 }).vectorIndex("by_b", { vectorField: "e", dimensions: 4096 }).vectorIndex("by_c", { vectorField: "e", dimensions: DIMS }),`),
    validSchema("a field list from a constant is not counted as empty", `  t: defineTable({ a: v.string() }).index("by_a", FIELDS),`),
    validSchema("search and vector indexes with their own names", `  m: defineTable({ body: v.string(), e: v.array(v.float64()) }).searchIndex("search_body", { searchField: "body", filterFields: ["author"] }).vectorIndex("by_embedding", { vectorField: "e", dimensions: 1536 }),`),
    validSchema("a field list held in a constant is not reported as empty", `  t: defineTable({ a: v.string() }).index("by_a", FIELDS),`),
    validSchema("a name that merely contains a reserved name", `  t: defineTable({ a: v.string() }).index("by_creation_time_and_a", ["a"]).index("by_identity", ["a"]),`),
    { name: "a non-schema module with an .index() call", code: `${HEADER}const x = { index: (n: string, f: string[]) => n };\nx.index("_bad", ["_id"]);\n` },
  ],
  invalid: [
    inSchema("by_creation_time is built in", `  tasks: defineTable({ text: v.string() }).index("by_creation_time", ["text"]),`, [
      { line: 5, column: 50, endColumn: 68, message: 'Convex rejects the push: index names may not start with an underscore or be "by_id" or "by_creation_time"' },
    ]),
    inSchema("by_id and a leading underscore", `  tasks: defineTable({ text: v.string() }).index("by_id", ["text"]).index("_by_text", ["text"]),`, [
      { line: 5, column: 50, endColumn: 57, message: "ctx.db.get(id)" },
      { line: 5, column: 75, endColumn: 85, message: "is reserved" },
    ]),
    inSchema("names that are not identifiers", `  tasks: defineTable({ text: v.string() }).index("by-text", ["text"]).searchIndex("1st", { searchField: "text" }),`, [
      { line: 5, column: 50, endColumn: 59, message: "index names must start with a letter and contain only letters, digits and underscores" },
      { line: 5, column: 83, endColumn: 88, message: '"1st" (search index on table "tasks") is not a valid index name' },
    ]),
    inSchema("a name longer than 64 characters", `  t: defineTable({ a: v.string() }).index("${"b".repeat(65)}", ["a"]),`, [
      { line: 5, column: 43, endColumn: 110, message: "index names may be at most 64 characters" },
    ]),
    inSchema("the same name on an index and a search index", `  t: defineTable({ a: v.string() }).index("by_a", ["a"]).searchIndex("by_a", { searchField: "a" }),`, [
      { line: 5, column: 70, endColumn: 76, message: 'already defines an index named "by_a"; rename one of them. Convex rejects the push: index names must be unique per table' },
    ]),
    inSchema("the same name twice among search indexes", `  t: defineTable({ a: v.string() })\n    .searchIndex("s", { searchField: "a" })\n    .vectorIndex("s", { vectorField: "e", dimensions: 2 }),`, [
      { line: 7, column: 18, endColumn: 21, message: 'already defines a search index named "s"' },
    ]),
    inSchema("vector dimensions outside 2..4096", `  m: defineTable({ e: v.array(v.float64()) })\n    .vectorIndex("by_e", { vectorField: "e", dimensions: 1 })\n    .vectorIndex("by_e_big", { vectorField: "e", dimensions: 4097 }),`, [
      { line: 6, column: 18, endColumn: 24, message: 'has 1 dimensions. Convex rejects the push: vector dimensions must be between 2 and 4096' },
      { line: 7, column: 18, endColumn: 28, message: "has 4097 dimensions" },
    ]),
    inSchema("_creationTime, _id and other reserved fields", `  t: defineTable({ a: v.string() })\n    .index("by_a", ["a", "_creationTime"])\n    .index("by_id_field", ["_id"])\n    .index("by_meta", ["_meta"])\n    .index("by_nested", ["a._b"]),`, [
      { line: 6, column: 12, endColumn: 18, message: 'Convex rejects the push: "_creationTime" may not be listed' },
      { line: 7, column: 12, endColumn: 25, message: 'Convex rejects the push: "_id" is not a valid index field' },
      { line: 8, column: 12, endColumn: 21, message: 'fields starting with "_" are not allowed' },
      { line: 9, column: 12, endColumn: 23, message: 'reserved field "a._b"' },
    ]),
    inSchema("empty field lists in both forms", `  t: defineTable({ a: v.string() }).index("by_nothing", []).index("by_none", { fields: [ ] }),`, [
      { line: 5, column: 43, endColumn: 55, message: "Convex rejects the push: an index must have at least one field" },
      { line: 5, column: 67, endColumn: 76, message: "has no fields" },
    ]),
    inSchema("a field listed twice", `  t: defineTable({ a: v.string(), b: v.string() }).index("by_a_b_a", ["a", "b", "a"]),`, [
      { line: 5, column: 58, endColumn: 68, message: 'lists "a" more than once. Convex rejects the push: index fields must be unique within an index' },
    ]),
    inSchema("16 listed fields are 17 with _creationTime", `  t: defineTable({}).index("by_many", [${manyFields(16)}]),`, [
      { line: 5, column: 28, endColumn: 37, message: "at most 16 fields including the automatic _creationTime, so at most 15 can be listed" },
    ]),
    inSchema("a 33rd index", `  t: defineTable({})${manyIndexes(33)},`, [
      { line: 5, column: 808, endColumn: 816, message: "Convex rejects the push: a table may have at most 32 indexes" },
    ]),
    inSchema("several problems on one index", `  t: defineTable({}).index("_x", ["_id", "_id"]),`, [
      { line: 5, column: 28, endColumn: 32, message: "is reserved" },
      { line: 5, column: 28, endColumn: 32, message: '"_id" is not a valid index field' },
      { line: 5, column: 28, endColumn: 32, message: 'lists "_id" more than once' },
    ]),
  ],
});
