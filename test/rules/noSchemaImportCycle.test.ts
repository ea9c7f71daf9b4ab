import { noSchemaImportCycle } from "../../server/src/rules/noSchemaImportCycle";
import { ruleTests } from "../support/ruleTester";

/** A schema that takes its task fields from convex/validators.ts. */
const SCHEMA_IMPORTING = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { taskFields } from "./validators";

export default defineSchema({
  tasks: defineTable(taskFields),
  users: defineTable({ name: v.string() }),
});
`;

const SCHEMA_VIA_LIB = SCHEMA_IMPORTING.replace('from "./validators"', 'from "./lib/fields"');
const FIELDS = `export { taskFields } from "../validators";
`;

ruleTests(noSchemaImportCycle, {
  valid: [
    {
      name: "a schema that imports itself only for types, or uses the import inside a function",
      filename: "convex/schema.ts",
      schema: null,
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import type { DataModel } from "./schema";
import self from "./schema";
export function tables() {
  return self.tables;
}
export * from "./schema";
export default defineSchema({ users: defineTable({ name: v.string() }) });
`,
    },
    {
      name: "the schema's default export used only inside a function",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING,
      code: `import { v } from "convex/values";
import schema from "./schema";
export const taskFields = { text: v.string(), userId: v.id("users") };
export function taskValidator() {
  return schema.tables.tasks.validator;
}
export const lazy = () => schema.tables.users;
`,
    },
    {
      name: "a type-only use of the schema (typeof is erased)",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING,
      code: `import { v } from "convex/values";
import schema from "./schema";
import type { Infer } from "convex/values";
export type Tables = typeof schema.tables;
export const taskFields = { text: v.string(), userId: v.id("users") };
`,
    },
    {
      name: "an import type of the schema",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING,
      code: `import { v } from "convex/values";
import type schema from "./schema";
export type S = typeof schema;
export const taskFields = { text: v.string() };
`,
    },
    {
      name: "a module the schema does not import may use the schema at load time",
      schema: SCHEMA_IMPORTING,
      files: { "convex/validators.ts": `import { v } from "convex/values";\nexport const taskFields = { text: v.string() };\n` },
      code: `import schema from "./schema";
import { query } from "./_generated/server";
export const taskDoc = schema.tables.tasks.validator;
export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
    {
      name: "the schema imports this module only for types",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING.replace('import { taskFields } from "./validators";', 'import type { TaskFields } from "./validators";\nconst taskFields = {};'),
      code: `import { v } from "convex/values";
import schema from "./schema";
export type TaskFields = typeof taskFields;
export const taskFields = { text: v.string() };
export const taskDoc = schema.tables.tasks.validator;
`,
    },
    {
      name: "a different file called schema in a subfolder",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING,
      files: { "convex/lib/schema.ts": `export default { tables: {} };\n` },
      code: `import { v } from "convex/values";
import helpers from "./lib/schema";
export const taskFields = { text: v.string(), meta: helpers.tables };
`,
    },
    {
      name: "a package import that happens to be named schema",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING,
      code: `import { v } from "convex/values";
import schema from "some-package/schema";
export const taskFields = { text: v.string(), extra: schema.fields };
`,
    },
  ],
  invalid: [
    {
      name: "a schema that imports itself and reads its own tables while it loads",
      filename: "convex/schema.ts",
      schema: null,
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import schema from "./schema";
export default defineSchema({
  users: defineTable({ name: v.string() }),
  admins: defineTable(schema.tables.users.validator),
});
`,
      errors: [{ line: 3, column: 20, endLine: 3, endColumn: 30, severity: "error", message: "schema.ts imports itself (schema.ts → schema.ts), so while it loads, its own `export default defineSchema(…)` has not run" }],
    },
    {
      name: "a validator module reads the schema's tables at load time",
      filename: "convex/validators.ts",
      schema: SCHEMA_IMPORTING,
      code: `import { v } from "convex/values";
import schema from "./schema";
export const taskFields = { text: v.string(), userId: v.id("users") };
export const userDoc = schema.tables.users.validator;
`,
      errors: [{ line: 2, column: 20, endLine: 2, endColumn: 30, severity: "error", message: "schema.ts imports this module (schema.ts → validators.ts → schema.ts), so while this module loads, schema.ts has not finished and `schema` (its default export) is not defined yet" }],
    },
    {
      name: "through a re-export in another folder, with a .js specifier",
      filename: "convex/validators.ts",
      schema: SCHEMA_VIA_LIB,
      files: { "convex/lib/fields.ts": FIELDS },
      code: `import { v } from "convex/values";
import appSchema from "./schema.js";
const tables = appSchema.tables;
export const taskFields = { text: v.string(), owner: tables.users.validator };
`,
      errors: [{ line: 2, column: 23, endColumn: 36, message: "(schema.ts → lib/fields.ts → validators.ts → schema.ts)" }],
    },
    {
      name: "a namespace import from a nested module",
      filename: "convex/lib/validators.ts",
      schema: SCHEMA_IMPORTING.replace('from "./validators"', 'from "./lib/validators"'),
      code: `import { v } from "convex/values";
import * as s from "../schema";
export const taskFields = { text: v.string(), copy: s.default.tables.users };
`,
      errors: [{ file: "convex/lib/validators.ts", line: 2, column: 20, endColumn: 31, message: "`s` (its exports) is not defined yet" }],
    },
  ],
});
