// An edited module's unchanged top-level statements keep the facts the previous extraction found in
// them (moved by the edit's length) instead of being walked again. The facts must still be exactly
// those of a fresh extraction, also when the edit changes what other statements depend on.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { extractModule } from "../../server/src/project/extract/module";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import type { ModuleFacts } from "../../server/src/project/types";

const FILE = "/p/convex/tasks.ts";

const MODULE = `import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, mutation, query } from "./_generated/server";

async function loadAll(ctx: any) {
  return await ctx.db.query("tasks").collect();
}

export const first = query({
  args: { id: v.id("tasks") },
  handler: async (ctx, args) => {
    const secret = "sk_live_0123456789abcdef0123";
    return await ctx.db.get(args.id);
  },
});

export const second = mutation({
  args: { text: v.string() },
  handler: async (ctx, args) => {
    await ctx.scheduler.runAfter(0, internal.tasks.third, {});
    return await ctx.db.insert("tasks", { text: args.text });
  },
});

async function named(ctx: any) {
  return await loadAll(ctx);
}

export const third = internalMutation({ args: {}, handler: named });

export const fourth = query({
  args: { done: v.boolean() },
  handler: async (ctx) => {
    const all = await loadAll(ctx);
    return all.filter((t: any) => t.done);
  },
});
`;

/** A project holding MODULE as an open editor buffer; `edit` types into it and returns the facts. */
function editor() {
  const files: Record<string, string> = { [FILE]: MODULE };
  const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem(files));
  project.load();
  let version = 1;
  const edit = (from: string, to: string): { facts: ModuleFacts; fresh: ModuleFacts } => {
    const text = files[FILE];
    assert.ok(text.includes(from), `the module holds ${JSON.stringify(from)}`);
    files[FILE] = text.replace(from, to);
    version++;
    project.update(FILE, String(version));
    const facts = project.modules.get(FILE)!;
    const fresh = extractModule({ path: FILE, text: files[FILE], version: String(version), modulePath: "tasks", role: "function" });
    return { facts, fresh };
  };
  // The first edit walks everything (a module read from disk keeps nothing); later ones reuse.
  edit("export const first", "export const  first");
  return { edit, facts: () => project.modules.get(FILE)! };
}

const byName = (facts: ModuleFacts, name: string) => facts.functions.find((f) => f.name === name)!;

describe("facts of unchanged statements are reused after an edit", () => {
  test("an edit in one handler: the statements before it keep their very facts, those after are moved, and all equal a fresh extraction", () => {
    const { edit, facts } = editor();
    const before = facts();
    const { facts: after, fresh } = edit("return await ctx.db.insert(", "await ctx.db.query(\"tasks\").collect();\n    return await ctx.db.insert(");
    assert.deepEqual(after, fresh);
    // Before the edit: the same objects (nothing walked again); after it: moved copies.
    assert.equal(byName(after, "first").ctxCalls[0], byName(before, "first").ctxCalls[0]);
    assert.equal(after.longStrings[0], before.longStrings[0]);
    const last = (facts: ModuleFacts) => facts.validatorCalls[facts.validatorCalls.length - 1];
    assert.equal(last(after).method, "boolean");
    assert.notEqual(last(after), last(before));
    assert.ok(last(after).span.start > last(before).span.start);
    // The helper's query, reached from a handler after the edit, stays where the helper is.
    assert.deepEqual(byName(after, "fourth").queries[0], byName(before, "fourth").queries[0]);
    assert.equal(byName(after, "second").ctxCalls.filter((c) => c.method === "query").length, 1);
  });

  test("a helper the handlers use changes: the handlers after it see the change", () => {
    const { edit } = editor();
    const { facts, fresh } = edit('return await ctx.db.query("tasks").collect();', 'return await ctx.db.query("tasks").filter((q: any) => q.eq(q.field("done"), true)).collect();');
    assert.deepEqual(facts, fresh);
    assert.ok(byName(facts, "fourth").queries.some((q) => q.steps.some((s) => s.method === "filter")));
    assert.ok(byName(facts, "third").queries.some((q) => q.steps.some((s) => s.method === "filter")));
  });

  test("a definition switches its handler to another function: that function's statement is analysed as a handler again", () => {
    const { edit } = editor();
    let step = edit("handler: named", "handler: loadAll");
    assert.deepEqual(step.facts, step.fresh);
    step = edit("handler: loadAll", "handler: named");
    assert.deepEqual(step.facts, step.fresh);
  });

  test("an import changes: every statement is read again", () => {
    const { edit } = editor();
    let step = edit('import { v } from "convex/values";', 'import { v as values } from "convex/values";');
    assert.deepEqual(step.facts, step.fresh);
    assert.equal(step.facts.validatorCalls.length, 0);
    step = edit('import { v as values } from "convex/values";', 'import { v } from "convex/values";');
    assert.deepEqual(step.facts, step.fresh);
    assert.ok(step.facts.validatorCalls.length > 0);
  });

  test("a long run of edits and undos in different places stays equal to a fresh extraction", () => {
    const { edit } = editor();
    const places = ["return await ctx.db.get(args.id);", "const all = await loadAll(ctx);", "await ctx.scheduler.runAfter(0, internal.tasks.third, {});", "return await loadAll(ctx);"];
    for (let round = 0; round < 40; round++) {
      const place = places[round % places.length];
      const added = `${place}\n    const n${round} = await ctx.db.query("tasks").take(${round});`;
      let step = edit(place, added);
      assert.deepEqual(step.facts, step.fresh, `round ${round}, added`);
      if (round % 3 !== 0) {
        step = edit(added, place);
        assert.deepEqual(step.facts, step.fresh, `round ${round}, undone`);
      }
    }
  });
});
