// Real Convex code: the component sources shipped in @convex-dev/* packages. The CLI must not crash
// on any of them, must actually analyse their modules, and must report exactly the findings that
// were reviewed by hand (a finding a Convex engineer would reject is a bug in the rule).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "../support/demo";

/** Package → modules analysed and reviewed findings (`file:line:col rule-id`, paths below the package). */
const CORPUS: Record<string, { modules: number; findings: string[] }> = {
  // Reviewed:
  // - Public functions that schedule themselves (cancelAll, clearAll, migrate, …) are component API
  //   called by the installing app through `components.*`: prefer-internal and schedule-internal-only
  //   stay silent inside components.
  // - index-naming (info): these schemas predate Convex's published `by_field1_and_field2` naming
  //   convention; each finding names an index whose name does not spell its fields. Kept.
  // - aggregate worker.ts `try { await ctx.runMutation(…) } catch`: a sub-transaction for partial
  //   rollback, the documented use, so run-in-query-or-mutation stays silent.
  // - workflow workflow.ts:418 runs the public `cancel` mutation from a mutation for each child
  //   workflow, with no rollback need: the best-practice hint applies. Kept.
  // - function-naming (info): nouns as function names (status, statusBatch, main, running,
  //   diagnostics, offset, atOffset, heartbeat, …) where the guidelines ask for verbs. Kept; real
  //   verbs these components use (enqueue, migrate, cleanup, execute, onComplete, …) do not fire.
  // - rate-limiter lib.ts:69 `Math.random()` in the public query getValue: accurate (seeded, cached
  //   with the result); the shard sampling is deliberate, the case a suppression comment is for. Kept.
  // - Inside components, no-any-validator, storage-id-validator, require-access-control and
  //   query-prefer-null-over-throw stay silent: 58 v.any() payloads and every public function are the
  //   component's API for the installing app, not for browsers.
  // - workflow event.ts:90, in a helper the handlers pass ctx to: `.filter` on name after a withIndex
  //   range. Accurate (the official ESLint rule flags the same shape); kept. The same shape in
  //   workpool loop.ts:369 carries `eslint-disable-next-line @convex-dev/no-filter-in-query`, which
  //   is honoured.
  "@convex-dev/workpool": {
    modules: 15,
    findings: [
      "src/component/lib.ts:200:14 function-naming",
      "src/component/lib.ts:228:14 function-naming",
      "src/component/loop.ts:742:14 function-naming",
      "src/component/schema.ts:67:12 index-naming",
      "src/component/schema.ts:68:12 index-naming",
      "src/component/schema.ts:77:12 index-naming",
      "src/component/schema.ts:78:12 index-naming",
      "src/component/schema.ts:85:12 index-naming",
      "src/component/schema.ts:86:12 index-naming",
      "src/component/stats.ts:150:14 function-naming",
      "src/component/stats.ts:183:14 function-naming",
      "src/component/stats.ts:217:14 function-naming",
    ],
  },
  "@convex-dev/rate-limiter": {
    modules: 6,
    findings: [
      "src/component/lib.ts:69:38 query-no-side-effects",
      "src/component/schema.ts:12:12 index-naming",
      "src/component/schema.ts:17:12 index-naming",
    ],
  },
  "@convex-dev/aggregate": {
    modules: 8,
    findings: [
      "src/component/btree.ts:464:14 function-naming",
      "src/component/btree.ts:496:14 function-naming",
      "src/component/btree.ts:548:14 function-naming",
      "src/component/btree.ts:576:14 function-naming",
      "src/component/btree.ts:1306:14 function-naming",
    ],
  },
  "@convex-dev/migrations": {
    modules: 3,
    findings: [
      "src/component/schema.ts:16:12 index-naming",
      "src/component/schema.ts:17:12 index-naming",
    ],
  },
  "@convex-dev/workflow": {
    modules: 10,
    findings: [
      "src/component/event.ts:90:8 no-filter-in-query",
      "src/component/schema.ts:117:48 index-naming",
      "src/component/schema.ts:119:12 index-naming",
      "src/component/schema.ts:120:12 index-naming",
      "src/component/schema.ts:121:36 index-naming",
      "src/component/workflow.ts:418:19 run-in-query-or-mutation",
    ],
  },
  "@convex-dev/action-retrier": {
    modules: 6,
    findings: [
      "src/component/public.ts:23:14 function-naming",
      "src/component/run.ts:120:14 function-naming",
      "src/component/schema.ts:67:12 index-naming",
    ],
  },
};

function check(pkg: string, format: "text" | "json") {
  const dir = resolve(REPO_ROOT, "node_modules", pkg);
  const result = spawnSync(process.execPath, [resolve(REPO_ROOT, "dist/cli.js"), "check", ".", "--format", format], { cwd: dir, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("@convex-dev/* component sources", () => {
  for (const [pkg, expected] of Object.entries(CORPUS)) {
    test(`${pkg}: no crash, every module analysed, only reviewed findings`, () => {
      const text = check(pkg, "text");
      assert.equal(text.stderr, "", "nothing logged: no rule failed, no file was unreadable");
      assert.ok(text.code === 0 || text.code === 1, `exit code ${text.code}`);
      const modules = Number(/in (?:\d+ of )?(\d+) modules?\.$/m.exec(text.stdout)?.[1]);
      assert.equal(modules, expected.modules, `modules analysed:\n${text.stdout}`);
      const json = check(pkg, "json");
      const findings = (JSON.parse(json.stdout) as { findings: { file: string; line: number; column: number; ruleId: string }[] }).findings;
      assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), expected.findings);
    });
  }
});
