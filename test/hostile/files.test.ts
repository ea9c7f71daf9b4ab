// Files no one writes by hand, on a real disk: a 5 MB module, binary data and UTF-16 under a .ts
// name, a Latin-1 file. Each is reported once in the log; the rest of the project is analysed as
// usual, and nothing takes unbounded time.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { fixAll, fixedTexts } from "../../server/src/engine/fixes";
import { MAX_FILE_BYTES, nodeFileSystem } from "../../server/src/project/fileSystem";
import { normalizePath } from "../../server/src/project/paths";
import { ConvexProject } from "../../server/src/project/project";
import { Workspace } from "../../server/src/project/workspace";
import { ALL_RULES_ON } from "../support/fixProof";

const HEADER = `import { query, mutation } from "./_generated/server";\nimport { v } from "convex/values";\n`;
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ text: v.string() }) });\n`;
/** A module with one finding (unknown-table) at a known place. */
const TASKS = `${HEADER}export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("nope").take(5) });\n`;

const root = normalizePath(mkdtempSync(join(tmpdir(), "convex-hostile-")));
after(() => rmSync(root, { recursive: true, force: true }));

/** A project folder on disk with the given files (text or bytes) next to schema.ts and tasks.ts. */
function projectDir(name: string, files: Record<string, string | Buffer>): string {
  const dir = `${root}/${name}`;
  mkdirSync(`${dir}/convex/_generated`, { recursive: true });
  writeFileSync(`${dir}/convex/schema.ts`, SCHEMA);
  writeFileSync(`${dir}/convex/tasks.ts`, TASKS);
  for (const [file, content] of Object.entries(files)) writeFileSync(`${dir}/convex/${file}`, content);
  return dir;
}

function load(dir: string, log: string[]): ConvexProject {
  const project = new ConvexProject({ root: dir, functionsDir: `${dir}/convex`, source: "convention" }, dir, nodeFileSystem, (m) => log.push(m));
  project.load();
  return project;
}

const ids = (project: ConvexProject, file: string) => analyzeProject(project, ALL_RULES_ON).get(file)?.map((f) => f.ruleId).sort();

/** About `bytes` of plausible Convex code: many small functions. */
function bigModule(bytes: number): string {
  const one = (i: number) => `export const get${i} = query({ args: { id: v.id("tasks") }, handler: async (ctx, args) => await ctx.db.get(args.id) });\n`;
  const parts = [HEADER];
  let length = HEADER.length;
  for (let i = 0; length < bytes; i++) {
    parts.push(one(i));
    length += one(i).length;
  }
  return parts.join("");
}

describe("files that are not hand-written modules", () => {
  test("a 5 MB module is skipped with a message, stays known (no rule takes it for missing), and no fix may edit it", () => {
    const huge = bigModule(5 * 1024 * 1024);
    // A cron pointing into the huge module: were it missing, cron-targets would report "there is no module".
    const crons = `import { cronJobs } from "convex/server";\nimport { internal } from "./_generated/api";\nconst crons = cronJobs();\ncrons.daily("x", { hourUTC: 3, minuteUTC: 7 }, internal.huge.get1);\nexport default crons;\n`;
    const dir = projectDir("huge", { "huge.ts": huge, "crons.ts": crons });
    const log: string[] = [];
    const started = performance.now();
    const project = load(dir, log);
    assert.ok(performance.now() - started < 10_000, "the huge file is not read");
    assert.deepEqual(log, [`skipped ${dir}/convex/huge.ts: it is 5.0 MB, more than the 2.0 MB a module may have to be analysed (a generated or bundled file?)`]);
    const module = project.modules.get(`${dir}/convex/huge.ts`)!;
    assert.equal(module.text, "");
    assert.ok(module.skipped);
    assert.deepEqual(ids(project, `${dir}/convex/huge.ts`), []);
    assert.deepEqual(ids(project, `${dir}/convex/crons.ts`), []);
    assert.deepEqual(ids(project, `${dir}/convex/tasks.ts`), ["require-access-control", "unknown-table"], "the rest is analysed");
    assert.equal(fixedTexts(project, { title: "x", safe: true, edits: [{ path: `${dir}/convex/huge.ts`, start: 0, end: 0, newText: "x" }] }), undefined);
    // Loaded again (a file event), the message is not repeated.
    project.update(`${dir}/convex/huge.ts`);
    assert.equal(log.length, 1);
  });

  test("a 5 MB buffer open in the editor is skipped the same way, on every keystroke in constant time", () => {
    const dir = projectDir("huge-buffer", {});
    const log: string[] = [];
    const workspace = new Workspace(nodeFileSystem, (m) => log.push(m));
    workspace.setRoots([{ path: dir }]);
    const file = `${dir}/convex/pasted.ts`;
    const huge = bigModule(5 * 1024 * 1024);
    const started = performance.now();
    for (let version = 1; version <= 50; version++) workspace.setOverlay(file, huge + `// ${version}\n`, String(version));
    assert.ok(performance.now() - started < 5_000, `50 keystrokes took ${performance.now() - started} ms`);
    const [project] = workspace.projects;
    assert.equal(project.modules.get(file)?.skipped?.startsWith("it is 5.0 MB"), true);
    assert.deepEqual(log, [`skipped ${file}: it is 5.0 MB, more than the 2.0 MB a module may have to be analysed (a generated or bundled file?)`]);
    // Cut back under the limit, it is analysed.
    workspace.setOverlay(file, TASKS.replace("list", "pasted"), "51");
    assert.deepEqual(project.modules.get(file)?.functions.map((f) => f.name), ["pasted"]);
    assert.deepEqual(ids(project, file), ["function-naming", "require-access-control", "unknown-table"]);
  });

  test("a module just under the limit is analysed in full, fix-all included, in bounded time", () => {
    const text = bigModule(MAX_FILE_BYTES - 64 * 1024);
    const dir = projectDir("large", { "large.ts": text });
    const log: string[] = [];
    const started = performance.now();
    const project = load(dir, log);
    const findings = analyzeProject(project, ALL_RULES_ON).get(`${dir}/convex/large.ts`)!;
    const all = fixAll(project, ALL_RULES_ON, { files: new Set([`${dir}/convex/large.ts`]) });
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual(log, []);
    assert.ok(project.modules.get(`${dir}/convex/large.ts`)!.functions.length > 10_000);
    assert.ok(findings.length > 10_000, `${findings.length} findings (require-access-control on every public query)`);
    assert.ok(all.passes <= 10);
    assert.ok(seconds < 60, `took ${seconds.toFixed(1)} s`);
  });

  test("binary data and a UTF-16 file under a .ts name are skipped with a message", () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TASKS.replace("list", "wide"), "utf16le")]);
    const dir = projectDir("binary", { "blob.ts": binary, "wide.ts": utf16 });
    const log: string[] = [];
    const project = load(dir, log);
    const reason = "it is not a text file (it contains NUL characters: binary data, or a UTF-16 encoding)";
    assert.deepEqual(log.sort(), [`skipped ${dir}/convex/blob.ts: ${reason}`, `skipped ${dir}/convex/wide.ts: ${reason}`]);
    assert.deepEqual(ids(project, `${dir}/convex/blob.ts`), []);
    assert.deepEqual(ids(project, `${dir}/convex/wide.ts`), []);
    assert.deepEqual(ids(project, `${dir}/convex/tasks.ts`), ["require-access-control", "unknown-table"]);
  });

  test("a Latin-1 file is analysed as an editor opening it as UTF-8 shows it, with a message", () => {
    // "é" as the single byte 0xE9, invalid in UTF-8, before the finding on the same line.
    const latin1 = Buffer.from(`${HEADER}/* caf\u00e9 */ export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("nope").take(5) });\n`, "latin1");
    const dir = projectDir("latin1", { "legacy.ts": latin1 });
    const log: string[] = [];
    const project = load(dir, log);
    const file = `${dir}/convex/legacy.ts`;
    assert.deepEqual(log, [`${file} is not valid UTF-8 (or holds U+FFFD): it is analysed with each undecodable byte read as U+FFFD, as an editor opening it as UTF-8 shows it`]);
    // VS Code decodes with TextDecoder: the same text, so the same columns.
    const editorText = new TextDecoder().decode(readFileSync(file));
    assert.equal(project.modules.get(file)!.text, editorText);
    const [finding] = analyzeProject(project, ALL_RULES_ON).get(file)!.filter((f) => f.ruleId === "unknown-table");
    const line = editorText.split("\n")[finding.start.line];
    assert.equal(line.slice(finding.start.character, finding.end.character), '"nope"');
  });
});
