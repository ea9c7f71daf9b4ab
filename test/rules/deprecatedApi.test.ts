import { deprecatedApi } from "../../server/src/rules/deprecatedApi";
import { HEADER, ruleTests } from "../support/ruleTester";


ruleTests(deprecatedApi, {
  valid: [
    {
      name: "v.int64() and the system table",
      code: HEADER + `export const meta = query({
  args: { id: v.id("_storage"), n: v.int64() },
  handler: async (ctx, { id }) => {
    const url = await ctx.storage.getUrl(id);
    return await ctx.db.system.get("_storage", id);
  },
});
`,
    },
    {
      name: "a bigint method of something that is not the validator builder",
      code: HEADER + `const big = { bigint: () => 1n };
export const n = query({ args: {}, handler: async () => String(big.bigint()) });
`,
    },
    {
      name: "getMetadata on another SDK",
      code: HEADER + `declare const bucket: { storage: { getMetadata(id: string): Promise<unknown> } };
export const head = action({ args: { key: v.string() }, handler: async (_ctx, { key }) => { await bucket.storage.getMetadata(key); } });
`,
    },
  ],
  invalid: [
    {
      name: "v.bigint() in args",
      code: HEADER + `export const save = mutation({ args: { amount: v.bigint() }, handler: async () => {} });
`,
      errors: [
        { line: 3, column: 48, endLine: 3, endColumn: 58, message: "Use `v.int64()`" },
      ],
    },
    {
      name: "v.bigint() in the schema",
      filename: "convex/schema.ts",
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  ledger: defineTable({ cents: v.optional(v.bigint()) }),
});
`,
      errors: [
        { line: 4, column: 43, endLine: 4, endColumn: 53 },
      ],
    },
    {
      name: "ctx.storage.getMetadata in an action and a query",
      code: HEADER + `export const size = action({
  args: { id: v.id("_storage") },
  handler: async (ctx, args) => {
    const meta = await ctx.storage.getMetadata(args.id);
    return meta?.size;
  },
});
export const type = query({
  args: { id: v.id("_storage") },
  handler: async ({ storage }, { id }) => (await storage.getMetadata(id))?.contentType,
});
`,
      errors: [
        { line: 6, column: 24, endLine: 6, endColumn: 47, message: "do the read in an internalQuery and call it with `ctx.runQuery`" },
        { line: 12, column: 50, endLine: 12, endColumn: 69, message: /^(?!.*runQuery).*ctx\.db\.system\.get\("_storage", id\)/ },
      ],
    },
  ],
});

