// The Convex panel's requests as the extension sends them: the Schema and Functions trees, the
// change notification that refreshes them, "Add index…" and "Find usages".
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TextDocumentEdit } from "vscode-languageserver-protocol/node";
import {
  ADD_INDEX_REQUEST,
  FUNCTIONS_TREE_REQUEST,
  MODEL_CHANGED_NOTIFICATION,
  RULES_REQUEST,
  SCHEMA_TREE_REQUEST,
  USAGES_REQUEST,
  type AddIndexParams,
  type AddIndexResult,
  type FunctionsTreeResult,
  type ModelChangedParams,
  type RulesResult,
  type SchemaTreeResult,
  type UsagesParams,
  type UsagesResult,
} from "../../server/src/lsp/protocol";
import { copyFixture, type TempProject } from "../support/demo";
import { applyTextEdits, TestLspClient, uri } from "./client";

describe("language server: the Convex panel's requests", () => {
  let demo: TempProject;
  let client: TestLspClient;
  const modelChanges = () => client.notifications.filter((n) => n.method === MODEL_CHANGED_NOTIFICATION).map((n) => n.params as ModelChangedParams);
  const schemaTree = () => client.connection.sendRequest<SchemaTreeResult>(SCHEMA_TREE_REQUEST);
  before(async () => {
    demo = copyFixture("examples/demo");
    client = await TestLspClient.start(demo.root);
    await client.waitFor("the first modelChanged", () => modelChanges().length > 0);
  });
  after(async () => {
    await client.stop();
    demo.dispose();
  });

  test("the first analysis announces both trees", () => {
    assert.deepEqual(modelChanges()[0], { schema: true, functions: true });
  });

  test("schemaTree lists the demo's tables with their fields and indexes", async () => {
    const tree = await schemaTree();
    assert.equal(tree.projects.length, 1);
    const [project] = tree.projects;
    assert.equal(project.id, uri(demo.path("convex")));
    assert.equal(project.functionsDir, "convex/");
    assert.equal(project.workspaceFolder, "demo");
    assert.equal(project.schemaUri, uri(demo.path("convex/schema.ts")));
    assert.deepEqual(project.tables.map((t) => t.name), ["users", "tasks", "jobs"]);
    assert.deepEqual(project.tables.map((t) => t.indexes.map((i) => `${i.name}(${i.fields.join(",")})`)), [["by_token(tokenIdentifier)"], ["by_user(userId)"], []]);
    const jobs = project.tables[2];
    assert.deepEqual(jobs.fields.map((f) => `${f.name}${f.optional ? "?" : ""}: ${f.type}`), [
      "taskId: id<tasks>",
      'status: "processing" | "completed" | "failed"',
      "error?: string",
    ]);
    assert.deepEqual(project.tables[1].location, { uri: uri(demo.path("convex/schema.ts")), range: { start: { line: 9, character: 2 }, end: { line: 9, character: 7 } } });
  });

  test("functionsTree lists the demo's modules and functions with kinds and call sites", async () => {
    const tree = await client.connection.sendRequest<FunctionsTreeResult>(FUNCTIONS_TREE_REQUEST);
    const modules = tree.projects[0].modules;
    assert.ok(modules.some((m) => m.modulePath === "tasks"));
    const jobs = modules.find((m) => m.modulePath === "jobs")!;
    const run = jobs.functions.find((f) => f.name === "run")!;
    assert.equal(run.kind, "action");
    assert.equal(run.visibility, "public");
    assert.ok(run.callSites >= 1, "jobs.run is scheduled from the functions folder");
  });

  test("an edit to schema.ts sends modelChanged, and the tree then holds the new table", async () => {
    const schemaPath = demo.path("convex/schema.ts");
    const original = demo.read("convex/schema.ts");
    await client.open(schemaPath, original);
    const seen = modelChanges().length;
    const edited = original.replace("export default defineSchema({\n", 'export default defineSchema({\n  notes: defineTable({ body: v.string() }).index("by_body", ["body"]),\n');
    assert.notEqual(edited, original);
    await client.change(schemaPath, edited);
    const change = await client.waitFor("modelChanged after the edit", () => modelChanges().slice(seen).find((p) => p.schema));
    assert.equal(change.functions, false, "no function changed");
    const tree = await schemaTree();
    assert.deepEqual(tree.projects[0].tables.map((t) => t.name), ["notes", "users", "tasks", "jobs"]);
    assert.deepEqual(tree.projects[0].tables[0].indexes.map((i) => i.name), ["by_body"]);
    // Nothing the panel shows changed: no notification.
    const after = modelChanges().length;
    await client.change(schemaPath, edited);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(modelChanges().length, after);
    await client.change(schemaPath, original);
    await client.waitFor("modelChanged after the revert", () => modelChanges().length > after);
    await client.close(schemaPath);
  });

  test("addIndex returns a WorkspaceEdit that adds the index to the table", async () => {
    const project = (await schemaTree()).projects[0].id;
    const result = await client.connection.sendRequest<AddIndexResult>(ADD_INDEX_REQUEST, { project, table: "tasks", fields: ["text"] } satisfies AddIndexParams);
    assert.equal(result.name, "by_text");
    assert.equal(result.error, undefined);
    const changes = result.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 1);
    assert.equal(changes[0].textDocument.uri, uri(demo.path("convex/schema.ts")));
    const text = applyTextEdits(demo.read("convex/schema.ts"), changes[0].edits as never);
    assert.ok(text.includes('}).index("by_user", ["userId"]).index("by_text", ["text"]),'), text);
    const taken = await client.connection.sendRequest<AddIndexResult>(ADD_INDEX_REQUEST, { project, table: "tasks", fields: ["userId"], name: "by_user" } satisfies AddIndexParams);
    assert.match(taken.error ?? "", /already has an index named "by_user"/);
    assert.equal(taken.edit, undefined);
  });

  test("usages of a table, an index and a function", async () => {
    const project = (await schemaTree()).projects[0].id;
    const usages = (params: UsagesParams) => client.connection.sendRequest<UsagesResult>(USAGES_REQUEST, params);
    const tasks = await usages({ project, table: "tasks" });
    assert.ok(tasks.locations.some((l) => l.uri.endsWith("/convex/tasks.ts")));
    assert.ok(tasks.locations.some((l) => l.uri.endsWith("/convex/schema.ts")), "v.id(\"tasks\") in jobs");
    assert.equal(tasks.definition?.range.start.line, 9);
    const byUser = await usages({ project, table: "tasks", index: "by_user" });
    assert.equal(byUser.definition?.range.start.line, 13);
    const run = await usages({ project, module: "jobs", function: "run" });
    assert.ok(run.locations.length >= 1);
    assert.deepEqual(await usages({ project: "file:///nowhere", table: "tasks" }), { locations: [] });
  });

  test("rules lists every rule id with its description and documentation page", async () => {
    const { rules } = await client.connection.sendRequest<RulesResult>(RULES_REQUEST);
    const filter = rules.find((r) => r.id === "no-filter-in-query");
    assert.ok(filter && filter.description.length > 0);
    assert.match(filter.url, /docs\/rules\/no-filter-in-query\.md$/);
    assert.ok(rules.length >= 40);
  });
});
