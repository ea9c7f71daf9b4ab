// Navigation over stdio against a copy of the demo: definition, references, hover and completion
// as an editor asks for them (positions are zero-based, as LSP sends them).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CompletionItemKind, CompletionRequest, DefinitionRequest, HoverRequest, type CompletionItem, ReferencesRequest, type Hover, type Location, type MarkupContent } from "vscode-languageserver-protocol/node";
import { copyFixture, type TempProject } from "../support/demo";
import { TestLspClient, uri } from "./client";

/** Zero-based position of `|` in `needle` inside `text`. */
function pos(text: string, needle: string): { line: number; character: number } {
  const bar = needle.indexOf("|");
  const at = text.indexOf(needle.slice(0, bar) + needle.slice(bar + 1));
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at + bar).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe("language server: navigation", () => {
  let demo: TempProject;
  let client: TestLspClient;
  let jobs: string;
  let tasks: string;
  /** `file:line:character` (zero-based) for comparing locations. */
  const show = (l: Location) => `${l.uri.slice(uri(demo.root).length + 1)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;

  before(async () => {
    demo = copyFixture("examples/demo");
    client = await TestLspClient.start(demo.root);
    await client.diagnosticsFor(demo.path("convex/jobs.ts"), "the demo's first analysis", (list) => list.some((d) => d.code === "prefer-internal"));
    jobs = demo.read("convex/jobs.ts");
    // The editor's unsaved text: the query uses the schema's `by_user` index.
    tasks = demo.read("convex/tasks.ts").replace(`"by_user_and_completed", (q) => q.eq("userId", args.userId).eq("isCompleted", false)`, `"by_user", (q) => q.eq("userId", args.userId)`);
    await client.open(demo.path("convex/tasks.ts"), tasks);
  });
  after(async () => {
    await client.stop();
    demo.dispose();
  });

  const request = <R>(type: { method: string }, file: string, text: string, needle: string, extra: object = {}) =>
    client.connection.sendRequest(type.method, { textDocument: { uri: uri(demo.path(file)) }, position: pos(text, needle), ...extra }) as Promise<R>;

  test("definition: api.jobs.run → the run export in convex/jobs.ts", async () => {
    const result = await request<Location[]>(DefinitionRequest.type, "convex/jobs.ts", jobs, "api.jobs.r|un");
    assert.deepEqual(result.map(show), ["convex/jobs.ts:16:13-16:16"]);
  });

  test("definition: \"by_user\" in an unsaved buffer → the schema's .index(\"by_user\")", async () => {
    const result = await request<Location[]>(DefinitionRequest.type, "convex/tasks.ts", tasks, `withIndex("by_|user"`);
    assert.deepEqual(result.map(show), ["convex/schema.ts:13:12-13:19"]);
  });

  test("definition: a table name → its schema key; elsewhere nothing", async () => {
    assert.deepEqual((await request<Location[]>(DefinitionRequest.type, "convex/jobs.ts", jobs, `insert("jo|bs"`)).map(show), ["convex/schema.ts:15:2-15:6"]);
    assert.deepEqual(await request<Location[]>(DefinitionRequest.type, "convex/jobs.ts", jobs, `const job|Id`), []);
  });

  test("references: the run action from its export, with and without the declaration", async () => {
    const all = await request<Location[]>(ReferencesRequest.type, "convex/jobs.ts", jobs, "export const r|un", { context: { includeDeclaration: true } });
    assert.deepEqual(all.map(show), ["convex/jobs.ts:16:13-16:16", "convex/jobs.ts:10:36-10:48"]);
    const refs = await request<Location[]>(ReferencesRequest.type, "convex/jobs.ts", jobs, "api.jobs.r|un", { context: { includeDeclaration: false } });
    assert.deepEqual(refs.map(show), ["convex/jobs.ts:10:36-10:48"]);
  });

  test("references: the by_user index and the users table", async () => {
    const index = await request<Location[]>(ReferencesRequest.type, "convex/tasks.ts", tasks, `withIndex("by_|user"`, { context: { includeDeclaration: true } });
    assert.deepEqual(index.map(show), ["convex/schema.ts:13:12-13:19", "convex/tasks.ts:21:18-21:25"]);
    const users = await request<Location[]>(ReferencesRequest.type, "convex/schema.ts", demo.read("convex/schema.ts"), "  us|ers: defineTable", { context: { includeDeclaration: true } });
    assert.ok(users.length >= 4, users.map(show).join("\n"));
    assert.equal(show(users[0]), "convex/schema.ts:4:2-4:7");
  });

  test("hover: api.jobs.run shows a public action, its args and its references", async () => {
    const hover = await request<Hover>(HoverRequest.type, "convex/jobs.ts", jobs, "api.jobs.r|un");
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, "markdown");
    assert.equal(contents.value, "**action** `jobs:run`\n\nArgs:\n- `jobId`: `v.id(\"jobs\")`\n\nDefined in `convex/jobs.ts` · 1 reference (1 server, 0 client)");
    assert.deepEqual(hover.range, { start: { line: 10, character: 36 }, end: { line: 10, character: 48 } });
  });

  test("hover: a table and an index; nothing elsewhere", async () => {
    const table = await request<Hover>(HoverRequest.type, "convex/jobs.ts", jobs, `insert("jo|bs"`);
    assert.match((table.contents as MarkupContent).value, /^\*\*table\*\* `jobs`[\s\S]*- `error` \(optional\): `v\.optional\(v\.string\(\)\)`/);
    const index = await request<Hover>(HoverRequest.type, "convex/tasks.ts", tasks, `withIndex("by_|user"`);
    assert.equal((index.contents as MarkupContent).value, "**index** `by_user` on table `tasks`\n\nFields: `userId`");
    assert.equal(await request<Hover | null>(HoverRequest.type, "convex/jobs.ts", jobs, "const job|Id"), null);
  });

  test("completion: tables, then indexes and range fields as they are typed", async () => {
    const path = "convex/tasks.ts";
    let text = tasks.replace(`.query("tasks")\n      .withIndex("by_user"`, `.query("")\n      .withIndex("by_user"`);
    await client.change(demo.path(path), text);
    const tables = await request<CompletionItem[]>(CompletionRequest.type, path, text, `.query("|")\n      .withIndex("by_user"`, { context: { triggerKind: 2, triggerCharacter: '"' } });
    assert.deepEqual(tables.map((i) => i.label), ["users", "tasks", "jobs"]);
    assert.equal(tables[1].kind, CompletionItemKind.Struct);
    assert.equal(tables[1].detail, "text, isCompleted, userId");

    text = tasks.replace(`.withIndex("by_user", (q) => q.eq("userId", args.userId))`, `.withIndex("", (q) => q.eq("", args.userId))`);
    await client.change(demo.path(path), text);
    const indexes = await request<CompletionItem[]>(CompletionRequest.type, path, text, `.withIndex("|"`);
    assert.deepEqual(indexes.map((i) => [i.label, i.detail]), [["by_user", "userId"], ["by_creation_time", "_creationTime (built in)"]]);
    // The range is over an unnamed index until one is picked: no fields yet.
    assert.deepEqual(await request<CompletionItem[]>(CompletionRequest.type, path, text, `q.eq("|"`), []);

    text = tasks.replace(`q.eq("userId", args.userId)`, `q.eq("", args.userId)`);
    await client.change(demo.path(path), text);
    const fields = await request<CompletionItem[]>(CompletionRequest.type, path, text, `q.eq("|"`);
    assert.deepEqual(fields.map((i) => [i.label, i.detail, i.kind, i.preselect]), [
      ["userId", 'v.id("users")', CompletionItemKind.Field, true],
      ["_creationTime", "v.number()", CompletionItemKind.Field, undefined],
    ]);
    const edit = fields[0].textEdit as { range: { start: { line: number; character: number } } };
    assert.deepEqual(edit.range.start, pos(text, `q.eq("|"`));
    await client.change(demo.path(path), tasks);
  });
});
