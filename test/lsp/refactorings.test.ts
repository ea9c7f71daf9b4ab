// The "Convert to internal…" refactoring as an editor requests it: code actions of kind
// `refactor` at a function's name, a WorkspaceEdit over every file it touches, and a disabled action
// with the reason when client code calls the function.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { CodeActionRequest, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from "vscode-languageserver-protocol/node";
import { copyFixture, type TempProject } from "../support/demo";
import { TestLspClient, uri } from "./client";

const EMAILS = `import { v } from "convex/values";
import { action, query } from "./_generated/server";

export const sendWelcome = action({
  args: { to: v.string() },
  handler: async () => null,
});

export const listOutbox = query({ args: {}, handler: async () => [] });
`;
const USERS = `import { v } from "convex/values";
import { api } from "./_generated/api";
import { mutation } from "./_generated/server";

export const signUp = mutation({
  args: { email: v.string() },
  handler: async (ctx, args) => {
    await ctx.scheduler.runAfter(0, api.emails.sendWelcome, { to: args.email });
  },
});
`;
const APP = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function Outbox() {
  return useQuery(api.emails.listOutbox);
}
export const signUp = api.users.signUp;
`;

const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);

describe("language server: refactorings", () => {
  let demo: TempProject;
  let client: TestLspClient;
  before(async () => {
    demo = copyFixture("test/fixtures/clean");
    demo.write("convex/emails.ts", EMAILS);
    demo.write("convex/users.ts", USERS);
    mkdirSync(demo.path("src"));
    demo.write("src/App.tsx", APP);
    client = await TestLspClient.start(demo.root);
    await client.diagnosticsFor(demo.path("convex/emails.ts"), "the first analysis", has("prefer-internal"));
    // Code actions are asked for in an open editor.
    await client.open(demo.path("convex/emails.ts"), EMAILS);
  });
  after(async () => {
    await client.stop();
    demo.dispose();
  });

  const refactorAt = async (path: string, line: number, character: number) =>
    (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(path) },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [], only: ["refactor"] },
    })) as CodeAction[];

  test("at a function's name: one WorkspaceEdit over the function's module and the module that schedules it", async () => {
    const emailsPath = demo.path("convex/emails.ts");
    const usersPath = demo.path("convex/users.ts");
    const actions = await refactorAt(emailsPath, 3, 16);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.disabled]), [['Convert "sendWelcome" to internalAction', "refactor.rewrite.convex.convertToInternal", undefined]]);
    const changes = actions[0].edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => c.textDocument.uri).sort(), [uri(emailsPath), uri(usersPath)].sort());
    const texts = changes.flatMap((c) => c.edits.map((e) => (e as TextEdit).newText));
    assert.ok(texts.includes("internalAction"), JSON.stringify(texts));
    assert.ok(texts.includes("internal.emails.sendWelcome"), JSON.stringify(texts));
  });

  test("also with the cursor on the builder; nothing elsewhere in the function", async () => {
    const emailsPath = demo.path("convex/emails.ts");
    assert.equal((await refactorAt(emailsPath, 3, 30)).length, 1);
    assert.deepEqual(await refactorAt(emailsPath, 5, 4), []);
  });

  test("a function client code calls: the action is disabled and says where", async () => {
    const actions = await refactorAt(demo.path("convex/emails.ts"), 8, 16);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Convert "listOutbox" to internalQuery');
    assert.equal(actions[0].edit, undefined);
    assert.match(actions[0].disabled?.reason ?? "", /called from client code in src\/App\.tsx:5/);
  });

  test("a request for quick fixes only gets no refactorings", async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(demo.path("convex/emails.ts")) },
      range: { start: { line: 3, character: 16 }, end: { line: 3, character: 16 } },
      context: { diagnostics: [], only: ["quickfix"] },
    })) as CodeAction[];
    assert.deepEqual(actions.filter((a) => a.kind?.startsWith("refactor")), []);
  });

  test("with the cursor on a prefer-internal diagnostic, the conversion is listed once, as the quick fix", async () => {
    const emailsPath = demo.path("convex/emails.ts");
    const diagnostics = await client.diagnosticsFor(emailsPath, "emails.ts diagnostics", has("prefer-internal"));
    const preferInternal = diagnostics.find((d) => d.code === "prefer-internal")!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(emailsPath) },
      range: preferInternal.range,
      context: { diagnostics: [preferInternal] },
    })) as CodeAction[];
    const conversions = actions.filter((a) => a.title === 'Convert "sendWelcome" to internalAction');
    assert.deepEqual(conversions.map((a) => [a.kind, a.isPreferred]), [["quickfix.convex.prefer-internal", true]]);
  });
});
