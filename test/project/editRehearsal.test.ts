// The edit rehearsal runs the keystroke path (incremental re-parse, extraction with statement reuse)
// on a copy of a module after the project is read. It must make exactly the edits it says, leave the
// project's facts alone, and extract from each synthetic text what a fresh extraction would.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { editRehearsal, REHEARSAL_EDITS } from "../../server/src/project/editRehearsal";
import { extractModule } from "../../server/src/project/extract/module";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";

const TASKS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("tasks").filter((q) => q.eq(q.field("done"), false)).collect();
  },
});

export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("tasks", { text: args.text, done: false });
  },
});
`;

function project(files: Record<string, string>): ConvexProject {
  const p = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem(files));
  p.load();
  return p;
}

describe("edit rehearsal", () => {
  test("makes REHEARSAL_EDITS synthetic edits, one per step, and leaves the project's facts as they were", () => {
    const p = project({ "/p/convex/tasks.ts": TASKS, "/p/convex/schema.ts": 'import { defineSchema } from "convex/server";\nexport default defineSchema({});\n' });
    const before = p.modules.get("/p/convex/tasks.ts")!;
    const snapshot = JSON.stringify(before);
    const steps = editRehearsal(before);
    let yielded = 0;
    let next = steps.next();
    assert.notEqual(next.done, true);
    while (!next.done) {
      yielded++;
      next = steps.next();
    }
    assert.equal(yielded, REHEARSAL_EDITS);
    assert.equal(next.value, REHEARSAL_EDITS);
    assert.equal(p.modules.get("/p/convex/tasks.ts"), before, "the project still holds the same facts object");
    assert.equal(JSON.stringify(before), snapshot, "and it was not changed");
  });

  test("each step's facts, from the re-parsed tree, are those a fresh extraction of its text gives", () => {
    const module = project({ "/p/convex/tasks.ts": TASKS }).modules.get("/p/convex/tasks.ts")!;
    const steps = [...editRehearsal(module, 4)];
    assert.equal(steps.length, 4);
    assert.deepEqual(steps.map((f) => f.text.length - TASKS.length), [1, 0, 1, 0], "a character inserted, then removed, and again");
    assert.equal(steps[1].text, TASKS);
    for (const facts of steps) {
      const fresh = extractModule({ path: module.path, text: facts.text, version: facts.version, modulePath: module.modulePath, role: module.role });
      assert.deepEqual(facts, fresh);
    }
  });

  test("does nothing for a module it cannot read", () => {
    const steps = editRehearsal({ ...project({ "/p/convex/tasks.ts": TASKS }).modules.get("/p/convex/tasks.ts")!, text: "", skipped: "too large" });
    const first = steps.next();
    assert.equal(first.done, true);
    assert.equal(first.value, 0);
  });
});
