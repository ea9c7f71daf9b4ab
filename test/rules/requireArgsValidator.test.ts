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
      errors: [{ line: 3, column: 14, endColumn: 18, message: 'Public query "list" has no `args` validator' }],
    },
    {
      name: "the old function syntax",
      code: `${HEADER}export const remove = mutation(async (ctx, { id }) => ctx.db.delete(id));\n`,
      errors: [{ line: 3, column: 14, endColumn: 20 }],
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
  ],
});
