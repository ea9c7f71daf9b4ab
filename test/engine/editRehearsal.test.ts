// The edit rehearsal runs the keystroke path (incremental re-parse, extraction with statement reuse,
// incremental analysis) on a private copy of a module after the project is read. It must make the
// edits it says, leave the user's project alone, and find on each synthetic text what a fresh
// analysis of that text finds.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyze } from "../../server/src/engine/analyze";
import { editRehearsal, REHEARSAL_EDITS, type RehearsalInput } from "../../server/src/engine/editRehearsal";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
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

export const byOwner = query({
  args: { owner: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("tasks").withIndex("by_owner", (q) => q.eq("owner", args.owner)).collect();
  },
});
`;

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  tasks: defineTable({ text: v.string(), done: v.boolean(), owner: v.string() }),
});
`;

function userProject(): ConvexProject {
  const p = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/tasks.ts": TASKS, "/p/convex/schema.ts": SCHEMA }));
  p.load();
  return p;
}

const inputOf = (p: ConvexProject): RehearsalInput => ({
  module: p.modules.get("/p/convex/tasks.ts")!,
  schema: p.schemaModule,
  root: "/p",
  functionsDir: "/p/convex",
  settings: DEFAULT_SETTINGS,
});

const codesOf = (reports: readonly { ruleId: string; span: { start: number } }[] | undefined) => (reports ?? []).map((r) => `${r.ruleId}@${r.span.start}`);

describe("edit rehearsal", () => {
  test("makes REHEARSAL_EDITS synthetic edits, one per step, and leaves the user's project as it was", () => {
    const p = userProject();
    const before = p.modules.get("/p/convex/tasks.ts")!;
    const snapshot = JSON.stringify(before);
    const steps = editRehearsal(inputOf(p));
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

  test("each step analyses the edited copy incrementally and finds what a fresh analysis of its text finds", () => {
    const p = userProject();
    const steps = [...editRehearsal(inputOf(p), 4)];
    assert.equal(steps.length, 4);
    const texts = steps.map((a) => a.snapshot.modules.get("/p/convex/tasks.ts")?.text ?? "");
    assert.deepEqual(texts.map((t) => t.length - TASKS.length), [1, 0, 1, 0], "a character inserted, then removed, and again");
    assert.equal(texts[1], TASKS);
    for (const [i, analysis] of steps.entries()) {
      const fresh = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem({ "/p/convex/tasks.ts": texts[i], "/p/convex/schema.ts": SCHEMA }));
      fresh.load();
      const expected = analyze(fresh, DEFAULT_SETTINGS).reports("/p/convex/tasks.ts");
      assert.ok(codesOf(expected).some((c) => c.startsWith("unknown-index@")), "the copy has the schema: the missing index is found");
      assert.deepEqual(codesOf(analysis.reports("/p/convex/tasks.ts")), codesOf(expected));
    }
  });

  test("does nothing for a module it cannot read", () => {
    const p = userProject();
    const steps = editRehearsal({ ...inputOf(p), module: { ...p.modules.get("/p/convex/tasks.ts")!, text: "", skipped: "too large" } });
    const first = steps.next();
    assert.equal(first.done, true);
    assert.equal(first.value, 0);
  });
});
