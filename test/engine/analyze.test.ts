// The analysis runner: a failing rule is logged and skipped, severities come from settings, and a
// module that does not parse still yields the findings its parsed parts support.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { normalizeSettings, type AnalysisSettings } from "../../server/src/engine/settings";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import { requireArgsValidator } from "../../server/src/rules/requireArgsValidator";
import type { Rule } from "../../server/src/rules/types";
import { DEFAULT_SCHEMA, HEADER } from "../support/ruleTester";

function project(files: Record<string, string>, log: (m: string) => void = () => {}): ConvexProject {
  const p = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/schema.ts": DEFAULT_SCHEMA, ...files }), log);
  p.load();
  return p;
}

test("a rule that throws is logged with its id and file, and the other rules still report", () => {
  const broken: Rule = {
    meta: { id: "broken", description: "Always throws.", category: "schema", defaultSeverity: "error", fixKind: "none" },
    check() {
      throw new Error("boom");
    },
  };
  const log: string[] = [];
  const p = project({ "/p/convex/tasks.ts": `${HEADER}export const f = query({ handler: async () => null });\n` });
  const findings = analyzeProject(p, normalizeSettings({}), { rules: [broken, requireArgsValidator], log: (m) => log.push(m) });
  assert.deepEqual(findings.get("/p/convex/tasks.ts")?.map((f) => f.ruleId), ["require-args-validator"]);
  assert.ok(log.some((l) => l.startsWith("rule broken failed on /p/convex/tasks.ts: Error: boom")));
});

test("settings: off removes a rule, a severity override applies, invalid entries are reported and ignored", () => {
  const p = project({ "/p/convex/tasks.ts": `${HEADER}export const list = query({ handler: async () => null });\n` });
  const problems: string[] = [];
  const settings = normalizeSettings({ rules: { "require-args-validator": "info", "unknown-table": "off", "nope": "error", "prefer-internal": 3 } }, problems);
  assert.deepEqual(analyzeProject(p, settings).get("/p/convex/tasks.ts")?.map((f) => [f.ruleId, f.severity]), [["require-args-validator", "info"]]);
  assert.equal(problems.length, 2);
  assert.equal(analyzeProject(p, normalizeSettings({ enable: false })).size, 0);
});

test("a module with syntax errors keeps the findings of the parts that parsed", () => {
  const p = project({
    "/p/convex/tasks.ts": `import { readFileSync } from "fs";\n${HEADER}export const list = query({ handler: async () => null });\nexport const create = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("nope", {`,
  });
  const module = p.modules.get("/p/convex/tasks.ts")!;
  assert.ok(module.parseProblems.length > 0, "the module really does not parse");
  const ids = analyzeProject(p, normalizeSettings({})).get("/p/convex/tasks.ts")?.map((f) => f.ruleId);
  assert.deepEqual(ids, ["use-node-required", "require-args-validator", "unknown-table"]);
});

test("hostile text does not throw: binary bytes, nesting deeper than the parser's stack, a lone BOM", () => {
  const deep = `${HEADER}export const f = query({ args: {}, handler: async (ctx) => ${"(".repeat(3000)}1${")".repeat(3000)} });\n`;
  const log: string[] = [];
  const p = project({
    "/p/convex/bin.ts": "\u0000\u0001\u00ff\ufffd".repeat(1000),
    "/p/convex/deep.ts": deep,
    "/p/convex/bom.ts": "\ufeff",
  }, (m) => log.push(m));
  const findings = analyzeProject(p, normalizeSettings({}));
  assert.deepEqual([...findings.keys()].sort(), ["/p/convex/bin.ts", "/p/convex/bom.ts", "/p/convex/deep.ts", "/p/convex/schema.ts"]);
  assert.deepEqual(log.sort(), [
    "could not analyse /p/convex/deep.ts: the file is nested too deeply to analyse",
    "skipped /p/convex/bin.ts: it is not a text file (it contains NUL characters: binary data, or a UTF-16 encoding)",
  ]);
  assert.deepEqual(p.modules.get("/p/convex/deep.ts")?.functions, []);
});

test("a finding's own severity applies by default; a severity the user sets for the rule wins", () => {
  const twoKinds: Rule = {
    meta: { id: "two-kinds", description: "Reports twice.", category: "schema", defaultSeverity: "error", fixKind: "none" },
    check({ module, report }) {
      if (module.role !== "function") return;
      report({ start: 0, end: 1 }, "serious");
      report({ start: 1, end: 2 }, "minor", { severity: "warning" });
    },
  };
  const p = project({ "/p/convex/tasks.ts": HEADER });
  const severities = (rules: AnalysisSettings["rules"]) =>
    analyzeProject(p, { enable: true, rules }, { rules: [twoKinds] }).get("/p/convex/tasks.ts")?.map((f) => f.severity);
  assert.deepEqual(severities({}), ["error", "warning"]);
  assert.deepEqual(severities({ "two-kinds": "info" }), ["info", "info"]);
});
