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
        { line: 4, column: 14, endColumn: 15, message: '"q" is a query', fixes: ['Remove "use node"'] },
        { line: 5, column: 14, endColumn: 15, message: '"m" is a mutation', fixes: ['Remove "use node"'] },
      ],
    },
    {
      name: "a Node module that needs Node: the queries and mutations move out, references follow",
      filename: "convex/hashingNode.ts",
      code: `"use node";

import { createHash } from "node:crypto";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, query } from "./_generated/server";

const LIMIT = 10;

export const hashText = internalAction({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.runMutation(internal.hashingNode.saveHash, { hash: createHash("sha256").update(text).digest("hex") });
  },
});

export const listHashes = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query("messages").take(LIMIT);
  },
});

export const saveHash = internalMutation({
  args: { hash: v.string() },
  handler: async (ctx, { hash }) => {
    await ctx.db.insert("messages", { body: hash, author: "hasher" });
  },
});
`,
      files: {
        "src/App.tsx": `import { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\n\nexport function App() {\n  return useQuery(api.hashingNode.listHashes);\n}\n`,
      },
      errors: [
        { line: 17, column: 14, endColumn: 24, message: '"listHashes" is a query', fixes: ["Move the queries and mutations to hashing.ts"] },
        { line: 26, column: 14, endColumn: 22, message: '"saveHash" is a mutation', fixes: ["Move the queries and mutations to hashing.ts"] },
      ],
    },
    {
      name: "a module without the Node suffix: <name>Queries.ts",
      filename: "convex/files.ts",
      code: `"use node";\nimport { readFileSync } from "fs";\n${HEADER}export const getFile = query({ args: {}, handler: async () => null });\nexport const readFile = internalAction({ args: { name: v.string() }, handler: async (_ctx, { name }) => readFileSync(name, "utf8") });\n`,
      errors: [{ line: 5, column: 14, endColumn: 21, fixes: ['Move the query "getFile" to filesQueries.ts'] }],
    },
    {
      name: "an npm package might need Node: removal is only a suggestion, and the move is offered",
      code: `"use node";\nimport OpenAI from "openai";\n${HEADER}export const getModel = query({ args: {}, handler: async () => "gpt" });\nexport const askModel = internalAction({ args: {}, handler: async () => new OpenAI().models.list() });\n`,
      errors: [{ line: 5, column: 14, endColumn: 22, fixes: ['Remove "use node"', 'Move the query "getModel" to tasksQueries.ts'] }],
    },
    {
      name: "no move when the query uses the built-in",
      code: `"use node";\nimport { createHash } from "crypto";\n${HEADER}export const getHash = query({ args: {}, handler: async () => createHash("sha256").digest("hex") });\n`,
      errors: [{ line: 5, column: 14, endColumn: 21, fixes: [] }],
    },
    {
      name: `"use node" in http.ts`,
      filename: "convex/http.ts",
      code: `"use node";\nimport { httpRouter } from "convex/server";\nconst http = httpRouter();\nexport default http;\n`,
      errors: [{ line: 1, column: 1, endColumn: 12, message: "not allowed in http.ts", fixes: ['Remove "use node"'] }],
    },
    {
      name: `"use node" in crons.ts that needs Node: no removal`,
      filename: "convex/crons.ts",
      code: `"use node";\nimport { cronJobs } from "convex/server";\nimport { hostname } from "os";\nconst crons = cronJobs();\nexport const host = hostname();\nexport default crons;\n`,
      errors: [{ line: 1, column: 1, endColumn: 12, message: "not allowed in crons.ts", fixes: [] }],
    },
    {
      name: `"use node" in the schema`,
      schema: `"use node";\n\nimport { defineSchema } from "convex/server";\nexport default defineSchema({});\n`,
      code: `${HEADER}export const a = action({ args: {}, handler: async () => null });\n`,
      errors: [{ file: "convex/schema.ts", line: 1, column: 1, endColumn: 12, message: "not allowed in schema.ts", fixes: ['Remove "use node"'] }],
    },
  ],
});
