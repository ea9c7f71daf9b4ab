// CRLF line endings and a byte order mark. Ranges are what the editor shows: VS Code strips the BOM
// from a document's text, so a file read from disk must give the same positions as the same file
// open; every fix keeps the file's line endings; `check --fix` keeps the BOM.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { analyzeProject, type Finding } from "../../server/src/engine/analyze";
import { fixAll, fixedTexts, verifyFix } from "../../server/src/engine/fixes";
import { memoryFileSystem, nodeFileSystem } from "../../server/src/project/fileSystem";
import { normalizePath } from "../../server/src/project/paths";
import { ConvexProject } from "../../server/src/project/project";
import { Workspace } from "../../server/src/project/workspace";
import { REPO_ROOT, copyFixture } from "../support/demo";
import { ALL_RULES_ON, proveFix } from "../support/fixProof";
import { loadCorpus } from "../fuzz/harness";

const BOM = "\ufeff";
const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");
/** Line breaks that are not part of a CRLF. */
const bareBreaks = (text: string) => (text.match(/(?<!\r)\n|\r(?!\n)/g) ?? []).length;

/** The text an editor shows at a finding's range (lines split as LSP splits them). */
function shown(editorText: string, f: Pick<Finding, "start" | "end">): string {
  const lines = editorText.split(/\r\n|\r|\n/);
  assert.equal(f.start.line, f.end.line, "single-line range");
  return lines[f.start.line].slice(f.start.character, f.end.character);
}

describe("CRLF and a byte order mark", () => {
  test("a BOM file read from disk has the ranges the editor shows, on the first line too, and the same as when open", () => {
    const demo = copyFixture("examples/demo");
    try {
      // Everything on the first line: a BOM counted as a character would shift each range by one.
      const tasks = crlf(`import { query } from "./_generated/server"; export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("nope").take(5) });\nexport const other = query({ args: {}, handler: async (ctx) => await ctx.db.query("nada").take(5) });\n`);
      writeFileSync(demo.path("convex/tasks.ts"), BOM + tasks);
      const root = normalizePath(demo.root);
      const file = `${root}/convex/tasks.ts`;
      const workspace = new Workspace(nodeFileSystem);
      workspace.setRoots([{ path: root }]);
      const [project] = workspace.projects;
      const fromDisk = analyzeProject(project, ALL_RULES_ON).get(file)!.filter((f) => f.ruleId === "unknown-table");
      assert.deepEqual(fromDisk.map((f) => [f.start.line, shown(tasks, f)]), [[0, '"nope"'], [1, '"nada"']]);
      // VS Code sends the text without the BOM: opening the file changes nothing.
      assert.equal(workspace.setOverlay(file, tasks, "1").length, 0, "the open file's text is the text read from disk");
      const open = analyzeProject(project, ALL_RULES_ON).get(file)!.filter((f) => f.ruleId === "unknown-table");
      assert.deepEqual(open.map((f) => [f.start, f.end]), fromDisk.map((f) => [f.start, f.end]));
    } finally {
      demo.dispose();
    }
  });

  test("convex.json and package.json with a BOM are read", () => {
    const demo = copyFixture("test/fixtures/moved-functions");
    try {
      writeFileSync(demo.path("convex.json"), BOM + readFileSync(demo.path("convex.json"), "utf8"));
      const workspace = new Workspace(nodeFileSystem);
      workspace.setRoots([{ path: demo.root }]);
      assert.deepEqual(workspace.projects.map((p) => p.functionsDir), [`${normalizePath(demo.root)}/backend`]);
    } finally {
      demo.dispose();
    }
  });

  test("every offered fix on every seed project turned CRLF keeps CRLF and passes the proof", () => {
    let proven = 0;
    for (const seed of loadCorpus().seeds) {
      const files: Record<string, string> = {};
      for (const [path, module] of [...seed.project.modules, ...seed.project.clients, ...seed.project.unrouted]) files[path] = crlf(module.text);
      const base = seed.project;
      const project = new ConvexProject(base.location, base.scanRoot, { ...memoryFileSystem(files), isDirectory: (p) => base.fs.isDirectory(p) }, () => {});
      project.load();
      const before = analyzeProject(project, ALL_RULES_ON);
      for (const finding of [...before.values()].flat()) {
        for (const fix of finding.fixes()) {
          if (!verifyFix(project, ALL_RULES_ON, before, finding, fix)) continue;
          proven++;
          assert.deepEqual(proveFix(project, finding, fix, ALL_RULES_ON).problems, [], `${seed.name}: "${fix.title}"`);
          for (const [path, text] of fixedTexts(project, fix)!) {
            assert.equal(bareBreaks(text), 0, `${seed.name}: "${fix.title}" leaves a bare line break in ${path}:\n${text}`);
          }
        }
      }
      for (const [path, text] of fixAll(project, ALL_RULES_ON).texts) assert.equal(bareBreaks(text), 0, `${seed.name}: fix-all leaves a bare line break in ${path}`);
    }
    assert.ok(proven > 10, `${proven} fixes proven`);
  });

  test("check --fix keeps a file's BOM and its CRLF", () => {
    const demo = copyFixture("examples/demo");
    try {
      const path = demo.path("convex/files.ts");
      writeFileSync(path, BOM + crlf(readFileSync(path, "utf8")));
      const cli = spawnSync(process.execPath, [resolve(REPO_ROOT, "dist/cli.js"), "check", ".", "--fix"], { cwd: demo.root, encoding: "utf8" });
      assert.ok(cli.status === 0 || cli.status === 1, cli.stdout + cli.stderr);
      const bytes = readFileSync(path);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the BOM is still there");
      const text = bytes.toString("utf8").slice(1);
      assert.ok(text.startsWith(`"use node";\r\n`), `"use node" added after the BOM:\n${text.slice(0, 80)}`);
      assert.equal(bareBreaks(text), 0);
      assert.ok(!text.includes(BOM), "one BOM only");
    } finally {
      demo.dispose();
    }
  });
});
