import { storageIdValidator } from "../../server/src/rules/storageIdValidator";
import { HEADER, ruleTests } from "../support/ruleTester";


ruleTests(storageIdValidator, {
  valid: [
    {
      name: "v.id(\"_storage\") in args and tables",
      code: HEADER + `export const attach = mutation({
  args: { storageId: v.id("_storage"), coverStorageId: v.optional(v.id("_storage")) },
  handler: async () => {},
});
`,
    },
    {
      name: "names that are not storage ids",
      code: HEADER + `export const link = mutation({
  args: { fileId: v.string(), storageIdentifier: v.string(), storage: v.string(), storageKind: v.string() },
  handler: async () => {},
});
`,
    },
    {
      name: "a record keyed by strings",
      code: HEADER + `export const sizes = mutation({ args: { storageIds: v.record(v.string(), v.number()) }, handler: async () => {} });
`,
    },
    {
      name: "outside args and tables",
      code: HEADER + `const storageId = v.string();
export const get = query({ args: {}, returns: v.object({ storageId: v.string() }), handler: async () => ({ storageId: "x" }) });
`,
    },
    {
      name: "schema with v.id(\"_storage\")",
      filename: "convex/schema.ts",
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  images: defineTable({ storageId: v.id("_storage"), caption: v.string() }),
});
`,
    },
    {
      name: "a component receives the app's storage ids as strings",
      files: { "convex/convex.config.ts": `import { defineComponent } from "convex/server";
export default defineComponent("files");
` },
      code: HEADER + `export const track = mutation({ args: { storageId: v.string() }, handler: async () => {} });
`,
    },
  ],
  invalid: [
    {
      name: "args, plain and optional",
      code: HEADER + `export const attach = mutation({
  args: { storageId: v.string(), avatarStorageId: v.optional(v.string()) },
  handler: async () => {},
});
`,
      errors: [
        { line: 4, column: 22, endLine: 4, endColumn: 32, message: "\"storageId\" in the args of mutation \"attach\" holds storage id", fixes: ["Use `v.id(\"_storage\")`"] },
        { line: 4, column: 62, endLine: 4, endColumn: 72, message: "\"avatarStorageId\"", fixes: ["Use `v.id(\"_storage\")`"] },
      ],
    },
    {
      name: "an array of ids in an internal function",
      code: HEADER + `export const clean = internalMutation({ args: { pdfStorageIds: v.array(v.string()) }, handler: async () => {} });
`,
      errors: [
        { line: 3, column: 72, endLine: 3, endColumn: 82, message: "holds storage ids", fixes: ["Use `v.id(\"_storage\")`"] },
      ],
    },
    {
      name: "table fields",
      filename: "convex/schema.ts",
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  images: defineTable({ storageId: v.string(), thumbStorageId: v.union(v.string(), v.null()) }),
});
`,
      errors: [
        { line: 4, column: 36, endLine: 4, endColumn: 46, message: "table \"images\"", fixes: ["Use `v.id(\"_storage\")`"] },
        { line: 4, column: 72, endLine: 4, endColumn: 82, message: "v.id(\"_storage\")" },
      ],
    },
  ],
});

