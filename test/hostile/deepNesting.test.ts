// 10,000-deep nesting. TypeScript parses some shapes iteratively (left-deep binary expressions,
// member and call chains), so their trees are as deep as the input: everything that walks a tree
// (extraction, rules, fix builders, navigation) must get through them without recursion. Other
// shapes (parentheses, arrays, arrow functions…) overflow TypeScript's own recursive parser: the file
// is then reported as unreadable, with a message, and the rest of the project is still analysed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import { ALL_RULES_ON } from "../support/fixProof";
import { checkCase, seedOf } from "../fuzz/harness";
import { completionsAt } from "../../server/src/navigation/completion";
import { definitionAt } from "../../server/src/navigation/definition";
import { hoverAt } from "../../server/src/navigation/hover";
import { referencesAt } from "../../server/src/navigation/references";

const DEPTH = 10_000;

const HEADER = `import { query, mutation, action, internalMutation, httpAction } from "./_generated/server";
import { api, internal } from "./_generated/api";
import { v } from "convex/values";
`;
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  tasks: defineTable({ text: v.string(), done: v.boolean() }).index("by_done", ["done"]),
});
`;

/** Expressions TypeScript parses without recursing, each DEPTH levels deep. */
const DEEP: Record<string, string> = {
  "left-deep +": `${"1 + ".repeat(DEPTH)}1`,
  "left-deep &&": `${"args.a && ".repeat(DEPTH)}true`,
  "string concatenation": `${'"0123456789abcdef0123" + '.repeat(DEPTH)}"x"`,
  "member chain": `ctx${".db".repeat(DEPTH)}`,
  "call chain": `ctx.db.query("tasks")${'.filter((q) => q.eq(q.field("done"), true))'.repeat(DEPTH)}`,
  "api chain": `api${".tasks".repeat(DEPTH)}`,
  "element access": `args${"[0]".repeat(DEPTH)}`,
};

/** Where the deep expression goes: every extractor and most rules look somewhere here. */
const PLACES: Record<string, (deep: string) => Record<string, string>> = {
  "handler return": (deep) => ({ "tasks.ts": `${HEADER}export const list = query({ args: { a: v.boolean() }, handler: async (ctx, args) => { const r = ${deep}; return await ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), r)).collect(); } });\n` }),
  "db write": (deep) => ({ "tasks.ts": `${HEADER}export const add = mutation({ args: { a: v.boolean() }, handler: async (ctx, args) => { await ctx.db.insert("tasks", { text: ${deep}, done: false }); } });\n` }),
  "run argument": (deep) => ({ "tasks.ts": `${HEADER}export const run = action({ args: { a: v.boolean() }, handler: async (ctx, args) => { await ctx.runMutation(api.tasks.add, { x: ${deep} }); } });\nexport const add = mutation({ args: { x: v.any() }, handler: async () => {} });\n` }),
  "filter predicate": (deep) => ({ "tasks.ts": `${HEADER}export const find = query({ args: { a: v.boolean() }, handler: async (ctx, args) => await ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), ${deep})).take(5) });\n` }),
  "helper taking ctx": (deep) => ({ "tasks.ts": `${HEADER}async function helper(ctx: any, args: any) { if (${deep}) throw new Error("no"); return await ctx.db.query("tasks").collect(); }\nexport const viaHelper = query({ args: { a: v.boolean() }, handler: async (ctx, args) => helper(ctx, args) });\n` }),
  "top level": (deep) => ({ "tasks.ts": `${HEADER}const args: any = {}; const ctx: any = {};\nexport const value = ${deep};\nexport const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(1) });\n` }),
  "args validator": (deep) => ({ "tasks.ts": `${HEADER}const args: any = {}; const ctx: any = {};\nexport const f = mutation({ args: { x: v.optional(v.any()), y: ${deep} ? v.string() : v.number() }, handler: async () => null });\n` }),
  "cron and http": (deep) => ({
    "crons.ts": `import { cronJobs } from "convex/server";\nimport { internal } from "./_generated/api";\nconst args: any = {}; const ctx: any = {};\nconst crons = cronJobs();\ncrons.interval("job", { minutes: 5 }, internal.tasks.tick, { x: ${deep} });\nexport default crons;\n`,
    "http.ts": `import { httpRouter } from "convex/server";\nimport { httpAction } from "./_generated/server";\nconst args: any = {}; const ctx: any = {};\nconst http = httpRouter();\nhttp.route({ path: "/x", method: "GET", handler: httpAction(async () => new Response(String(${deep}))) });\nexport default http;\n`,
    "tasks.ts": `${HEADER}export const tick = internalMutation({ args: {}, handler: async () => {} });\n`,
  }),
  "schema field": (deep) => ({
    "schema.ts": `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nconst args: any = {}; const ctx: any = {}; const api: any = {};\nexport default defineSchema({\n  tasks: defineTable({ text: v.string(), done: v.boolean(), deep: ${deep} ? v.string() : v.number() }).index("by_done", ["done"]),\n});\n`,
    "tasks.ts": `${HEADER}export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").withIndex("by_done", (q) => q.eq("done", true)).take(5) });\n`,
  }),
};

