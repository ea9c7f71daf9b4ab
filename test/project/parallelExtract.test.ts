// Reading a large folder on two threads gives exactly the facts one thread gives, failures included.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { test } from "node:test";
import { extractModule, type ModuleInput } from "../../server/src/project/extract/module";
import { enableParallelExtraction, extractAll, isFailure, lastExtraction } from "../../server/src/project/parallelExtract";
import { REPO_ROOT } from "../support/demo";

function moduleText(i: number): string {
  const functions = Array.from({ length: 12 }, (_, j) => `
export const fn${j} = query({
  args: { id: v.id("table${i % 7}") },
  handler: async (ctx, args) => {
    const rows = await ctx.db.query("table${i % 7}").withIndex("by_owner", (q) => q.eq("owner", args.id)).collect();
    await ctx.scheduler.runAfter(0, internal.m${(i + 1) % 50}.fn${j}, {});
    return rows.filter((r) => r.done).map((r) => r._id);
  },
});`).join("\n");
  return `import { v } from "convex/values";\nimport { query } from "./_generated/server";\nimport { internal } from "./_generated/api";\n${functions}\n`;
}

test("the worker's facts equal the main thread's, and it does part of the work", () => {
  const inputs: ModuleInput[] = Array.from({ length: 600 }, (_, i) => ({ path: `/p/convex/m${i}.ts`, text: moduleText(i), version: "1", modulePath: `m${i}`, role: "function" }));
  // One module the parser cannot get through: its failure must come back as a failure.
  inputs[450] = { ...inputs[450], text: `export const f = ${"(".repeat(20_000)}1${")".repeat(20_000)};` };
  enableParallelExtraction(resolve(REPO_ROOT, "dist/cli.js"));
  const results = extractAll(inputs);
  assert.equal(lastExtraction.files, 600);
  assert.ok(lastExtraction.byWorker > 0, "the worker extracted some of the files");
  assert.ok(isFailure(results[450]) && results[450].failure.tooDeep);
  for (let i = 0; i < inputs.length; i++) {
    if (i === 450) continue;
    assert.deepEqual(results[i], extractModule(inputs[i]), `module ${i}`);
  }
});
