import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyEdits } from "../../server/src/engine/fixes";
import { planAddIndex } from "../../server/src/views/addIndex";
import { schemaTreeOf, validatorType } from "../../server/src/views/schemaTree";
import { projectFor, ROOT } from "../support/ruleTester";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.optional(v.string()),
  }).index("by_email", ["email"]),
  messages: defineTable({
    author: v.id("users"),
    body: v.string(),
    embedding: v.array(v.float64()),
  })
    .index("by_author", ["author"])
    .searchIndex("search_body", { searchField: "body" })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 1536 }),
});
`;

describe("schema tree", () => {
  test("tables, fields with short types and optional marks, every kind of index, with ranges", () => {
    const project = projectFor({ code: "export const x = 1;\n", schema: SCHEMA });
    const tree = schemaTreeOf(project, { name: "app", path: ROOT });
    assert.equal(tree.workspaceFolder, "app");
    assert.equal(tree.functionsDir, "convex/");
    assert.equal(tree.id, "file:///project/convex");
    assert.equal(tree.schemaUri, "file:///project/convex/schema.ts");
    assert.equal(tree.complete, true);
    assert.deepEqual(tree.tables.map((t) => t.name), ["users", "messages"]);
    const [users, messages] = tree.tables;
    assert.deepEqual(users.fields.map((f) => [f.name, f.type, f.optional]), [["name", "string", false], ["email", "string", true]]);
    assert.equal(users.fields[1].validator, "v.optional(v.string())");
    assert.deepEqual(users.location.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 7 } });
    assert.equal(users.location.uri, "file:///project/convex/schema.ts");
    assert.deepEqual(messages.fields.map((f) => f.type), ["id<users>", "string", "array(float64)"]);
    assert.deepEqual(messages.indexes.map((i) => [i.name, i.kind, i.fields]), [
      ["by_author", "index", ["author"]],
      ["search_body", "searchIndex", ["body"]],
      ["by_embedding", "vectorIndex", ["embedding"]],
    ]);
    assert.equal(messages.indexes[2].dimensions, 1536);
    // the index's name literal
    assert.deepEqual(messages.indexes[0].location.range.start, { line: 13, character: 11 });
  });

  test("a project without a schema has no tables and says why", () => {
    const tree = schemaTreeOf(projectFor({ code: "export const x = 1;\n", schema: null }));
    assert.deepEqual(tree.tables, []);
    assert.equal(tree.schemaUri, undefined);
    assert.match(tree.incompleteReason ?? "", /no schema\.ts/);
  });

  test("validator types", () => {
    assert.equal(validatorType(`v.union(v.literal("a"), v.literal("b"))`), `"a" | "b"`);
    assert.equal(validatorType(`v.optional(v.id('tasks'))`), "id<tasks>");
    assert.equal(validatorType(`v.object({ a: v.number() })`), "object({ a: number })");
    assert.ok(validatorType(`v.object({ ${"a: v.number(), ".repeat(10)} })`).endsWith("…"));
  });
});

describe("add index from the view", () => {
  test("names the index by_a_and_b, keeps the field order, and uses the schema edit builder", () => {
    const project = projectFor({ code: "export const x = 1;\n", schema: SCHEMA });
    const plan = planAddIndex(project, "messages", ["body", "author"]);
    assert.equal(plan.name, "by_body_and_author");
    const text = applyEdits(project.schemaModule!.text, [plan.edit!]);
    assert.ok(text.includes(`.vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 1536 })\n    .index("by_body_and_author", ["body", "author"]),`));
  });

  test("a taken name gets a suffix; an explicit taken name and an unknown table are errors", () => {
    const project = projectFor({ code: "export const x = 1;\n", schema: SCHEMA });
    assert.equal(planAddIndex(project, "users", ["email"]).name, "by_email_2");
    assert.match(planAddIndex(project, "users", ["email"], "by_email").error ?? "", /already has an index/);
    assert.match(planAddIndex(project, "nope", ["a"]).error ?? "", /no table "nope"/);
    assert.match(planAddIndex(project, "users", []).error ?? "", /at least one field/);
  });
});
