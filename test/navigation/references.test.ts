// Find references for functions (server and client), tables, indexes and fields.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { referencesAt } from "../../server/src/navigation/references";
import { FILES, LIB, SCHEMA, TASKS } from "./fixture";
import { cursor, projectFor, ROOT, where } from "./helpers";

const JOBS = `import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";

export const sweep = internalAction({
  args: {},
  handler: async (ctx) => {
    await ctx.runMutation(internal.tasks.remove, { id: "x" as never });
    await ctx.scheduler.runAfter(0, internal.tasks.clear, {});
  },
});
`;
const project = projectFor({ code: TASKS, schema: SCHEMA, files: { ...FILES, "convex/jobs.ts": JOBS } });
const TASKS_PATH = `${ROOT}/convex/tasks.ts`;
const refs = (file: string, text: string, needle: string, includeDeclaration = true) =>
  referencesAt(project, file, cursor(text, needle), includeDeclaration).map(where);

describe("find references", () => {
  test("a function: its definition, then every api/internal reference by file", () => {
    assert.deepEqual(refs(TASKS_PATH, TASKS, "internal.tasks.rem|ove"), [
      "convex/tasks.ts:17:14 remove",
      "convex/jobs.ts:7:27 internal.tasks.remove",
      "convex/tasks.ts:29:29 internal.tasks.remove",
    ]);
    // From the export's name, without the declaration.
    assert.deepEqual(refs(TASKS_PATH, TASKS, "export const remo|ve", false), [
      "convex/jobs.ts:7:27 internal.tasks.remove",
      "convex/tasks.ts:29:29 internal.tasks.remove",
    ]);
  });

  test("client references count", () => {
    assert.deepEqual(refs(TASKS_PATH, TASKS, "export const li|st"), ["convex/tasks.ts:5:14 list", "src/App.tsx:5:26 api.tasks.list"]);
  });

  test("a table: the schema key, then db calls, v.id validators and queries everywhere", () => {
    assert.deepEqual(refs(TASKS_PATH, TASKS, `.query("task|s")`), [
      "convex/schema.ts:6:3 tasks",
      "convex/tasks.ts:9:15 tasks",
      "convex/tasks.ts:18:21 tasks",
      "convex/tasks.ts:20:26 tasks",
      "convex/tasks.ts:27:29 tasks",
    ]);
    assert.deepEqual(refs(`${ROOT}/convex/schema.ts`, SCHEMA, "  us|ers: defineTable"), [
      "convex/schema.ts:5:3 users",
      "convex/lib/users.ts:4:30 users",
      "convex/schema.ts:8:19 users",
      "convex/tasks.ts:6:25 users",
    ]);
  });

  test("an index: its .index() and every withIndex on that table", () => {
    assert.deepEqual(refs(`${ROOT}/convex/schema.ts`, SCHEMA, `.index("by_use|r"`), ["convex/schema.ts:12:13 by_user", "convex/tasks.ts:28:42 by_user"]);
    assert.deepEqual(refs(`${ROOT}/convex/lib/users.ts`, LIB, `"by_tok|en"`, false), ["convex/lib/users.ts:4:49 by_token"]);
  });

  test("a field: the table's field and its uses in ranges and filters", () => {
    assert.deepEqual(refs(TASKS_PATH, TASKS, `eq("user|Id", args`), [
      "convex/schema.ts:8:5 userId",
      "convex/tasks.ts:10:51 userId",
      "convex/tasks.ts:28:65 userId",
    ]);
  });

  test("nothing away from a symbol", () => {
    assert.deepEqual(refs(TASKS_PATH, TASKS, "const ro|ws"), []);
  });
});