function load(files: Record<string, string>, log: (m: string) => void): ConvexProject {
  const all: Record<string, string> = { "/p/convex/schema.ts": SCHEMA };
  for (const [name, text] of Object.entries(files)) all[`/p/convex/${name}`] = text;
  const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem(all), log);
  project.load();
  return project;
}

describe(`${DEPTH.toLocaleString("en")}-deep expressions TypeScript can parse`, () => {
  for (const [shape, deep] of Object.entries(DEEP)) {
    test(shape, () => {
      for (const [place, make] of Object.entries(PLACES)) {
        const log: string[] = [];
        const files = make(deep);
        const project = load(files, (m) => log.push(m));
        const started = performance.now();
        // The fuzzer's checks: every finding in range, every fix built, verified and proven, fix-all,
        // the panel's trees, the editor's path (the file typed into and re-parsed) equal to a fresh read.
        const deepFile = Object.keys(files).find((f) => files[f].includes(deep))!;
        const path = `/p/convex/${deepFile}`;
        const text = files[deepFile];
        const result = checkCase(
          { seed: seedOf(place, project), changes: [{ path, steps: [text + "\n", text + "\n\n"], how: ["", ""] }] },
          { maxFixes: 100, fixAll: true },
        );
        assert.deepEqual(result.problems, [], `${place}`);
        // Navigation where the nesting is deepest, and at its ends.
        const at = text.indexOf(deep);
        for (const offset of [at, at + (deep.length >> 1), at + deep.length - 1]) {
          hoverAt(project, path, offset);
          definitionAt(project, path, offset);
          referencesAt(project, path, offset, true);
          completionsAt(project, path, offset);
        }
        assert.deepEqual(log, [], `${place}: nothing logged (the file was read in full)`);
        const module = project.modules.get(path)!;
        assert.deepEqual(module.parseProblems, [], `${place}: parsed`);
        assert.ok(place === "top level" || place === "cron and http" || place === "schema field" || place === "args validator" || module.functions.length > 0, `${place}: functions found`);
        assert.ok(performance.now() - started < 20_000, `${place}: took ${performance.now() - started} ms`);
      }
    });
  }
});

/** Shapes that overflow TypeScript's recursive descent at this depth. */
const TOO_DEEP_FOR_THE_PARSER: Record<string, string> = {
  parentheses: `${"(".repeat(DEPTH)}1${")".repeat(DEPTH)}`,
  arrays: `${"[".repeat(DEPTH)}1${"]".repeat(DEPTH)}`,
  "arrow functions": `${"() => ".repeat(DEPTH)}1`,
  objects: `${"{ a: ".repeat(DEPTH)}1${" }".repeat(DEPTH)}`,
  "right-deep assignments": `${"x = ".repeat(DEPTH)}1`,
  conditionals: `${"x ? 1 : ".repeat(DEPTH)}2`,
  "nested calls": `${"f(".repeat(DEPTH)}1${")".repeat(DEPTH)}`,
  "nested blocks": `(() => { ${"if (x) { ".repeat(DEPTH)}${"}".repeat(DEPTH)} })()`,
  "template literals": `${"`${".repeat(DEPTH)}1${"}`".repeat(DEPTH)}`,
  "type arguments": `null as unknown as ${"Array<".repeat(DEPTH)}string${">".repeat(DEPTH)}`,
};

describe(`${DEPTH.toLocaleString("en")}-deep nesting TypeScript's parser cannot take`, () => {
  for (const [shape, deep] of Object.entries(TOO_DEEP_FOR_THE_PARSER)) {
    test(`${shape}: the file is reported unreadable, the rest of the project is analysed`, () => {
      const log: string[] = [];
      const project = load({
        "deep.ts": `${HEADER}const x: any = 0; const f: any = 0;\nexport const d = query({ args: {}, handler: async (ctx) => ${deep} });\n`,
        "tasks.ts": `${HEADER}export const list = query({ handler: async (ctx) => await ctx.db.query("nope").collect() });\n`,
      }, (m) => log.push(m));
      assert.deepEqual(log, ["could not analyse /p/convex/deep.ts: the file is nested too deeply to analyse"]);
      const deepModule = project.modules.get("/p/convex/deep.ts")!;
      assert.deepEqual(deepModule.functions, []);
      assert.equal(deepModule.parseProblems.length, 1);
      const findings = analyzeProject(project, ALL_RULES_ON);
      assert.deepEqual(findings.get("/p/convex/deep.ts")?.map((f) => f.ruleId), []);
      assert.deepEqual(findings.get("/p/convex/tasks.ts")?.map((f) => f.ruleId).sort(), ["no-collect-in-query", "require-access-control", "require-args-validator", "unknown-table"]);
      // Navigation in the unreadable file answers nothing rather than failing.
      const text = deepModule.text;
      for (const offset of [0, text.indexOf(deep) + (deep.length >> 1), text.length]) {
        assert.equal(hoverAt(project, "/p/convex/deep.ts", offset), undefined);
        assert.deepEqual(definitionAt(project, "/p/convex/deep.ts", offset), []);
        assert.deepEqual(completionsAt(project, "/p/convex/deep.ts", offset), []);
        assert.deepEqual(referencesAt(project, "/p/convex/deep.ts", offset, true), []);
      }
    });
  }
});
