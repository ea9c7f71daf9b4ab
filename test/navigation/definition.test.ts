// Go to definition from function references, table names, index names and field names.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { definitionAt } from "../../server/src/navigation/definition";
import { APP, FILES, LIB, SCHEMA, TASKS } from "./fixture";
import { cursor, projectFor, ROOT, where } from "./helpers";

const project = projectFor({ code: TASKS, schema: SCHEMA, files: FILES });
const TASKS_PATH = `${ROOT}/convex/tasks.ts`;
const at = (file: string, text: string, needle: string, nth = 0) => definitionAt(project, file, cursor(text, needle, nth)).map(where);

describe("go to definition", () => {
  test("api/internal reference → the export's name, from any segment of the chain", () => {
    assert.deepEqual(at(TASKS_PATH, TASKS, "internal.tasks.re|move"), ["convex/tasks.ts:17:14 remove"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, "internal.tasks.remove|"), ["convex/tasks.ts:17:14 remove"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, "internal.ta|sks.remove"), ["convex/tasks.ts:17:14 remove"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, "int|ernal.tasks.remove"), ["convex/tasks.ts:17:14 remove"]);
  });

  test("from client code", () => {
    assert.deepEqual(at(`${ROOT}/src/App.tsx`, APP, "api.tasks.li|st"), ["convex/tasks.ts:5:14 list"]);
  });

  test("table names in db calls and v.id → the schema key", () => {
    assert.deepEqual(at(TASKS_PATH, TASKS, `.query("ta|sks")`), ["convex/schema.ts:6:3 tasks"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, `delete("|tasks"`), ["convex/schema.ts:6:3 tasks"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, `v.id("users|")`), ["convex/schema.ts:5:3 users"]);
    assert.deepEqual(at(`${ROOT}/convex/lib/users.ts`, LIB, `query("us|ers")`), ["convex/schema.ts:5:3 users"]);
    assert.deepEqual(at(`${ROOT}/convex/schema.ts`, SCHEMA, `v.id("us|ers")`), ["convex/schema.ts:5:3 users"]);
  });

  test("index names → the schema's .index() of the queried table, also through a stored query", () => {
    assert.deepEqual(at(TASKS_PATH, TASKS, `withIndex("by_user_and|_done"`), ["convex/schema.ts:13:13 by_user_and_done"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, `withIndex("by_u|ser",`), ["convex/schema.ts:12:13 by_user"]);
    assert.deepEqual(at(`${ROOT}/convex/lib/users.ts`, LIB, `"by_tok|en"`), ["convex/schema.ts:5:80 by_token"]);
  });

  test("field names in an index range and a filter → the field in the table", () => {
    assert.deepEqual(at(TASKS_PATH, TASKS, `eq("do|ne"`), ["convex/schema.ts:9:5 done"]);
    assert.deepEqual(at(TASKS_PATH, TASKS, `q.field("no|te")`), ["convex/schema.ts:10:5 note"]);
  });

  test("nothing elsewhere, for unknown names, or without a schema", () => {
    assert.deepEqual(at(TASKS_PATH, TASKS, "const ro|ws"), []);
    assert.deepEqual(at(TASKS_PATH, TASKS, `args.user|Id`), []);
    const unknown = `import { query } from "./_generated/server";
export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("nope").withIndex("by_nothing").collect() });
export const g = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").withIndex("by_nothing").collect() });
`;
    const p = projectFor({ code: unknown, schema: SCHEMA });
    assert.deepEqual(definitionAt(p, TASKS_PATH, cursor(unknown, `"no|pe"`)), []);
    assert.deepEqual(definitionAt(p, TASKS_PATH, cursor(unknown, `"by_no|thing"`)), []);
    assert.deepEqual(definitionAt(p, TASKS_PATH, cursor(unknown, `"by_no|thing"`, 1)), []);
    const none = projectFor({ code: unknown, schema: null });
    assert.deepEqual(definitionAt(none, TASKS_PATH, cursor(unknown, `"ta|sks"`)), []);
  });

  test("a partly read schema still leads to the tables it spells out", () => {
    const partial = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { authTables } from "@convex-dev/auth/server";
export default defineSchema({ ...authTables, tasks: defineTable({ text: v.string() }) });
`;
    const p = projectFor({ code: TASKS, schema: partial });
    assert.equal(p.schema?.complete, false);
    assert.deepEqual(definitionAt(p, TASKS_PATH, cursor(TASKS, `delete("|tasks"`)).map(where), ["convex/schema.ts:4:46 tasks"]);
    assert.deepEqual(definitionAt(p, TASKS_PATH, cursor(TASKS, `v.id("users|")`)), []);
  });
});
