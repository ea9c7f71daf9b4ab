import { requireArgsValidator } from "../../server/src/rules/requireArgsValidator";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(requireArgsValidator, {
  valid: [
    { name: "args declared", code: `${HEADER}export const f = query({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => ctx.db.get(id) });` },
    { name: "empty args", code: `${HEADER}export const f = mutation({ args: {}, handler: async () => null });` },
    { name: "internal functions are not checked by default", code: `${HEADER}export const f = internalMutation({ handler: async () => null });` },
    { name: "httpAction never takes args", code: `import { httpAction } from "./_generated/server";\nexport const hook = httpAction(async () => new Response("ok"));` },
    { name: "args may come from a spread", code: `${HEADER}const shared = { args: {} };\nexport const f = query({ ...shared, handler: async () => null });` },
    { name: "a definition built elsewhere is not guessed at", code: `${HEADER}export const f = query(definition);` },
    { name: "not exported: not a registered function", code: `${HEADER}const f = query({ handler: async () => null });` },
  ],
  invalid: [
    {
      name: "object syntax without args",
      code: `${HEADER}export const list = query({\n  handler: async (ctx) => ctx.db.query("tasks").collect(),\n});\n`,
      errors: [{ line: 3, column: 14, endColumn: 18, message: 'Public query "list" has no `args` validator', fixes: ["Add `args: {}`"] }],
    },
    {
      name: "the old function syntax",
      code: `${HEADER}export const remove = mutation(async (ctx, { id }) => ctx.db.delete(id));\n`,
      errors: [{ line: 3, column: 14, endColumn: 20, fixes: [] }],
    },
    {
      name: "export default, and a function exported by name later",
      code: `${HEADER}export default action({ handler: async () => null });\nconst later = query({ handler: async () => null });\nexport { later as renamed };\n`,
      errors: [
        { line: 3, column: 16, endColumn: 22, message: '"default"' },
        { line: 4, column: 7, endColumn: 12, message: '"renamed"' },
      ],
    },
    {
      name: "a custom builder from convex-helpers keeps the visibility of what it wraps",
      code: `${HEADER}import { customQuery } from "convex-helpers/server/customFunctions";\nconst userQuery = customQuery(query, { args: {}, input: async () => ({ ctx: {}, args: {} }) });\nexport const me = userQuery({ handler: async () => null });\n`,
      errors: [{ line: 5, column: 14, endColumn: 16 }],
    },
    {
      name: "args inferred from the handler's annotation: every supported shape, v already imported",
      code: `${HEADER}import type { Id } from "./_generated/dataModel";
export const update = mutation({
  handler: async (ctx, { id, title, count, done, tags, owners, status, note, parent }: {
    id: Id<"tasks">;
    title: string;
    count?: number;
    done: boolean;
    tags: string[];
    owners: Array<Id<"users">>;
    status: "open" | "closed";
    note: string | undefined;
    parent: Id<"tasks"> | null;
  }) => null,
});
`,
      errors: [{ line: 4, column: 14, endColumn: 20, fixes: ["Add `args` inferred from the handler's parameter type"] }],
    },
    {
      name: "args inferred, v imported into the existing convex/values import, single line",
      code: `import { ConvexError } from "convex/values";
import { query } from "./_generated/server";
export const get = query({ handler: async (ctx, args: { name: string; kind?: "a" | "b" | undefined }) => { if (!args.name) throw new ConvexError("no"); return null; } });
`,
      errors: [{ line: 3, column: 14, endColumn: 17, fixes: ["Add `args` inferred from the handler's parameter type"] }],
    },
    {
      name: "args inferred, v imported with a new line",
      code: `import { query } from "./_generated/server";
export const get = query({ handler: async (ctx, args: { name: string }) => args.name });
`,
      errors: [{ line: 2, column: 14, endColumn: 17, fixes: ["Add `args` inferred from the handler's parameter type"] }],
    },
    {
      name: "types without an obvious validator: no fix",
      code: `${HEADER}type Filter = { q: string };
export const a = query({ handler: async (ctx, args: Filter) => null });
export const b = query({ handler: async (ctx, args: { when: Date }) => null });
export const c = query({ handler: async (ctx, args: { n: number | string[] | Record<string, number> }) => null });
export const d = query({ handler: async (ctx, args) => null });
`,
      errors: [
        { line: 4, column: 14, endColumn: 15, fixes: [] },
        { line: 5, column: 14, endColumn: 15, fixes: [] },
        { line: 6, column: 14, endColumn: 15, fixes: [] },
        { line: 7, column: 14, endColumn: 15, fixes: [] },
      ],
    },
  ],
});
