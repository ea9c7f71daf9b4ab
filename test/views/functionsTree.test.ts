import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AnalysisIndex } from "../../server/src/engine/index";
import { functionsTreeOf } from "../../server/src/views/functionsTree";
import { functionUsages, tableUsages } from "../../server/src/views/usages";
import { projectFor, ROOT } from "../support/ruleTester";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  tasks: defineTable({ text: v.string(), userId: v.id("users") }).index("by_user", ["userId"]),
});
`;
const TASKS = `import { v } from "convex/values";
import { api, internal } from "./_generated/api";
import { action, internalMutation, query } from "./_generated/server";

export const list = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => ctx.db.query("tasks").withIndex("by_user", (q) => q.eq("userId", args.userId)).take(10),
});

export const add = internalMutation({
  args: { text: v.string(), userId: v.id("users") },
  handler: async (ctx, args) => {
    await ctx.db.insert("tasks", args);
  },
});

export const run = action({
  handler: async (ctx) => {
    await ctx.runQuery(api.tasks.list, { userId: "x" as never });
    await ctx.runMutation(internal.tasks.add, { text: "a", userId: "x" as never });
  },
});
`;
const HTTP = `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
export const hook = httpAction(async () => new Response());
const http = httpRouter();
export default http;
`;
const APP = `import { api } from "../convex/_generated/api";
export const ref = api.tasks.list;
`;

const project = () => projectFor({ code: TASKS, schema: SCHEMA, files: { "convex/http.ts": HTTP, "convex/lib/util.ts": "export const helper = 1;\n", "src/App.tsx": APP } });

describe("functions tree", () => {
  test("modules in path order with each function's kind, visibility, args and call sites", () => {
    const p = project();
    const tree = functionsTreeOf(p, new AnalysisIndex(p), { name: "app", path: ROOT });
    // a module that registers nothing is left out
    assert.deepEqual(tree.modules.map((m) => m.modulePath), ["http", "tasks"]);
    const tasks = tree.modules[1];
    assert.equal(tasks.uri, "file:///project/convex/tasks.ts");
    assert.deepEqual(tasks.functions.map((f) => [f.name, f.kind, f.visibility, f.args, f.callSites]), [
      ["list", "query", "public", "{ userId }", 2],
      ["add", "mutation", "internal", "{ text, userId }", 1],
      ["run", "action", "public", "no args validator", 0],
    ]);
    assert.deepEqual(tasks.functions[0].location.range, { start: { line: 4, character: 13 }, end: { line: 4, character: 17 } });
    assert.deepEqual(tree.modules[0].functions.map((f) => [f.name, f.kind, f.args]), [["hook", "httpAction", ""]]);
  });
});

describe("usages", () => {
  test("a table: db calls, query chains and v.id validators, each once, sorted", () => {
    const p = project();
    const users = tableUsages(p, "users");
    assert.deepEqual(users.locations.map((l) => `${l.uri.replace("file:///project/convex/", "")}:${l.range.start.line}`), [
      "schema.ts:4", "tasks.ts:5", "tasks.ts:10",
    ]);
    assert.deepEqual(users.definition?.range.start, { line: 3, character: 2 });
    const tasks = tableUsages(p, "tasks");
    assert.deepEqual(tasks.locations.map((l) => `${l.range.start.line}:${l.range.start.character}`), ["6:45", "12:24"]);
  });

  test("an index: withIndex on its table", () => {
    const byUser = tableUsages(project(), "tasks", "by_user");
    assert.deepEqual(byUser.locations.map((l) => `${l.range.start.line}:${l.range.start.character}`), ["6:64"]);
    assert.deepEqual(byUser.definition?.range.start, { line: 4, character: 72 });
  });

  test("a function: api/internal references in the functions folder and in client code", () => {
    const p = project();
    const list = functionUsages(new AnalysisIndex(p), "tasks", "list");
    assert.deepEqual(list.locations.map((l) => l.uri.replace("file:///project/", "")), ["convex/tasks.ts", "src/App.tsx"]);
    assert.deepEqual(functionUsages(new AnalysisIndex(p), "tasks", "nope"), { locations: [] });
  });
});
