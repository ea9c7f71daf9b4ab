// Hostile input through the language server (its own process, over stdio): a 5 MB module on disk
// and pasted into an editor, and a functions folder deleted and restored mid-session. The server
// says what it skipped in the output channel, keeps publishing the rest, answers requests, and
// never dies.
import assert from "node:assert/strict";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { HoverRequest, type Diagnostic } from "vscode-languageserver-protocol/node";
import { copyFixture } from "../support/demo";
import { TestLspClient, uri } from "../lsp/client";

const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);

/** About 5 MB of plausible Convex code. */
function hugeModule(): string {
  const parts = [`import { query } from "./_generated/server";\nimport { v } from "convex/values";\n`];
  for (let i = 0, length = 0; length < 5 * 1024 * 1024; i++) {
    const one = `export const get${i} = query({ args: { id: v.id("tasks") }, handler: async (ctx, args) => await ctx.db.get(args.id) });\n`;
    parts.push(one);
    length += one.length;
  }
  return parts.join("");
}

describe("hostile input through the language server", () => {
  test("a 5 MB module on disk and a 5 MB buffer: skipped with one message each, the rest published, requests answered", async () => {
    const demo = copyFixture("examples/demo");
    const huge = hugeModule();
    demo.write("convex/generated.ts", huge);
    const client = await TestLspClient.start(demo.root);
    try {
      await client.diagnosticsFor(demo.path("convex/tasks.ts"), "tasks.ts diagnostics", has("unknown-index"));
      await client.waitFor("a message about the file on disk", () => client.log.some((l) => l.includes(`skipped ${demo.path("convex/generated.ts")}: it is 5.0 MB`)));
      const pasted = demo.path("convex/pasted.ts");
      await client.open(pasted, huge);
      for (let i = 0; i < 10; i++) await client.change(pasted, `${huge}// ${i}\n`);
      const started = performance.now();
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(demo.path("convex/tasks.ts")) }, position: { line: 10, character: 30 } });
      const ms = performance.now() - started;
      assert.ok(ms < 10_000, `a hover while a 5 MB buffer is being typed into took ${ms.toFixed(0)} ms`);
      await client.waitFor("a message about the buffer", () => client.log.some((l) => l.includes(`skipped ${pasted}: it is 5.0 MB`)));
      assert.equal(client.log.filter((l) => l.includes(`skipped ${pasted}`)).length, 1, "said once, not on every keystroke");
      assert.ok(!client.published.get(uri(pasted))?.some((list) => list.length > 0), "no findings for a file that was not read");
      // Cut down to a real module, it is analysed.
      await client.change(pasted, `import { query } from "./_generated/server";\nexport const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("nope").take(5) });\n`);
      await client.diagnosticsFor(pasted, "findings once it is small", has("unknown-table"));
      assert.equal(client.exited, false);
      assert.deepEqual(client.log.filter((l) => /failed:|internal error/.test(l)), []);
    } finally {
      await client.stop();
      demo.dispose();
    }
  });

  test("a functions folder deleted mid-session: findings cleared, a message, and everything back when it returns", async () => {
    const demo = copyFixture("examples/demo");
    const client = await TestLspClient.start(demo.root);
    try {
      const tasks = demo.path("convex/tasks.ts");
      await client.diagnosticsFor(tasks, "tasks.ts diagnostics", has("unknown-index"));
      cpSync(demo.path("convex"), demo.path("saved"), { recursive: true });
      rmSync(demo.path("convex"), { recursive: true });
      await client.fileChanged(demo.path("convex"), 3);
      await client.diagnosticsFor(tasks, "tasks.ts cleared", (l) => l.length === 0);
      await client.diagnosticsFor(demo.path("convex/files.ts"), "files.ts cleared", (l) => l.length === 0);
      await client.waitFor("a message", () => client.log.some((l) => l.includes(`functions folder ${demo.path("convex")} is gone`)));
      await client.waitFor("a status without projects", () => {
        const status = client.notifications.filter((n) => n.method === "convex/status").at(-1)?.params as { projects: unknown[] } | undefined;
        return status?.projects.length === 0;
      });
      cpSync(demo.path("saved"), demo.path("convex"), { recursive: true });
      writeFileSync(demo.path("convex/extra.ts"), "export const x = 1;\n");
      await client.fileChanged(demo.path("convex/extra.ts"), 1);
      await client.diagnosticsFor(tasks, "tasks.ts back", has("unknown-index"));
      await client.waitFor("a message", () => client.log.some((l) => l.includes(`functions folder ${demo.path("convex")} is back`)));
      assert.equal(client.exited, false);
      assert.deepEqual(client.log.filter((l) => /failed:|internal error/.test(l)), []);
    } finally {
      await client.stop();
      demo.dispose();
    }
  });
});
