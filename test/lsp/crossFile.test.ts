// Findings that depend on another file than the one they are in, as an editor sees them: a change in
// one open document republishes (or clears) diagnostics in the file that depends on it. Also the
// edited-generated-file warning, which only exists where an editor holds unsaved text.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import { copyFixture, type TempProject } from "../support/demo";
import { TestLspClient, uri } from "./client";

const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);
const lacks = (code: string) => (list: Diagnostic[]) => !list.some((d) => d.code === code);

const IMPORTER = `import { query } from "./_generated/server";
import { checksum } from "./nodeStuff";

export const getChecksum = query({
  args: {},
  handler: async () => checksum("demo"),
});
`;
const NODE_STUFF = `"use node";

export function checksum(text: string): number {
  return text.length;
}
`;
const CRONS = `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();
crons.interval("close stale jobs", { minutes: 30 }, internal.jobs.finish, {});

export default crons;
`;
const VALIDATORS = `import { v } from "convex/values";
import schema from "./schema";

export const jobStatus = v.union(v.literal("processing"), v.literal("completed"), v.literal("failed"));
export const taskDoc = schema.tables.tasks.validator;
`;

describe("language server: cross-file findings", () => {
  let demo: TempProject;
  let client: TestLspClient;
  before(async () => {
    demo = copyFixture("examples/demo");
    demo.write("convex/importer.ts", IMPORTER);
    demo.write("convex/crons.ts", CRONS);
    demo.write("convex/validators.ts", VALIDATORS);
    client = await TestLspClient.start(demo.root);
    // The first analysis is in once the demo's own findings are published.
    await client.diagnosticsFor(demo.path("convex/jobs.ts"), "the demo's first analysis", has("prefer-internal"));
  });
  after(async () => {
    await client.stop();
    demo.dispose();
  });

  test("no-import-use-node: a module gaining and losing \"use node\" changes the importer's diagnostics", async () => {
    const importerPath = demo.path("convex/importer.ts");
    const nodePath = demo.path("convex/nodeStuff.ts");
    assert.ok(lacks("no-import-use-node")(client.diagnostics.get(uri(importerPath)) ?? []));
    // convex/nodeStuff.ts exists only in the editor: a new, unsaved file.
    await client.open(nodePath, NODE_STUFF);
    const list = await client.diagnosticsFor(importerPath, "no-import-use-node in the importer", has("no-import-use-node"));
    const finding = list.find((d) => d.code === "no-import-use-node")!;
    assert.equal(finding.severity, 1);
    assert.deepEqual(finding.range, { start: { line: 1, character: 25 }, end: { line: 1, character: 38 } });
    assert.match(String(finding.message), /imports convex\/nodeStuff, which has "use node"/);
    await client.change(nodePath, NODE_STUFF.replace('"use node";\n\n', ""));
    await client.diagnosticsFor(importerPath, "no-import-use-node to clear without the directive", lacks("no-import-use-node"));
    await client.change(nodePath, NODE_STUFF);
    await client.diagnosticsFor(importerPath, "no-import-use-node to return with the directive", has("no-import-use-node"));
    await client.close(nodePath);
    await client.diagnosticsFor(importerPath, "no-import-use-node to clear once the unsaved module is gone", lacks("no-import-use-node"));
  });

  test("cron-targets: turning the cron's target into a query in jobs.ts flags crons.ts, reverting clears it", async () => {
    const cronsPath = demo.path("convex/crons.ts");
    const jobsPath = demo.path("convex/jobs.ts");
    const original = demo.read("convex/jobs.ts");
    await client.open(jobsPath, original);
    const asQuery = original
      .replace('import { action, internalMutation, mutation } from "./_generated/server";', 'import { action, internalMutation, internalQuery, mutation } from "./_generated/server";')
      .replace("export const finish = internalMutation({", "export const finish = internalQuery({");
    assert.notEqual(asQuery, original);
    await client.change(jobsPath, asQuery);
    const list = await client.diagnosticsFor(cronsPath, "cron-targets in crons.ts", has("cron-targets"));
    const finding = list.find((d) => d.code === "cron-targets")!;
    assert.equal(finding.severity, 1);
    assert.deepEqual(finding.range, { start: { line: 4, character: 52 }, end: { line: 4, character: 72 } });
    assert.match(String(finding.message), /runs internal\.jobs\.finish, which is a query/);
    await client.change(jobsPath, original);
    await client.diagnosticsFor(cronsPath, "cron-targets to clear", lacks("cron-targets"));
    await client.close(jobsPath);
  });

  test("no-schema-import-cycle: schema.ts importing a module that reads the schema at load time flags that module", async () => {
    const schemaPath = demo.path("convex/schema.ts");
    const validatorsPath = demo.path("convex/validators.ts");
    const original = demo.read("convex/schema.ts");
    await client.open(schemaPath, original);
    const importing = original
      .replace('import { v } from "convex/values";', 'import { v } from "convex/values";\nimport { jobStatus } from "./validators";')
      .replace('status: v.union(v.literal("processing"), v.literal("completed"), v.literal("failed")),', "status: jobStatus,");
    assert.equal(importing.split("jobStatus").length, 3, "both edits applied");
    await client.change(schemaPath, importing);
    const list = await client.diagnosticsFor(validatorsPath, "no-schema-import-cycle in validators.ts", has("no-schema-import-cycle"));
    const finding = list.find((d) => d.code === "no-schema-import-cycle")!;
    assert.equal(finding.severity, 1);
    assert.deepEqual(finding.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 29 } });
    assert.match(String(finding.message), /schema\.ts → validators\.ts → schema\.ts/);
    // Closing the unsaved schema drops the cycle with it; reopening brings it back.
    await client.close(schemaPath);
    await client.diagnosticsFor(validatorsPath, "no-schema-import-cycle to clear when the edit is dropped", lacks("no-schema-import-cycle"));
    await client.open(schemaPath, importing);
    await client.diagnosticsFor(validatorsPath, "no-schema-import-cycle again", has("no-schema-import-cycle"));
    await client.change(schemaPath, original);
    await client.diagnosticsFor(validatorsPath, "no-schema-import-cycle to clear after reverting", lacks("no-schema-import-cycle"));
    await client.close(schemaPath);
  });

  test("generated-readonly: an edit to a _generated file is flagged until it matches the disk again", async () => {
    const apiPath = demo.path("convex/_generated/api.d.ts");
    const original = demo.read("convex/_generated/api.d.ts");
    await client.open(apiPath, original);
    const edited = original + "export declare const extra: number;\n";
    await client.change(apiPath, edited);
    const list = await client.diagnosticsFor(apiPath, "generated-readonly on the edited file", has("generated-readonly"));
    assert.equal(list.length, 1);
    assert.equal(list[0].severity, 2);
    assert.deepEqual(list[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 20 } });
    assert.match(String(list[0].message), /generated by `npx convex dev`/);
    await client.change(apiPath, original);
    await client.diagnosticsFor(apiPath, "cleared when the text matches the disk", (l) => l.length === 0);
    await client.change(apiPath, edited);
    await client.diagnosticsFor(apiPath, "flagged again", has("generated-readonly"));
    await client.close(apiPath);
    await client.diagnosticsFor(apiPath, "cleared on close", (l) => l.length === 0);
  });
});
