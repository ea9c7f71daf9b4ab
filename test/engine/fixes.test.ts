// Fixes are offered only when they verify: applied to a copy of the project, the file still parses,
// the targeted finding is gone and nothing new appears.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { applyEdits, fixAll, fixedTexts, verifyFix, withVerifiedFixes } from "../../server/src/engine/fixes";
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

test('no "use node" fix when the module also defines a query (the directive would break it): the actions move instead', () => {
  const p = project({ "/p/convex/hash.ts": ACTIONS + `export const getHash = query({ args: {}, handler: async () => null });\n` });
  const byFile = analyzeProject(p, settings);
  const finding = byFile.get("/p/convex/hash.ts")!.find((f) => f.ruleId === "use-node-required")!;
  assert.deepEqual(finding.fixes().map((f) => f.title), ["Move Node actions to hashNode.ts"]);
  const fix = finding.fixes()[0];
  assert.equal(verifyFix(p, settings, byFile, finding, fix), true);
  const texts = fixedTexts(p, fix)!;
  assert.ok(texts.get("/p/convex/hashNode.ts")!.startsWith('"use node";\n\nimport { createHash } from "crypto";'));
  assert.ok(!texts.get("/p/convex/hash.ts")!.includes("crypto"));
  const result = fixAll(p, settings);
  assert.deepEqual([...result.created], ["/p/convex/hashNode.ts"], "fix-all applies the move, creating the module");
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

test("fix-all: a fix several findings share is applied once, files outside the scope are left alone, and a clean project is a fixed point", () => {
  const twoImports = `import { createHash } from "crypto";\nimport { join } from "path";\n${HEADER}export const hashPath = action({ args: { p: v.string() }, handler: async (_ctx, { p }) => createHash("sha256").update(join("/", p)).digest("hex") });\n`;
  const noArgs = `${HEADER}export const ping = mutation({ handler: async () => null });\n`;
  const schema = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ notes: defineTable({ text: v.string() }) });\n`;
  const p = project({ "/p/convex/schema.ts": schema, "/p/convex/hash.ts": twoImports, "/p/convex/ping.ts": noArgs });
  const findings = analyzeProject(p, settings).get("/p/convex/hash.ts")!.filter((f) => f.ruleId === "use-node-required");
  assert.equal(findings.length, 2, "one finding per Node import, each offering the same directive");

  const all = fixAll(p, settings);
  assert.deepEqual(all.applied.map((a) => [a.path, a.title]), [["/p/convex/hash.ts", 'Add "use node"'], ["/p/convex/ping.ts", "Add `args: {}`"]]);
  assert.equal(all.texts.get("/p/convex/hash.ts"), `"use node";\n${twoImports}`);
  assert.equal(all.passes, 1);
  assert.equal(all.capped, false);
  assert.deepEqual([...all.created], []);

  const scoped = fixAll(p, settings, { files: new Set(["/p/convex/ping.ts"]) });
  assert.deepEqual([...scoped.texts.keys()], ["/p/convex/ping.ts"]);

  const fixed = p.withTexts(all.texts);
  assert.deepEqual(fixAll(fixed, settings).applied, [], "nothing left to apply");
  const capped = fixAll(p, settings, { maxPasses: 0 });
  assert.deepEqual([capped.capped, capped.applied.length, capped.texts.size], [true, 0, 0]);
});

test("fix-all creates files a fix creates and reports them as created", () => {
  const p = project({ "/p/convex/ping.ts": `${HEADER}export const ping = mutation({ args: {}, handler: async () => null });\n` });
  const create = { title: "create", safe: true, edits: [{ path: "/p/convex/other.ts", start: 0, end: 0, newText: "export const x = 1;\n", create: true }] };
  assert.deepEqual([...fixedTexts(p, create)!], [["/p/convex/other.ts", "export const x = 1;\n"]]);
  const withOther = p.withTexts(fixedTexts(p, create)!);
  assert.equal(withOther.modules.get("/p/convex/other.ts")?.text, "export const x = 1;\n");
  assert.equal(fixedTexts(withOther, create), undefined, "a file that now exists is not created again");
});

test("a created file may carry findings that left another file with its code, but no new ones", () => {
  const p = project({ "/p/convex/hash.ts": ACTIONS + `export const getHash = query({ args: {}, handler: async () => null });\n` });
  const byFile = analyzeProject(p, settings);
  const finding = byFile.get("/p/convex/hash.ts")!.find((f) => f.ruleId === "use-node-required")!;
  const move = finding.fixes()[0];
  const created = move.edits.find((e) => e.create)!;
  const extra = { ...move, edits: [...move.edits.filter((e) => e !== created), { ...created, newText: created.newText + `export const ping = action({ handler: async () => null });\n` }] };
  assert.equal(verifyFix(p, settings, byFile, finding, extra), false, "a public action without args in the new module is new");
});
