// Hover markdown for functions, tables, indexes and fields, and where there is none.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hoverAt } from "../../server/src/navigation/hover";
import { APP, FILES, SCHEMA, TASKS } from "./fixture";
import { cursor, projectFor, ROOT } from "./helpers";

const project = projectFor({ code: TASKS, schema: SCHEMA, files: FILES });
const TASKS_PATH = `${ROOT}/convex/tasks.ts`;
const hover = (needle: string, file = TASKS_PATH, text = TASKS) => hoverAt(project, file, cursor(text, needle))?.markdown;

describe("hover", () => {
  test("a function reference: kind and visibility, args with validators, module, references", () => {
    assert.equal(hover("internal.tasks.rem|ove"), [
      "**internal mutation** `tasks:remove`",
      "",
      "Args:",
      "- `id`: `v.id(\"tasks\")`",
      "",
      "Defined in `convex/tasks.ts` · 1 reference (1 server, 0 client)",
    ].join("\n"));
    assert.equal(hover("api.tasks.li|st", `${ROOT}/src/App.tsx`, APP), [
      "**query** `tasks:list`",
      "",
      "Args:",
      "- `userId`: `v.id(\"users\")`",
      "- `done`: `v.optional(v.boolean())`",
      "",
      "Defined in `convex/tasks.ts` · 1 reference (0 server, 1 client)",
    ].join("\n"));
    assert.equal(hover("export const cl|ear"), "**internal mutation** `tasks:clear`\n\nNo args\n\nDefined in `convex/tasks.ts` · 0 references");
  });

  test("a table: fields with validators (optional marked) and indexes", () => {
    assert.equal(hover(`.query("ta|sks")`), [
      "**table** `tasks`",
      "",
      "Fields:",
      "- `text`: `v.string()`",
      "- `userId`: `v.id(\"users\")`",
      "- `done`: `v.boolean()`",
      "- `note` (optional): `v.optional(v.string())`",
      "",
      "Indexes:",
      "- `by_user`: `userId`",
      "- `by_user_and_done`: `userId`, `done`",
    ].join("\n"));
    assert.match(hover("  mess|ages:", `${ROOT}/convex/schema.ts`, SCHEMA)!, /- `search_body` \(search index\): `body`, `author`$/);
  });

  test("an index: table, fields and kind", () => {
    assert.equal(hover(`withIndex("by_user_and|_done"`), "**index** `by_user_and_done` on table `tasks`\n\nFields: `userId`, `done`");
    assert.equal(hover(`.searchIndex("search|_body"`, `${ROOT}/convex/schema.ts`, SCHEMA),
      "**search index** `search_body` on table `messages`\n\nSearch field: `body`\n\nFilter fields: `author`");
  });

  test("a field in a range or filter: its validator", () => {
    assert.equal(hover(`q.field("no|te")`), "**field** `note` of table `tasks` (optional)\n\n`v.optional(v.string())`");
  });

  test("the hover covers the name under the cursor", () => {
    const at = hoverAt(project, TASKS_PATH, cursor(TASKS, `.query("ta|sks")`))!;
    assert.equal(TASKS.slice(at.span.start, at.span.end), "tasks");
  });

  test("nothing elsewhere or for names the project does not define", () => {
    assert.equal(hover("const ro|ws"), undefined);
    const code = `import { query } from "./_generated/server";
import { api } from "./_generated/api";
export const f = query({ args: {}, handler: async (ctx) => { await ctx.runQuery(api.nowhere.fn, {}); return ctx.db.query("nope").withIndex("by_x").collect(); } });
`;
    const p = projectFor({ code, schema: SCHEMA });
    for (const needle of ["api.nowhere.f|n", `"no|pe"`, `"by|_x"`]) assert.equal(hoverAt(p, TASKS_PATH, cursor(code, needle)), undefined, needle);
    const none = projectFor({ code: TASKS, schema: null });
    assert.equal(hoverAt(none, TASKS_PATH, cursor(TASKS, `.query("ta|sks")`)), undefined);
  });
});
