// `source.fixAll.convex` as `editor.codeActionsOnSave` asks for it: only that kind, one action whose
// edit applies every safe fix for the file, and nothing once the file is clean.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CodeActionRequest, type CodeAction, type TextDocumentEdit, type TextEdit } from "vscode-languageserver-protocol/node";
import { copyFixture, type TempProject } from "../support/demo";
import { TestLspClient, applyTextEdits, uri } from "./client";

describe("source.fixAll.convex", () => {
  let project: TempProject;
  let client: TestLspClient;
  before(async () => {
    project = copyFixture("test/fixtures/fixable");
    client = await TestLspClient.start(project.root);
  });
  after(async () => {
    await client.stop();
    project.dispose();
  });

  const fixAllActions = async (path: string) => (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: uri(path) },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ["source.fixAll"] },
  })) as CodeAction[];

  test("applies the file's safe fixes as one versioned edit and leaves suggestions alone", async () => {
    const hashPath = project.path("convex/hash.ts");
    const text = project.read("convex/hash.ts");
    await client.open(hashPath, text);
    await client.diagnosticsFor(hashPath, "hash.ts diagnostics", (list) => list.some((d) => d.code === "use-node-required"));
    const actions = await fixAllActions(hashPath);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.diagnostics]), [["Fix all auto-fixable Convex problems", "source.fixAll.convex", undefined]]);
    const changes = actions[0].edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version]), [[uri(hashPath), 1]]);
    const fixed = applyTextEdits(text, changes[0].edits as TextEdit[]);
    assert.equal(fixed, text.replace("// Hashing runs in Node.js.\n", '// Hashing runs in Node.js.\n"use node";\n'));
    await client.change(hashPath, fixed);
    const left = await client.diagnosticsFor(hashPath, "use-node-required to clear", (list) => !list.some((d) => d.code === "use-node-required"));
    assert.deepEqual(left.map((d) => d.code), ["function-naming"], "the rename is a suggestion, never applied by fix-all");
    assert.deepEqual(await fixAllActions(hashPath), [], "nothing left to fix");
    await client.close(hashPath);
  });

  test("fix-all is offered only for open documents, against their current text", async () => {
    const notesPath = project.path("convex/notes.ts");
    const actions = await fixAllActions(notesPath);
    assert.equal(actions.length, 0, "code actions are only computed for open documents");
    await client.open(notesPath, project.read("convex/notes.ts"));
    const [action] = await fixAllActions(notesPath);
    const [change] = action.edit!.documentChanges as TextDocumentEdit[];
    assert.match(applyTextEdits(project.read("convex/notes.ts"), change.edits as TextEdit[]), /query\(\{\n  args: \{\},\n  handler:/);
    await client.close(notesPath);
  });
});
