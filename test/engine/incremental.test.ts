// Reusing the previous analysis must never change what is reported: after any sequence of edits,
// the incremental analysis equals a fresh one, and fixes of reused findings fit the current text.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { analyze, type ProjectAnalysis } from "../../server/src/engine/analyze";
import { applyEdits, verifyFix } from "../../server/src/engine/fixes";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { discoverProjects } from "../../server/src/project/discovery";
import { memoryFileSystem, nodeFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import { REPO_ROOT } from "../support/demo";
import { random } from "../support/random";
import { ALL_RULES_ON } from "../support/fixProof";
import { DEFAULT_SCHEMA, HEADER } from "../support/ruleTester";

function load(dir: string): ConvexProject {
  const root = resolve(REPO_ROOT, dir);
  const [location] = discoverProjects(nodeFileSystem, root);
  assert.ok(location, `no Convex project in ${dir}`);
  const project = new ConvexProject(location, root, nodeFileSystem);
  project.load();
  return project;
}

/** Everything a user sees of an analysis, in a comparable form. */
function shown(analysis: ProjectAnalysis): string[] {
  const out: string[] = [];
  for (const file of [...analysis.files()].sort()) {
    for (const r of analysis.reports(file) ?? []) {
      out.push(`${file}:${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${r.severity} ${r.ruleId} ${r.message}`);
    }
  }
  return out;
}

/** Code that creates and removes cross-module facts: references, queries, tables, exports. */
const SNIPPETS = [
  `export const probe = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").filter((q) => q.eq(q.field("text"), "x")).collect() });`,
  `export const kick = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, api.jobs.run, {}); } });`,
  `export const call = action({ args: {}, handler: async (ctx) => { await ctx.runQuery(api.tasks.list, {}); } });`,
  `const unused = internal.jobs.finish;`,
  `  notes: defineTable({ body: v.string(), taskId: v.id("tasks") }).index("by_task", ["taskId"]),`,
  `// a comment that only moves the lines below`,
  `useQuery(api.users.current);`,
];

function mutate(text: string, rnd: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(rnd() * (lines.length + 1));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      lines.splice(Math.min(at, lines.length - 1), 1);
      break;
    case 1:
      lines.splice(at, 0, lines[Math.min(at, lines.length - 1)] ?? "");
      break;
    case 2:
      lines.splice(at, 0, SNIPPETS[Math.floor(rnd() * SNIPPETS.length)]);
      break;
    default: {
      const other = Math.floor(rnd() * lines.length);
      [lines[Math.min(at, lines.length - 1)], lines[other]] = [lines[other], lines[Math.min(at, lines.length - 1)]];
    }
  }
  return lines.join("\n");
}

describe("incremental analysis equals a fresh analysis after random edits", () => {
  const projects = ["examples/demo", "test/fixtures/fixable", "node_modules/@convex-dev/workpool", "node_modules/@convex-dev/workflow"];
  for (const dir of projects) {
    test(dir, () => {
      const rnd = random(dir.length * 7919);
      let project = load(dir);
      let previous = analyze(project, ALL_RULES_ON);
      let reused = 0;
      for (let step = 0; step < 60; step++) {
        const files = [...project.modules.keys(), ...project.clients.keys()];
        const file = files[Math.floor(rnd() * files.length)];
        const text = (project.modules.get(file) ?? project.clients.get(file))!.text;
        project = project.withTexts(new Map([[file, mutate(text, rnd)]]));
        const incremental = analyze(project, ALL_RULES_ON, { previous });
        const fresh = analyze(project, ALL_RULES_ON);
        assert.deepEqual(shown(incremental), shown(fresh), `step ${step}: editing ${file}`);
        reused += incremental.stats.modulesReused;
        previous = incremental;
      }
      assert.ok(reused > 0, "some modules' results were reused");
    });
  }
});

