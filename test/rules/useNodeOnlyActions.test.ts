import { useNodeOnlyActions } from "../../server/src/rules/useNodeOnlyActions";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(useNodeOnlyActions, {
  valid: [
    { name: "only actions", code: `"use node";\n${HEADER}export const a = action({ args: {}, handler: async () => null });\nexport const b = internalAction({ args: {}, handler: async () => null });\n` },
    { name: "queries without the directive", code: `${HEADER}export const q = query({ args: {}, handler: async () => null });\n` },
    { name: "a string that is not the directive", code: `"use strict";\n${HEADER}export const q = query({ args: {}, handler: async () => null });\n` },
  ],
  invalid: [
    {
      name: "a query and an internal mutation in a Node module",
      code: `"use node";\n${HEADER}export const q = query({ args: {}, handler: async () => null });\nexport const m = internalMutation({ args: {}, handler: async () => null });\nexport const a = action({ args: {}, handler: async () => null });\n`,
      errors: [
        { line: 4, column: 14, endColumn: 15, message: '"q" is a query' },
        { line: 5, column: 14, endColumn: 15, message: '"m" is a mutation' },
      ],
    },
    {
      name: `"use node" in http.ts`,
      filename: "convex/http.ts",
      code: `"use node";\nimport { httpRouter } from "convex/server";\nconst http = httpRouter();\nexport default http;\n`,
      errors: [{ line: 1, column: 1, endColumn: 12, message: "not allowed in http.ts" }],
    },
    {
      name: `"use node" in the schema`,
      schema: `"use node";\nimport { defineSchema } from "convex/server";\nexport default defineSchema({});\n`,
      code: `${HEADER}export const a = action({ args: {}, handler: async () => null });\n`,
      errors: [{ file: "convex/schema.ts", line: 1, column: 1, endColumn: 12, message: "not allowed in schema.ts" }],
    },
  ],
});
