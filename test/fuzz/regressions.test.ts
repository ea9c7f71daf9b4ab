// Every failure the fuzzer found, minimised, as a case of its own. Inputs are inline when short,
// else under test/fixtures/fuzz/.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { parseModule, parseProblems, reparseModule } from "../../server/src/project/parse";
import { ConvexProject } from "../../server/src/project/project";
import { checkCase, seedOf, type FileChange } from "./harness";

const HEADER = `import { query, mutation, action, internalMutation } from "./_generated/server";\nimport { v } from "convex/values";\n`;
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  tasks: defineTable({ text: v.string(), done: v.boolean() }).index("by_done", ["done"]),\n});\n`;

/** A small project in memory, loaded as the fuzzer's seed. */
function seed(files: Record<string, string>) {
  const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/schema.ts": SCHEMA, ...files }));
  project.load();
  return seedOf("memory", project);
}

/** The fuzzer's checks on a project whose files go through the given texts, in order, as an editor's buffers. */
function check(files: Record<string, string>, changes: Omit<FileChange, "how">[]): string[] {
  return checkCase({ seed: seed(files), changes: changes.map((c) => ({ ...c, how: c.steps.map(() => "") })) }, { maxFixes: 100, fixAll: true }).problems;
}

describe("fuzz regressions", () => {
  // seed 20240607, cases 786 and 1559 (before the harness opened files first): TypeScript's
  // incremental parser lost the syntax errors of nodes it reused from a tree that had some, so an
  // edited schema could read as complete (rules then reported on a schema that does not parse) and
  // a fix's "parses no worse" check compared against too few errors.
  test("re-parsing a tree with syntax errors reports the errors a fresh parse does", () => {
    const before = `import {\n  =type LogLevel,\n} from "./shared.js";\n  workId: v.id(`;
    const after = before.slice(0, -1);
    const incremental = reparseModule({ text: before, sourceFile: parseModule("/p/convex/m.ts", before) }, after);
    const fresh = parseModule("/p/convex/m.ts", after);
    assert.ok(parseProblems(fresh).length > 0);
    assert.deepEqual(parseProblems(incremental), parseProblems(fresh));
  });

  test("an edited schema with a syntax error in its imports stays incomplete, as when read from disk", () => {
    const broken = `import {\n  =type X,\n} from "./shared.js";\n${SCHEMA}`;
    const problems = check({ "/p/convex/tasks.ts": `${HEADER}export const list = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").take(10) });\n` }, [
      { path: "/p/convex/schema.ts", steps: [`${broken}  x: v.id(`, `${broken}  x: v.id`] },
    ]);
    const files: Record<string, string> = { "/p/convex/schema.ts": SCHEMA };
    const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem(files));
    project.load();
    for (const [version, text] of [`${broken}  x: v.id(`, `${broken}  x: v.id`].entries()) {
      files["/p/convex/schema.ts"] = text;
      project.update("/p/convex/schema.ts", String(version + 1));
    }
    assert.equal(project.schema?.complete, false, "a schema that does not parse is not taken as the whole truth");
    assert.deepEqual(problems, []);
  });
});
