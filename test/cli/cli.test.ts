// The CLI as CI runs it: a separate process, its stdout, stderr and exit code.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { RULES } from "../../server/src/rules/registry";
import { REPO_ROOT, copyFixture } from "../support/demo";

const CLI = resolve(REPO_ROOT, "dist/cli.js");

function run(args: string[], cwd = REPO_ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonOutput {
  findings: {
    file: string; line: number; column: number; endLine: number; endColumn: number;
    ruleId: string; severity: string; message: string; fixes: { title: string; safe: boolean }[];
  }[];
}

describe("convex-guidelines check", () => {
  test("--format json prints exactly one JSON object with the documented shape", () => {
    const { code, stdout, stderr } = run(["check", "examples/demo", "--format", "json"]);
    assert.equal(stderr, "");
    assert.equal(code, 1, "the demo has error-severity findings");
    const output = JSON.parse(stdout) as JsonOutput;
    assert.deepEqual(Object.keys(output), ["findings"]);
    assert.equal(output.findings.length, 13);
    for (const f of output.findings) {
      assert.deepEqual(Object.keys(f), ["file", "line", "column", "endLine", "endColumn", "ruleId", "severity", "message", "fixes"]);
      assert.match(f.file, /^examples\/demo\/convex\/[a-z]+\.ts$/);
      assert.ok(["error", "warning", "info", "hint"].includes(f.severity));
      assert.ok(f.line >= 1 && f.column >= 1);
      assert.ok(Array.isArray(f.fixes));
    }
    // Fixes are listed only once verified; the demo's Node action module can take "use node".
    assert.deepEqual(output.findings.find((f) => f.ruleId === "use-node-required")?.fixes, [{ title: 'Add "use node"', safe: true }]);
    const filter = output.findings.find((f) => f.ruleId === "no-filter-in-query")!;
    assert.deepEqual([filter.file, filter.line, filter.column, filter.endLine, filter.endColumn, filter.severity], ["examples/demo/convex/tasks.ts", 11, 8, 11, 59, "warning"]);
  });

  test("text format: one line per finding, then a summary; paths relative to the working directory", () => {
    const { code, stdout } = run(["check"], resolve(REPO_ROOT, "examples/demo"));
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split("\n");
    assert.equal(lines[0], lines[0].match(/^convex\/files\.ts:1:28 error use-node-required .+/)?.[0]);
    assert.equal(lines.filter((l) => /^convex\/\w+\.ts:\d+:\d+ (error|warning|info|hint) [a-z-]+ ./.test(l)).length, 13);
    assert.equal(lines.at(-1), "13 problems (6 errors, 5 warnings, 2 info, 0 hints) in 4 of 5 modules.");
  });

  test("sarif: a 2.1.0 log with every rule described and every finding located", () => {
    const { code, stdout } = run(["check", "examples/demo", "--format=sarif"]);
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, "2.1.0");
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, "convex-guidelines");
    assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.meta.id));
    assert.ok(run0.tool.driver.rules.every((r: { helpUri: string }) => r.helpUri.endsWith(".md")));
    assert.equal(run0.results.length, 13);
    const unknownIndex = run0.results.find((r: { ruleId: string }) => r.ruleId === "unknown-index");
    assert.equal(unknownIndex.level, "error");
    assert.equal(run0.tool.driver.rules[unknownIndex.ruleIndex].id, "unknown-index");
    assert.deepEqual(unknownIndex.locations[0].physicalLocation, {
      artifactLocation: { uri: "examples/demo/convex/tasks.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: 22, startColumn: 18, endLine: 22, endColumn: 41 },
    });
  });

  test("a moved functions folder (convex.json) with nested modules, checked from a file path", () => {
    const all = JSON.parse(run(["check", "test/fixtures/moved-functions", "--format", "json"]).stdout) as JsonOutput;
    assert.deepEqual(
      all.findings.map((f) => [f.file.replace("test/fixtures/moved-functions/", ""), f.line, f.column, f.endColumn, f.ruleId, f.severity]),
      [
        ["backend/feed.ts", 8, 38, 64, "schedule-internal-only", "warning"],
        ["backend/lib/posts.ts", 4, 14, 26, "prefer-internal", "warning"],
        ["backend/lib/posts.ts", 9, 18, 28, "unknown-index", "error"],
      ],
    );
    assert.match(all.findings[2].message, /Did you mean "by_author"\?/);
    const one = run(["check", "test/fixtures/moved-functions/backend/lib/posts.ts", "--format", "json"]);
    assert.equal(one.code, 1);
    assert.deepEqual((JSON.parse(one.stdout) as JsonOutput).findings.map((f) => f.ruleId), ["prefer-internal", "unknown-index"]);
  });

  test("exit code 0 when nothing reaches error severity", () => {
    const clean = run(["check", "test/fixtures/clean"]);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, "No problems found in 2 modules.\n");
    const warningsOnly = run(["check", "test/fixtures/moved-functions/backend/feed.ts"]);
    assert.equal(warningsOnly.code, 0);
    assert.match(warningsOnly.stdout, /1 problem \(0 errors, 1 warnings/);
  });

  test("bad usage exits 2 with a one-line message and prints nothing on stdout", () => {
    for (const args of [
      ["check", "--bogus"],
      ["check", "no/such/dir"],
      ["check", "--format", "xml"],
      ["check", "--format"],
      ["lint"],
      [],
      ["check", "test/support"],
    ]) {
      const { code, stdout, stderr } = run(args);
      assert.equal(code, 2, `exit code for ${args.join(" ")}`);
      assert.equal(stdout, "", `stdout for ${args.join(" ")}`);
      assert.match(stderr, /^convex-guidelines: [^\n]+\n$/, `one line on stderr for ${args.join(" ")}`);
    }
    assert.match(run(["check", "no/such/dir"]).stderr, /path does not exist: no\/such\/dir/);
    assert.match(run(["check", "--bogus"]).stderr, /unknown option "--bogus"/);
  });

  test("convex-guidelines.json next to convex.json sets severities; a broken one is a usage error", () => {
    const demo = copyFixture("examples/demo");
    try {
      demo.write("convex-guidelines.json", JSON.stringify({ rules: { "unknown-index": "warning", "use-node-required": "off", "no-such-rule": "error" } }));
      const { code, stdout, stderr } = run(["check", "--format", "json"], demo.root);
      const findings = (JSON.parse(stdout) as JsonOutput).findings;
      assert.equal(findings.find((f) => f.ruleId === "unknown-index")?.severity, "warning");
      assert.equal(findings.some((f) => f.ruleId === "use-node-required"), false);
      assert.equal(findings.length, 12);
      assert.equal(code, 1, "other errors remain");
      assert.match(stderr, /convex-guidelines\.json: rules: unknown rule "no-such-rule"/);
      demo.write("convex-guidelines.json", "{ rules: ");
      const broken = run(["check"], demo.root);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /^convex-guidelines: .*convex-guidelines\.json: .+\n$/);
      assert.equal(broken.stdout, "");
    } finally {
      demo.dispose();
    }
  });

  test("suppression comments silence findings in CLI output", () => {
    const demo = copyFixture("examples/demo");
    try {
      const tasks = demo.read("convex/tasks.ts");
      demo.write("convex/tasks.ts", tasks.replace("      .filter(", "      // convex-disable-next-line no-filter-in-query -- small table\n      .filter("));
      const findings = (JSON.parse(run(["check", "--format", "json"], demo.root).stdout) as JsonOutput).findings;
      assert.equal(findings.some((f) => f.ruleId === "no-filter-in-query"), false);
      assert.equal(findings.length, 12);
    } finally {
      demo.dispose();
    }
  });

  test("--fix applies the safe fixes, writes the files, reports what is left, and a second run changes nothing", () => {
    const project = copyFixture("test/fixtures/fixable");
    try {
      const first = run(["check", "--fix"], project.root);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      assert.equal(first.stderr, [
        "convex-guidelines: applied 2 fixes in 2 files",
        '  convex/hash.ts: Add "use node" (use-node-required)',
        "  convex/notes.ts: Add `args: {}` (require-args-validator)",
        "",
      ].join("\n"));
      assert.equal(project.read("convex/hash.ts").split("\n").slice(0, 3).join("\n"), '// Hashing runs in Node.js.\n"use node";\nimport { createHash } from "crypto";');
      assert.match(project.read("convex/notes.ts"), /query\(\{\n  args: \{\},\n  handler: async \(ctx\)/);
      // A suggestion (renaming a function) is never applied by --fix.
      assert.match(first.stdout, /^convex\/hash\.ts:7:14 info function-naming .+\n\n1 problem \(0 errors, 0 warnings, 1 info, 0 hints\) in 1 of 3 modules\.\n$/);
      const files = ["convex/hash.ts", "convex/notes.ts", "convex/schema.ts"].map((f) => project.read(f));
      const second = run(["check", "--fix", "--format", "json"], project.root);
      assert.equal(second.code, 0);
      assert.equal(second.stderr, "convex-guidelines: applied 0 fixes in 0 files\n");
      assert.deepEqual((JSON.parse(second.stdout) as JsonOutput).findings.map((f) => f.ruleId), ["function-naming"]);
      assert.deepEqual(["convex/hash.ts", "convex/notes.ts", "convex/schema.ts"].map((f) => project.read(f)), files);
    } finally {
      project.dispose();
    }
  });

  test("--fix only touches findings under the paths given", () => {
    const project = copyFixture("test/fixtures/fixable");
    try {
      const notes = project.read("convex/notes.ts");
      const { stderr } = run(["check", "--fix", "convex/hash.ts"], project.root);
      assert.match(stderr, /^convex-guidelines: applied 1 fix in 1 file\n/);
      assert.equal(project.read("convex/notes.ts"), notes);
    } finally {
      project.dispose();
    }
  });

  test("--help and --version", () => {
    const help = run(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: convex-guidelines check/);
    assert.match(run(["--version"]).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