describe("what an edit re-runs", () => {
  test("an edit inside one module re-runs its rules and those of the modules that read it, nothing else", () => {
    const project = load("examples/demo");
    const first = analyze(project, DEFAULT_SETTINGS);
    const file = resolve(REPO_ROOT, "examples/demo/convex/files.ts");
    const edited = project.withTexts(new Map([[file, project.modules.get(file)!.text + "\n// trailing comment\n"]]));
    const second = analyze(edited, DEFAULT_SETTINGS, { previous: first });
    // Only files.ts itself: jobs.ts's action asks which mutations schedule it, and the schema which
    // fields modules filter by, but a comment in files.ts changes neither.
    assert.equal(second.stats.modulesReused, second.stats.modules - 1, `reused ${second.stats.modulesReused} of ${second.stats.modules}`);
    for (const name of ["tasks.ts", "users.ts", "jobs.ts", "schema.ts"]) {
      const file = resolve(REPO_ROOT, "examples/demo/convex", name);
      assert.equal(second.result(file), first.result(file), `${name} was reused`);
    }
    assert.ok(second.stats.ruleRuns < first.stats.ruleRuns / 2, `re-ran ${second.stats.ruleRuns} of ${first.stats.ruleRuns} rule runs`);
    // Unchanged findings keep their identity, which is how the server knows not to republish them.
    const jobs = resolve(REPO_ROOT, "examples/demo/convex/jobs.ts");
    assert.equal(second.reports(jobs), first.reports(jobs));
  });

  test("a schema edit reaches the modules that query the changed table", () => {
    const project = load("examples/demo");
    const first = analyze(project, DEFAULT_SETTINGS);
    const schemaFile = project.schemaModule!.path;
    const users = resolve(REPO_ROOT, "examples/demo/convex/users.ts");
    const unknownIndex = (a: ProjectAnalysis) => (a.reports(users) ?? []).filter((r) => r.ruleId === "unknown-index").length;
    const schema = project.schemaModule!.text;
    assert.ok(schema.includes('.index("by_token", ["tokenIdentifier"])'));
    const edited = project.withTexts(new Map([[schemaFile, schema.replace('.index("by_token", ["tokenIdentifier"])', "")]]));
    const second = analyze(edited, DEFAULT_SETTINGS, { previous: first });
    assert.equal(unknownIndex(first), 0);
    assert.equal(unknownIndex(second), 2, "removing by_token reports both of its uses in users.ts");
    assert.deepEqual(shown(second), shown(analyze(edited, DEFAULT_SETTINGS)));
  });

  test("a schema edit re-runs only what read the tables it changed", () => {
    const project = load("examples/demo");
    const first = analyze(project, DEFAULT_SETTINGS);
    const schema = project.schemaModule!;
    assert.ok(schema.text.includes('error: v.optional(v.string()),'));
    const edited = project.withTexts(new Map([[schema.path, schema.text.replace('error: v.optional(v.string()),', 'error: v.optional(v.string()),\n    attempts: v.number(),')]]));
    const second = analyze(edited, DEFAULT_SETTINGS, { previous: first });
    // users.ts reads only the users table; the jobs table changed.
    const users = resolve(REPO_ROOT, "examples/demo/convex/users.ts");
    assert.equal(second.result(users), first.result(users));
    assert.deepEqual(shown(second), shown(analyze(edited, DEFAULT_SETTINGS)));
  });

  test("references added in other files reach the referenced function's findings", () => {
    const project = load("examples/demo");
    const jobs = resolve(REPO_ROOT, "examples/demo/convex/jobs.ts");
    const files = resolve(REPO_ROOT, "examples/demo/convex/files.ts");
    const app = resolve(REPO_ROOT, "examples/demo/src/App.tsx");
    const preferInternal = (a: ProjectAnalysis) => (a.reports(jobs) ?? []).filter((r) => r.ruleId === "prefer-internal").map((r) => r.message);
    const first = analyze(project, DEFAULT_SETTINGS);
    assert.equal(preferInternal(first).length, 1);
    assert.match(preferInternal(first)[0], /1 place, first in convex\/jobs\.ts:/);
    // Another server module schedules run too: the count in the message follows.
    const filesText = project.modules.get(files)!.text.replace('import { api } from "./_generated/api";', "");
    const serverCall = project.withTexts(new Map([[files, `import { api } from "./_generated/api";\nexport const again = api.jobs.run;\n${filesText}`]]));
    const second = analyze(serverCall, DEFAULT_SETTINGS, { previous: first });
    assert.match(preferInternal(second)[0] ?? "", /2 places/);
    assert.deepEqual(shown(second), shown(analyze(serverCall, DEFAULT_SETTINGS)));
    // The app calls it: no longer a candidate for internal.
    const appText = project.clients.get(app)!.text;
    const clientCall = serverCall.withTexts(new Map([[app, appText.replace("const startJob = useMutation(api.jobs.start);", "const startJob = useMutation(api.jobs.start);\n  void useAction(api.jobs.run);")]]));
    const third = analyze(clientCall, DEFAULT_SETTINGS, { previous: second });
    assert.deepEqual(preferInternal(third), []);
    assert.deepEqual(shown(third), shown(analyze(clientCall, DEFAULT_SETTINGS)));
  });

  test("a shared walk over every module (who schedules this action) follows the part of other modules it reads", () => {
    const fs = memoryFileSystem({
      "/p/convex/schema.ts": DEFAULT_SCHEMA,
      "/p/convex/a.ts": `${HEADER}export const work = action({ args: {}, handler: async () => {} });\n`,
      "/p/convex/b.ts": `${HEADER}export const other = mutation({ args: {}, handler: async () => {} });\n`,
    });
    let project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", fs);
    project.load();
    const jobStatus = (a: ProjectAnalysis) => (a.reports("/p/convex/a.ts") ?? []).filter((r) => r.ruleId === "scheduled-job-status").length;
    let previous = analyze(project, ALL_RULES_ON);
    assert.equal(jobStatus(previous), 0);
    const steps = [
      // Another module starts the action after marking the job: the action must record the outcome.
      [`import { api } from "./_generated/api";\n${HEADER}export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", { status: "processing" }); await ctx.scheduler.runAfter(0, api.a.work, {}); } });\n`, 1],
      // An unrelated line in that module: nothing the walk reads changes.
      [`import { api } from "./_generated/api";\n// a comment\n${HEADER}export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", { status: "processing" }); await ctx.scheduler.runAfter(0, api.a.work, {}); } });\n`, 1],
      // No status written any more: no job to finish.
      [`import { api } from "./_generated/api";\n${HEADER}export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, api.a.work, {}); } });\n`, 0],
    ] as const;
    for (const [text, expected] of steps) {
      project = project.withTexts(new Map([["/p/convex/b.ts", text]]));
      const incremental = analyze(project, ALL_RULES_ON, { previous });
      assert.deepEqual(shown(incremental), shown(analyze(project, ALL_RULES_ON)));
      assert.equal(jobStatus(incremental), expected);
      previous = incremental;
    }
  });

  test("other settings or rules start over", () => {
    const project = load("examples/demo");
    const first = analyze(project, DEFAULT_SETTINGS);
    const second = analyze(project, ALL_RULES_ON, { previous: first });
    assert.equal(second.stats.modulesReused, 0);
    const third = analyze(project, ALL_RULES_ON, { previous: second });
    assert.equal(third.stats.modulesReused, third.stats.modules);
    assert.equal(third.stats.ruleRuns, 0);
  });
});

