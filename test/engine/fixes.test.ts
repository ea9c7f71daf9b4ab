// Fixes are offered only when they verify: applied to a copy of the project, the file still parses,
// the targeted finding is gone and nothing new appears.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { applyEdits, fixedTexts, verifyFix, withVerifiedFixes } from "../../server/src/engine/fixes";
import { normalizeSettings } from "../../server/src/engine/settings";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import { DEFAULT_SCHEMA, HEADER } from "../support/ruleTester";

const settings = normalizeSettings({});
function project(files: Record<string, string>): ConvexProject {
  const p = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/schema.ts": DEFAULT_SCHEMA, ...files }));
  p.load();
  return p;
}
const ACTIONS = `// Hashing helpers.\nimport { createHash } from "crypto";\n${HEADER}export const hashText = action({ args: { text: v.string() }, handler: async (_ctx, { text }) => createHash("sha256").update(text).digest("hex") });\n`;

test('Add "use node": after leading comments, verified, the finding gone, and not offered again', () => {
  const p = project({ "/p/convex/hash.ts": ACTIONS });
  const byFile = analyzeProject(p, settings);
  const finding = byFile.get("/p/convex/hash.ts")!.find((f) => f.ruleId === "use-node-required")!;
  assert.deepEqual(finding.fixes().map((f) => [f.title, f.safe]), [['Add "use node"', true]]);
  const fix = finding.fixes()[0];
  assert.equal(verifyFix(p, settings, byFile, finding, fix), true);
  const fixed = fixedTexts(p, fix)!.get("/p/convex/hash.ts")!;
  assert.ok(fixed.startsWith('// Hashing helpers.\n"use node";\nimport { createHash }'));
  const after = analyzeProject(p.withTexts(new Map([["/p/convex/hash.ts", fixed]])), settings);
  assert.deepEqual(after.get("/p/convex/hash.ts")!.filter((f) => f.ruleId === "use-node-required"), []);
  assert.equal(p.modules.get("/p/convex/hash.ts")!.text, ACTIONS, "checking a fix never changes the project");
});

test('no "use node" fix when the module also defines a query (the directive would break it)', () => {
  const p = project({ "/p/convex/hash.ts": ACTIONS + `export const getHash = query({ args: {}, handler: async () => null });\n` });
  const finding = analyzeProject(p, settings).get("/p/convex/hash.ts")!.find((f) => f.ruleId === "use-node-required")!;
  assert.deepEqual(finding.fixes(), []);
});

test("a fix that breaks the syntax, leaves the finding, or adds another finding is not offered", () => {
  const p = project({ "/p/convex/hash.ts": ACTIONS });
  const byFile = analyzeProject(p, settings);
  const finding = byFile.get("/p/convex/hash.ts")!.find((f) => f.ruleId === "use-node-required")!;
  const edit = (newText: string) => ({ title: "bad", safe: true, edits: [{ path: "/p/convex/hash.ts", start: 0, end: 0, newText }] });
  assert.equal(verifyFix(p, settings, byFile, finding, edit('"use node";\n{{{')), false, "syntax");
  assert.equal(verifyFix(p, settings, byFile, finding, edit("// nothing\n")), false, "finding stays");
  assert.equal(verifyFix(p, settings, byFile, finding, edit('"use node";\nexport const q = query({ handler: async () => 1 });\n')), false, "new findings");
  const candidates = new Map(byFile);
  candidates.set("/p/convex/hash.ts", byFile.get("/p/convex/hash.ts")!.map((f) => (f === finding ? { ...f, fixes: () => [edit("// nothing\n"), f.fixes()[0]] } : f)));
  const verified = withVerifiedFixes(p, settings, candidates);
  assert.deepEqual(verified.get("/p/convex/hash.ts")!.find((f) => f.ruleId === "use-node-required")!.fixes().map((f) => f.title), ['Add "use node"']);
  assert.equal(applyEdits("abc", [{ start: 1, end: 2, newText: "X" }, { start: 0, end: 0, newText: ">" }]), ">aXc");
});

test("Add `args: {}`: on its own line in a multi-line object, inline otherwise; never when the handler takes args", () => {
  const multi = `${HEADER}export const list = query({\n  handler: async (ctx) => ctx.db.query("tasks").take(5),\n});\n`;
  const single = `${HEADER}export const ping = mutation({ handler: async () => null });\n`;
  const withArgs = `${HEADER}export const save = mutation({ handler: async (ctx, { id }: { id: string }) => id });\n`;
  const p = project({ "/p/convex/multi.ts": multi, "/p/convex/single.ts": single, "/p/convex/withArgs.ts": withArgs });
  const byFile = analyzeProject(p, settings);
  const fixOf = (path: string) => byFile.get(path)!.find((f) => f.ruleId === "require-args-validator")!;
  for (const [path, expected] of [
    ["/p/convex/multi.ts", 'query({\n  args: {},\n  handler: async (ctx)'],
    ["/p/convex/single.ts", "mutation({ args: {}, handler: async () => null })"],
  ] as const) {
    const finding = fixOf(path);
    assert.deepEqual(finding.fixes().map((f) => [f.title, f.safe]), [["Add `args: {}`", true]]);
    assert.equal(verifyFix(p, settings, byFile, finding, finding.fixes()[0]), true, path);
    assert.ok(fixedTexts(p, finding.fixes()[0])!.get(path)!.includes(expected), path);
  }
  assert.deepEqual(fixOf("/p/convex/withArgs.ts").fixes().map((f) => f.title), ["Add `args` inferred from the handler's parameter type"], "args: {} would change the handler's argument type");
});
