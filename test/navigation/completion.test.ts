// Completion inside Convex name strings: tables, indexes of the queried table, index range fields
// (next one first) and filter fields; nothing anywhere else.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { completionsAt } from "../../server/src/navigation/completion";
import { SCHEMA } from "./fixture";
import { cursor, projectFor, ROOT } from "./helpers";

const TASKS_PATH = `${ROOT}/convex/tasks.ts`;
const wrap = (body: string) => `import { v } from "convex/values";
import { query } from "./_generated/server";
export const f = query({
  args: {},
  handler: async (ctx) => {
    ${body}
  },
});
`;
/** Completions at `|` in a handler body, as `label: detail` (a `*` marks the preselected one). */
function complete(body: string, needle = body): string[] {
  const code = wrap(body.replace("|", ""));
  const project = projectFor({ code, schema: SCHEMA });
  return completionsAt(project, TASKS_PATH, cursor(code, needle)).map((c) => `${c.preselect ? "*" : ""}${c.label}: ${c.detail}`);
}
const labels = (body: string) => complete(body).map((l) => l.split(":")[0].replace("*", ""));

describe("completion", () => {
  test("table names in db calls, in schema order, with their fields", () => {
    assert.deepEqual(complete(`return await ctx.db.query("|").collect();`), [
      "users: name, tokenIdentifier",
      "tasks: text, userId, done, note",
      "messages: body, author",
    ]);
    for (const call of [`ctx.db.insert("|", {})`, `ctx.db.get("|", id)`, `ctx.db.patch('|', id, {})`, `ctx.db.replace("ta|", id, {})`, `ctx.db.delete("|", id)`]) {
      assert.deepEqual(labels(call), ["users", "tasks", "messages"], call);
    }
  });

  test("the item replaces what is between the quotes", () => {
    const code = wrap(`return ctx.db.query("tas").collect();`);
    const [item] = completionsAt(projectFor({ code, schema: SCHEMA }), TASKS_PATH, cursor(code, `"ta|s"`));
    assert.equal(code.slice(item.replace.start, item.replace.end), "tas");
  });

  test("an unterminated string as it is being typed", () => {
    const code = wrap(`const rows = ctx.db.query("ta\n    return rows;`);
    const items = completionsAt(projectFor({ code, schema: SCHEMA }), TASKS_PATH, cursor(code, `query("ta|`));
    assert.deepEqual(items.map((c) => c.label), ["users", "tasks", "messages"]);
    assert.equal(code.slice(items[0].replace.start, items[0].replace.end), "ta");
  });

  test("table names in v.id", () => {
    const code = `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const f = mutation({ args: { id: v.id("") }, handler: async () => {} });
`;
    assert.deepEqual(completionsAt(projectFor({ code, schema: SCHEMA }), TASKS_PATH, cursor(code, `v.id("|")`)).map((c) => c.label), ["users", "tasks", "messages"]);
  });

  test("index names of the queried table, built-in by_creation_time last", () => {
    assert.deepEqual(complete(`return ctx.db.query("tasks").withIndex("|").collect();`), [
      "by_user: userId",
      "by_user_and_done: userId, done",
      "by_creation_time: _creationTime (built in)",
    ]);
    assert.deepEqual(labels(`const q = ctx.db.query("users"); return q.order("desc").withIndex("|");`), ["by_token", "by_creation_time"]);
    assert.deepEqual(complete(`return ctx.db.query("messages").withSearchIndex("|", (q) => q.search("body", "x"));`), ["search_body: search body; filter author"]);
  });

  test("index range fields: the index's fields in order, the next one first and preselected", () => {
    assert.deepEqual(complete(`return ctx.db.query("tasks").withIndex("by_user_and_done", (q) => q.eq("|"));`), [
      "*userId: v.id(\"users\")",
      "done: v.boolean()",
      "_creationTime: v.number()",
    ]);
    assert.deepEqual(complete(`return ctx.db.query("tasks").withIndex("by_user_and_done", (q) => q.eq("userId", u).eq("|"));`), [
      "*done: v.boolean()",
      "userId: v.id(\"users\")",
      "_creationTime: v.number()",
    ]);
    assert.deepEqual(labels(`return ctx.db.query("tasks").withIndex("by_creation_time", (q) => q.gt("|", 0));`), ["_creationTime"]);
  });

  test("filter fields: the table's fields then the system fields", () => {
    assert.deepEqual(complete(`return ctx.db.query("tasks").withIndex("by_user").filter((q) => q.eq(q.field("|"), 1));`), [
      "text: v.string()",
      "userId: v.id(\"users\")",
      "done: v.boolean()",
      "note: v.optional(v.string())",
      "_id: v.id(\"tasks\")",
      "_creationTime: v.number()",
    ]);
  });

  test("nothing outside those strings, for unknown tables or indexes, or without a schema", () => {
    assert.deepEqual(complete(`const s = "|";`), []);
    assert.deepEqual(complete(`return ctx.db.query("tasks").collect(); // "|"`), []);
    assert.deepEqual(complete(`return ctx.db.query("tasks").withIndex("by_user").collect();`, `.withInd|ex`), []);
    assert.deepEqual(complete(`return ctx.db.query("nope").withIndex("|");`), []);
    assert.deepEqual(complete(`return ctx.db.query("tasks").withIndex("by_nothing", (q) => q.eq("|"));`), []);
    assert.deepEqual(complete(`return ctx.db.query(table).withIndex("|");`), []);
    const code = wrap(`return ctx.db.query("").collect();`);
    assert.deepEqual(completionsAt(projectFor({ code, schema: null }), TASKS_PATH, cursor(code, `query("|")`)), []);
  });
});
