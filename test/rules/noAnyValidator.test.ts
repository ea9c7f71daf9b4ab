import { noAnyValidator } from "../../server/src/rules/noAnyValidator";
import { HEADER, ruleTests } from "../support/ruleTester";


ruleTests(noAnyValidator, {
  valid: [
    {
      name: "specific validators in public args",
      code: HEADER + `export const add = mutation({
  args: { text: v.string(), tags: v.array(v.string()), meta: v.optional(v.object({ source: v.string() })) },
  handler: async () => {},
});
`,
    },
    {
      name: "v.any() in an internal function's args",
      code: HEADER + `export const run = internalMutation({ args: { payload: v.any() }, handler: async () => {} });
export const work = internalAction({ args: { input: v.any() }, handler: async () => {} });
`,
    },
    {
      name: "v.any() in returns, not args",
      code: HEADER + `export const get = query({ args: { id: v.id("tasks") }, returns: v.any(), handler: async () => null });
`,
    },
    {
      name: "v.any() in a handler-side validator outside args",
      code: HEADER + `const loose = v.object({ data: v.any() });
export const list = query({ args: {}, handler: async () => loose });
`,
    },
    {
      name: "a schema validator that is not part of a table",
      filename: "convex/schema.ts",
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export const anyValue = v.any();
export default defineSchema({
  tasks: defineTable({ text: v.string() }),
});
`,
    },
    {
      name: "a component: its tables and API carry the app's values",
      files: { "convex/convex.config.ts": `import { defineComponent } from "convex/server";
export default defineComponent("jobs");
` },
      code: HEADER + `export const enqueue = mutation({ args: { fnArgs: v.any() }, handler: async () => {} });
`,
    },
    {
      name: "a component's schema",
      filename: "convex/schema.ts",
      files: { "convex/convex.config.ts": `import { defineComponent } from "convex/server";
export default defineComponent("jobs");
` },
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  work: defineTable({ fnArgs: v.any() }),
});
`,
    },
  ],
  invalid: [
    {
      name: "public mutation args",
      code: HEADER + `export const save = mutation({
  args: { data: v.any(), tags: v.array(v.any()), note: v.string() },
  handler: async () => {},
});
`,
      errors: [
        { line: 4, column: 17, endLine: 4, endColumn: 24, message: "argument \"data\"" },
        { line: 4, column: 40, endLine: 4, endColumn: 47, message: "public mutation \"save\"" },
      ],
    },
    {
      name: "public query and action, inside v.optional",
      code: HEADER + `export const search = query({ args: { filter: v.optional(v.any()) }, handler: async () => [] });
export const go = action({ args: { opts: v.any() }, handler: async () => {} });
`,
      errors: [
        { line: 3, column: 58, endLine: 3, endColumn: 65, message: "public query \"search\" (argument \"filter\")" },
        { line: 4, column: 42, endLine: 4, endColumn: 49, message: "public action \"go\"" },
      ],
    },
    {
      name: "table fields, written inline and through a constant",
      filename: "convex/schema.ts",
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
const events = defineTable({ kind: v.string(), payload: v.any() });
export default defineSchema({
  events,
  logs: defineTable({ body: v.optional(v.any()) }).index("by_body", ["body"]),
});
`,
      errors: [
        { line: 3, column: 57, endLine: 3, endColumn: 64, message: "table \"events\" (field \"payload\")" },
        { line: 6, column: 40, endLine: 6, endColumn: 47, message: "table \"logs\" (field \"body\")" },
      ],
    },
  ],
});

