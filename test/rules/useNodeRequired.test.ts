import { useNodeRequired } from "../../server/src/rules/useNodeRequired";
import { HEADER, ruleTests } from "../support/ruleTester";

const ACTION = `export const f = action({ args: {}, handler: async () => null });\n`;

ruleTests(useNodeRequired, {
  valid: [
    { name: `"use node" present`, code: `"use node";\nimport { readFileSync } from "fs";\n${HEADER}${ACTION}` },
    { name: `"use node" after a leading comment`, code: `// Node action\n"use node";\nimport crypto from "node:crypto";\n${HEADER}${ACTION}` },
    { name: "type-only imports of built-ins", code: `import type { Readable } from "stream";\nimport { type Buffer } from "buffer";\n${HEADER}${ACTION}` },
    { name: "packages that only look like built-ins", code: `import { z } from "zod";\nimport path from "path-browserify";\n${HEADER}${ACTION}` },
    { name: "client code outside the functions folder", filename: "src/util.ts", code: `import { readFileSync } from "fs";\nimport { api } from "../convex/_generated/api";\nexport const x = api.tasks.f;\n` },
  ],
  invalid: [
    {
      name: "a bare built-in",
      code: `import { createHash } from "crypto";\n${HEADER}${ACTION}`,
      errors: [{ line: 1, column: 28, endColumn: 36, message: '"crypto" is a Node.js built-in' }],
    },
    {
      name: "node: prefixed and subpath imports, and re-exports",
      code: `import fs from "node:fs";\nimport { readFile } from "fs/promises";\nexport { join } from "path";\n${HEADER}${ACTION}`,
      errors: [
        { line: 1, column: 16, endColumn: 25 },
        { line: 2, column: 26, endColumn: 39 },
        { line: 3, column: 22, endColumn: 28 },
      ],
    },
    {
      name: `a "use node" that is not the first statement does not count`,
      code: `import { z } from "zod";\n"use node";\nimport { spawn } from "child_process";\n${HEADER}${ACTION}`,
      errors: [{ line: 3, column: 23, endColumn: 38 }],
    },
    {
      name: "a module with a query and a Node action: the action moves to tasksNode.ts, references follow",
      code: `// Tasks.
import { createHash } from "node:crypto";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, query } from "./_generated/server";

const ALGORITHM = "sha256";

function digest(text: string): string {
  return createHash(ALGORITHM).update(text).digest("hex");
}

export const listTasks = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("tasks").take(10),
});

/** Hashes a text and stores it. */
export const hashText = internalAction({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.runMutation(internal.tasks.saveHash, { hash: digest(text) });
    await ctx.scheduler.runAfter(0, internal.tasks.hashText, { text });
  },
});

export const saveHash = internalMutation({
  args: { hash: v.string() },
  handler: async (ctx, { hash }) => {
    await ctx.scheduler.runAfter(0, internal.tasks.hashText, { text: hash });
  },
});
`,
      files: {
        "convex/other.ts": `import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";

export const startHashing = internalMutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.scheduler.runAfter(0, internal.tasks.hashText, { text });
  },
});
`,
      },
      errors: [{ line: 2, column: 28, endColumn: 41, fixes: ["Move Node actions to tasksNode.ts"] }],
    },
    {
      name: "public actions called from client code: api references are rewritten there too",
      code: `import fs from "fs";
import { v } from "convex/values";
import { action, query } from "./_generated/server";

export const getSize = query({ args: {}, handler: async () => 0 });

export const readConfig = action({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return fs.readFileSync(name, "utf8");
  },
});
`,
      files: {
        "src/App.tsx": `import { useAction, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function App() {
  const read = useAction(api.tasks.readConfig);
  const size = useQuery(api.tasks.getSize);
  return size;
}
`,
      },
      errors: [{ line: 1, column: 16, endColumn: 20, fixes: ["Move Node actions to tasksNode.ts"] }],
    },
    {
      name: "tasksNode.ts is taken: tasksNode2.ts",
      code: `import { createHash } from "crypto";
${HEADER}export const getTask = query({ args: {}, handler: async () => null });
export const hashTask = internalAction({ args: { text: v.string() }, handler: async (_ctx, { text }) => createHash("sha256").update(text).digest("hex") });
`,
      files: { "convex/tasksNode.ts": `"use node";\nimport { internalAction } from "./_generated/server";\nexport const pingNode = internalAction({ args: {}, handler: async () => null });\n` },
      errors: [{ line: 1, column: 28, endColumn: 36, fixes: ["Move Node actions to tasksNode2.ts"] }],
    },
    {
      name: "no move when a helper is shared with the query",
      code: `import { createHash } from "crypto";
${HEADER}const salt = "x";
export const getSalt = query({ args: {}, handler: async () => salt });
export const hashTask = internalAction({ args: { text: v.string() }, handler: async (_ctx, { text }) => createHash("sha256").update(text + salt).digest("hex") });
`,
      errors: [{ line: 1, column: 28, endColumn: 36, fixes: [] }],
    },
    {
      name: "no move when the query uses the built-in",
      code: `import { createHash } from "crypto";
${HEADER}export const getHash = query({ args: {}, handler: async () => createHash("sha256").digest("hex") });
export const hashTask = internalAction({ args: {}, handler: async () => null });
`,
      errors: [{ line: 1, column: 28, endColumn: 36, fixes: [] }],
    },
    {
      name: "no move without actions",
      code: `import { createHash } from "crypto";
${HEADER}export const getHash = query({ args: {}, handler: async () => createHash("sha256").digest("hex") });
`,
      errors: [{ line: 1, column: 28, endColumn: 36, fixes: [] }],
    },
  ],
});
