// A schema.ts being typed, broken, or importing itself. A schema that does not parse, or that is not
// written out literally, is only partly trusted: the rules that compare code with the schema
// (unknown-table, unknown-index, …) stay quiet rather than guess, so no module gets a finding the
// complete schema would not give it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyzeProject, type Finding } from "../../server/src/engine/analyze";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import { ALL_RULES_ON } from "../support/fixProof";
import { checkCase, loadCorpus, seedOf } from "../fuzz/harness";
import { tokensOf } from "../fuzz/mutate";

const key = (f: Finding) => `${f.ruleId}\u0000${f.message}`;

describe("a broken or half-typed schema.ts", () => {
  const seeds = loadCorpus().seeds.filter((s) => s.project.schemaModule);

  test("every schema of the seed projects cut at every token, and with every token deleted: no finding the complete schema does not give", () => {
    let variants = 0;
    for (const seed of seeds) {
      const schema = seed.project.schemaModule!;
      const full = analyzeProject(seed.project, ALL_RULES_ON);
      const allowed = new Set([...full].filter(([path]) => path !== schema.path).flatMap(([, list]) => list.map(key)));
      const tokens = tokensOf(schema.text);
      const texts = [
        ...tokens.map((t) => schema.text.slice(0, t.start)),
        ...tokens.map((t) => schema.text.slice(0, t.start) + schema.text.slice(t.end)),
      ];
      for (const text of texts) {
        variants++;
        const log: string[] = [];
        const project = seed.project.withTexts(new Map([[schema.path, text]]));
        const broken = project.schemaModule!;
        if (broken.parseProblems.length > 0) assert.equal(project.schema?.complete, false, `${seed.name}: a schema with a syntax error is incomplete:\n${text}`);
        // A variant that still parses into a complete schema is another schema (a deleted index
        // field): its findings are its own. A broken one must not produce findings of its own.
        const trusted = project.schema?.complete === true;
        for (const [path, findings] of analyzeProject(project, ALL_RULES_ON, { log: (m) => log.push(m) })) {
          for (const f of findings) {
            if (path === schema.path) assert.ok(f.span.start >= 0 && f.span.end <= broken.text.length && f.span.start <= f.span.end, `${f.ruleId} range in the schema`);
            else if (!trusted) assert.ok(allowed.has(key(f)), `${seed.name}: ${path}: ${f.ruleId} "${f.message}" with the schema:\n${broken.text}`);
          }
        }
        assert.deepEqual(log, []);
      }
    }
    assert.ok(variants > 5000, `${variants} variants`);
  });

  test("half-typed schemas: the fuzzer's checks (every fix proven, incremental = fresh) on the editor's path", () => {
    const schema = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  tasks: defineTable({ text: v.string(), userId: v.id("users") }).index("by_user", ["userId"]),\n  users: defineTable({ name: v.string() }),\n});\n`;
    const tasks = `import { query } from "./_generated/server";\nimport { v } from "convex/values";\nexport const list = query({ args: { userId: v.id("users") }, handler: async (ctx, args) => await ctx.db.query("tasks").filter((q) => q.eq(q.field("userId"), args.userId)).take(10) });\n`;
    const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/schema.ts": schema, "/p/convex/tasks.ts": tasks }));
    project.load();
    const seed = seedOf("half-typed", project);
    // Typing the schema from nothing, a character at a time (every 3rd state), then a table, an index.
    const typing = Array.from({ length: Math.ceil(schema.length / 3) }, (_, i) => schema.slice(0, i * 3)).concat([schema]);
    const halfTyped = [
      schema.replace("v.string() }),\n});", "v.str"),
      schema.replace('.index("by_user", ["userId"])', '.index("by_'),
      schema.replace('.index("by_user", ["userId"])', '.index("by_user", ["user'),
      schema.replace("defineSchema({", "defineSchema({ ...other,"),
      schema.replace("export default ", ""),
      schema.replace("users: defineTable", "[computed]: defineTable"),
      `${schema}\nexport default defineSchema({});\n`,
    ];
    for (const steps of [typing, halfTyped]) {
      const result = checkCase({ seed, changes: [{ path: "/p/convex/schema.ts", steps, how: steps.map(() => "") }] }, { maxFixes: 20, fixAll: true });
      assert.deepEqual(result.problems, []);
    }
  });

  test("a schema that imports itself: read, analysed, and the self-import used while loading is reported", () => {
    const schema = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nimport schema from "./schema";\nimport * as self from "./schema.js";\nexport * from "./schema";\nexport const taskFields = { text: v.string() };\nexport default defineSchema({\n  users: defineTable({ name: v.string() }),\n  admins: defineTable(schema.tables.users.validator),\n  tasks: defineTable(self.taskFields),\n});\n`;
    const tasks = `import { query } from "./_generated/server";\nexport const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("nope").take(5) });\n`;
    const log: string[] = [];
    const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/schema.ts": schema, "/p/convex/tasks.ts": tasks }), (m) => log.push(m));
    project.load();
    assert.deepEqual(project.schema?.tables.map((t) => [t.name, t.fieldsKnown]), [["users", true], ["admins", false], ["tasks", false]]);
    const findings = analyzeProject(project, ALL_RULES_ON, { log: (m) => log.push(m) });
    assert.deepEqual(findings.get("/p/convex/schema.ts")?.map((f) => `${f.start.line + 1}:${f.start.character + 1} ${f.ruleId}`), ["3:20 no-schema-import-cycle"]);
    assert.deepEqual(findings.get("/p/convex/tasks.ts")?.map((f) => f.ruleId).sort(), ["require-access-control", "unknown-table"]);
    assert.deepEqual(log, []);
    const result = checkCase({ seed: seedOf("self-import", project), changes: [{ path: "/p/convex/schema.ts", steps: [schema + "\n", schema.replace("admins", "staff")], how: ["", ""] }] }, { maxFixes: 20, fixAll: true });
    assert.deepEqual(result.problems, []);
  });
});