test("fixes of a reused finding are built against the current text of every file they edit", () => {
  const project = load("examples/demo");
  const jobs = resolve(REPO_ROOT, "examples/demo/convex/jobs.ts");
  const cleanup = resolve(REPO_ROOT, "examples/demo/convex/cleanup.ts");
  const cleanupText = `import { internalMutation } from "./_generated/server";\nimport { api } from "./_generated/api";\n\nexport const sweep = internalMutation({\n  args: {},\n  handler: async (ctx) => {\n    await ctx.scheduler.runAfter(0, api.jobs.run, {});\n  },\n});\n`;
  const withCleanup = project.withTexts(new Map([[cleanup, cleanupText]]));
  const first = analyze(withCleanup, DEFAULT_SETTINGS);
  // Lines added above the reference move it; jobs.ts itself is untouched.
  const moved = withCleanup.withTexts(new Map([[cleanup, `// one\n// two\n${cleanupText}`]]));
  const second = analyze(moved, DEFAULT_SETTINGS, { previous: first });
  const finding = second.findings(jobs)!.find((f) => f.ruleId === "schedule-internal-only");
  assert.ok(finding, "jobs.ts schedules api.jobs.run");
  const convert = finding.fixes().find((f) => f.title.includes("internal"));
  assert.ok(convert, `a convert fix among ${finding.fixes().map((f) => f.title).join(", ")}`);
  const inCleanup = convert.edits.filter((e) => e.path === cleanup);
  assert.ok(inCleanup.length > 0, "the fix rewrites the reference in cleanup.ts");
  const movedText = moved.modules.get(cleanup)!.text;
  for (const e of inCleanup.filter((e) => e.newText.startsWith("internal"))) assert.match(movedText.slice(e.start, e.end), /^api\b/);
  assert.ok(applyEdits(movedText, inCleanup).includes("internal.jobs.run"));
  assert.ok(verifyFix(moved, DEFAULT_SETTINGS, second.byFile(), finding, convert));
});
