// The language server as an editor sees it: a separate process on stdio, documents opened and
// edited, diagnostics published and republished across files.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { CodeActionRequest, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from "vscode-languageserver-protocol/node";
import { REHEARSAL_EDITS } from "../../server/src/engine/editRehearsal";
import { copyFixture, type TempProject } from "../support/demo";
import { TestLspClient, uri } from "./client";

const codes = (list: Diagnostic[]) => list.map((d) => String(d.code)).sort();
const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);
const lacks = (code: string) => (list: Diagnostic[]) => !list.some((d) => d.code === code);

describe("language server over stdio", () => {
  let demo: TempProject;
  let client: TestLspClient;
  before(async () => {
    demo = copyFixture("examples/demo");
    client = await TestLspClient.start(demo.root);
  });
  after(async () => {
    await client.stop();
    demo.dispose();
  });

  test("after reading the project it rehearses the edit path once, on a copy of the largest module", async () => {
    const line = await client.waitFor("the edit rehearsal's log line", () => client.log.find((l) => l.startsWith("rehearsed ")));
    const match = /^rehearsed (\d+) edits of (\S+) in \d+ ms$/.exec(line);
    assert.ok(match, line);
    assert.equal(Number(match[1]), REHEARSAL_EDITS);
    const sizes = ["convex/tasks.ts", "convex/files.ts", "convex/jobs.ts", "convex/users.ts", "convex/schema.ts"].map((f) => [f, readFileSync(demo.path(f), "utf8").length] as const);
    assert.equal(match[2], demo.path(sizes.reduce((a, b) => (b[1] > a[1] ? b : a))[0]));
    assert.equal(client.log.filter((l) => l.startsWith("rehearsed ")).length, 1);
  });

  test("publishes the demo's findings with rule ids, doc links and exact ranges", async () => {
    const tasks = await client.diagnosticsFor(demo.path("convex/tasks.ts"), "tasks.ts diagnostics", has("unknown-index"));
    assert.deepEqual(codes(tasks), ["no-collect-in-query", "no-collect-in-query", "no-filter-in-query", "query-no-writes", "require-args-validator", "unknown-index", "unknown-table"]);
    const filter = tasks.find((d) => d.code === "no-filter-in-query")!;
    assert.equal(filter.source, "convex");
    assert.equal(filter.severity, 2);
    assert.deepEqual(filter.range, { start: { line: 10, character: 7 }, end: { line: 10, character: 58 } });
    assert.match(filter.codeDescription!.href, /docs\/rules\/no-filter-in-query\.md$/);
    const index = tasks.find((d) => d.code === "unknown-index")!;
    assert.equal(index.severity, 1);
    assert.deepEqual(index.range, { start: { line: 21, character: 17 }, end: { line: 21, character: 40 } });
    const files = await client.diagnosticsFor(demo.path("convex/files.ts"), "files.ts diagnostics", has("use-node-required"));
    assert.deepEqual(codes(files), ["action-no-db", "use-node-required"]);
    const jobs = await client.diagnosticsFor(demo.path("convex/jobs.ts"), "jobs.ts diagnostics", has("prefer-internal"));
    assert.deepEqual(codes(jobs), ["prefer-internal", "schedule-internal-only"]);
  });

  test("reports the functions folder and finding count for the status bar", async () => {
    const status = await client.waitFor("a status notification", () =>
      client.notifications.filter((n) => n.method === "convex/status").at(-1)?.params as
        | { projects: { functionsDir: string }[]; findings: { total: number; error: number } }
        | undefined);
    assert.deepEqual(status.projects.map((p) => p.functionsDir), ["convex/"]);
    assert.equal(status.findings.total, 13);
    assert.equal(status.findings.error, 6);
  });

  test("an edit to schema.ts republishes the unknown-index finding in tasks.ts, and reverting restores it", async () => {
    const schemaPath = demo.path("convex/schema.ts");
    const tasksPath = demo.path("convex/tasks.ts");
    const original = demo.read("convex/schema.ts");
    await client.open(schemaPath, original);
    const withIndex = original.replace(
      '.index("by_user", ["userId"])',
      '.index("by_user", ["userId"])\n    .index("by_user_and_completed", ["userId", "isCompleted"])',
    );
    assert.notEqual(withIndex, original);
    await client.change(schemaPath, withIndex);
    const after = await client.diagnosticsFor(tasksPath, "unknown-index to clear", lacks("unknown-index"));
    assert.ok(has("no-filter-in-query")(after), "other findings in tasks.ts stay");
    await client.change(schemaPath, original);
    await client.diagnosticsFor(tasksPath, "unknown-index to return", has("unknown-index"));
    await client.close(schemaPath);
  });

  test("fixing a finding in the open file clears it; unsaved text wins over the disk", async () => {
    const tasksPath = demo.path("convex/tasks.ts");
    const original = demo.read("convex/tasks.ts");
    await client.open(tasksPath, original);
    const fixed = original.replace(
      '.filter((q) => q.eq(q.field("userId"), args.userId))',
      '.withIndex("by_user", (q) => q.eq("userId", args.userId))',
    );
    assert.notEqual(fixed, original);
    await client.change(tasksPath, fixed);
    const list = await client.diagnosticsFor(tasksPath, "no-filter-in-query to clear", lacks("no-filter-in-query"));
    assert.ok(has("unknown-index")(list));
    await client.change(tasksPath, original);
    await client.diagnosticsFor(tasksPath, "no-filter-in-query to return", has("no-filter-in-query"));
    await client.close(tasksPath);
  });

  test("a public function becomes client-called when client code starts calling it (prefer-internal is cross-file)", async () => {
    const jobsPath = demo.path("convex/jobs.ts");
    const appPath = demo.path("src/App.tsx");
    const app = demo.read("src/App.tsx");
    await client.open(appPath, app);
    await client.change(appPath, app.replace("useMutation(api.jobs.start)", "useMutation(api.jobs.start);\n  const run = useMutation(api.jobs.run)"));
    await client.diagnosticsFor(jobsPath, "prefer-internal to clear", lacks("prefer-internal"));
    await client.close(appPath);
    await client.diagnosticsFor(jobsPath, "prefer-internal to return after close", has("prefer-internal"));
  });

  test("every diagnostic offers disable-for-line, disable-for-file and documentation; applying one clears it", async () => {
    const tasksPath = demo.path("convex/tasks.ts");
    const text = demo.read("convex/tasks.ts");
    await client.open(tasksPath, text);
    const list = await client.diagnosticsFor(tasksPath, "tasks.ts diagnostics", has("no-filter-in-query"));
    const filter = list.find((d) => d.code === "no-filter-in-query")!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(tasksPath) },
      range: filter.range,
      context: { diagnostics: [filter] },
    })) as CodeAction[];
    // The rule's own fix comes first (the demo's tasks table has an index on the filtered field).
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
      ['Use index "by_user"', "quickfix.convex.no-filter-in-query"],
      ["Disable no-filter-in-query for this line", "quickfix.convex.disable"],
      ["Disable no-filter-in-query for this file", "quickfix.convex.disable"],
      ["Show documentation for no-filter-in-query", "quickfix.convex.docs"],
    ]);
    assert.match(String(actions[3].command?.arguments?.[0]), /docs\/rules\/no-filter-in-query\.md$/);
    const change = actions[1].edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, 1);
    const lines = text.split("\n");
    const { range, newText } = change.edits[0] as TextEdit;
    assert.deepEqual(range.start, range.end);
    lines.splice(range.start.line, 0, newText.replace(/\n$/, ""));
    await client.change(tasksPath, lines.join("\n"));
    const after = await client.diagnosticsFor(tasksPath, "no-filter-in-query to be disabled", lacks("no-filter-in-query"));
    assert.ok(has("unknown-index")(after), "the other findings stay");
    await client.close(tasksPath);
  });

  test('the lightbulb offers the verified "Add \"use node\"" fix, preferred; applying it clears the finding', async () => {
    const filesPath = demo.path("convex/files.ts");
    const text = demo.read("convex/files.ts");
    await client.open(filesPath, text);
    const list = await client.diagnosticsFor(filesPath, "files.ts diagnostics", has("use-node-required"));
    const useNode = list.find((d) => d.code === "use-node-required")!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(filesPath) },
      range: useNode.range,
      context: { diagnostics: [useNode] },
    })) as CodeAction[];
    const fix = actions[0];
    assert.deepEqual([fix.title, fix.kind, fix.isPreferred], ['Add "use node"', "quickfix.convex.use-node-required", true]);
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    const { range, newText } = change.edits[0] as TextEdit;
    assert.deepEqual([range.start, range.end, newText], [{ line: 0, character: 0 }, { line: 0, character: 0 }, '"use node";\n']);
    await client.change(filesPath, newText + text);
    const after = await client.diagnosticsFor(filesPath, "use-node-required to clear", lacks("use-node-required"));
    assert.deepEqual(codes(after), ["action-no-db"]);
    await client.close(filesPath);
  });

  test("a half-typed module keeps the findings that can be trusted and the server keeps running", async () => {
    const filesPath = demo.path("convex/files.ts");
    const broken = demo.read("convex/files.ts") + "\nexport const broken = action({ args: {}, handler: async (ctx) => { ctx.db.";
    await client.open(filesPath, broken);
    await client.change(filesPath, broken + "\u0000\uffff ))) {{{ ");
    const list = await client.diagnosticsFor(filesPath, "findings in broken file", (l) => has("use-node-required")(l) && l.filter((d) => d.code === "action-no-db").length >= 1);
    assert.ok(list.length >= 2);
    assert.equal(client.exited, false);
    await client.close(filesPath);
    await client.diagnosticsFor(filesPath, "disk text again", (l) => l.filter((d) => d.code === "action-no-db").length === 1);
  });

  test("diagnostics name the document version they were computed for, also when an edit leaves them as they were", async () => {
    const usersPath = demo.path("convex/users.ts");
    const text = demo.read("convex/users.ts");
    const versions = () => client.publishedVersions.get(uri(usersPath)) ?? [];
    const before = versions().length;
    await client.open(usersPath, text);
    // users.ts has no findings: the empty list is still sent, for version 1.
    await client.waitFor("a publish for version 1", () => versions().length > before && versions().at(-1) === 1);
    await client.change(usersPath, `${text}\n`);
    await client.waitFor("a publish for version 2", () => versions().at(-1) === 2);
    await client.change(usersPath, `${text}\n`);
    await client.waitFor("a publish for version 3 (same text)", () => versions().at(-1) === 3);
    assert.deepEqual(client.diagnostics.get(uri(usersPath)), []);
    await client.close(usersPath);
  });

  test("files changed on disk are re-read when the editor reports them", async () => {
    const usersPath = demo.path("convex/users.ts");
    const text = demo.read("convex/users.ts");
    demo.write("convex/users.ts", text.replace('export const getCurrentUser = query({\n  args: {},', "export const getCurrentUser = query({"));
    await client.fileChanged(usersPath, 2);
    const list = await client.diagnosticsFor(usersPath, "require-args-validator from disk", has("require-args-validator"));
    assert.equal(list.length, 1);
    demo.write("convex/users.ts", text);
    await client.fileChanged(usersPath, 2);
    await client.diagnosticsFor(usersPath, "cleared after revert", (l) => l.length === 0);
  });

  test("convex-guidelines.json is read, re-read when it changes, and convex.rules overrides it", async () => {
    const tasksPath = demo.path("convex/tasks.ts");
    const configPath = demo.path("convex-guidelines.json");
    demo.write("convex-guidelines.json", JSON.stringify({ rules: { "unknown-table": "off", "no-filter-in-query": "error" } }));
    await client.fileChanged(configPath, 1);
    const list = await client.diagnosticsFor(tasksPath, "config applied", lacks("unknown-table"));
    assert.equal(list.find((d) => d.code === "no-filter-in-query")?.severity, 1);
    await client.configurationChanged({ rules: { "no-filter-in-query": "hint" } });
    await client.diagnosticsFor(tasksPath, "setting overrides config", (l) => l.find((d) => d.code === "no-filter-in-query")?.severity === 4 && lacks("unknown-table")(l));
    await client.configurationChanged({});
    demo.write("convex-guidelines.json", "{ not json");
    await client.fileChanged(configPath, 2);
    await client.diagnosticsFor(tasksPath, "defaults after a broken config", (l) => has("unknown-table")(l) && l.find((d) => d.code === "no-filter-in-query")?.severity === 2);
    await client.waitFor("a message about the broken config", () => client.log.some((l) => l.includes("convex-guidelines.json") && l.includes("using the default rule setup")));
    demo.write("convex-guidelines.json", "{}");
    await client.fileChanged(configPath, 2);
  });

  test("convex.rules changes severities and turns rules off; convex.enable turns everything off", async () => {
    const tasksPath = demo.path("convex/tasks.ts");
    await client.configurationChanged({ rules: { "no-filter-in-query": "off", "unknown-index": "hint" } });
    const list = await client.diagnosticsFor(tasksPath, "settings applied", lacks("no-filter-in-query"));
    assert.equal(list.find((d) => d.code === "unknown-index")?.severity, 4);
    await client.configurationChanged({ enable: false });
    await client.diagnosticsFor(tasksPath, "everything cleared", (l) => l.length === 0);
    await client.configurationChanged({ rules: { "no-such-rule": "error", "unknown-table": "loud" } });
    const restored = await client.diagnosticsFor(tasksPath, "defaults again", has("no-filter-in-query"));
    assert.equal(restored.find((d) => d.code === "unknown-table")?.severity, 1, "an invalid severity keeps the default");
    await client.waitFor("a warning about the unknown rule", () => client.log.some((l) => l.includes('unknown rule "no-such-rule"')));
  });
});

describe("language server start-up", () => {
  test("an open file first gets the findings that need nothing but itself and the schema, then the rest", async () => {
    const demo = copyFixture("examples/demo");
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const client = await TestLspClient.start(demo.root, {}, { configurationGate: gate });
    try {
      const jobsPath = demo.path("convex/jobs.ts");
      // Module-local findings (no args, a noun for a name) beside one that needs the other modules (who calls run).
      const jobs = `${demo.read("convex/jobs.ts")}\nexport const ping = query({ handler: async () => null });\n`.replace("import { action,", "import { action, query,");
      demo.write("convex/jobs.ts", jobs);
      await client.open(jobsPath, jobs);
      release();
      await client.diagnosticsFor(jobsPath, "all of jobs.ts's findings", has("prefer-internal"));
      const history = client.published.get(uri(jobsPath))!;
      assert.deepEqual(codes(history[0]), ["function-naming", "require-args-validator", "schedule-internal-only"]);
      assert.deepEqual(codes(history.at(-1)!), ["function-naming", "prefer-internal", "require-args-validator", "schedule-internal-only"]);
    } finally {
      await client.stop();
      demo.dispose();
    }
  });
});
