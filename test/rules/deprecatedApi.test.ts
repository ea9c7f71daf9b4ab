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
        { line: 3, column: 48, endLine: 3, endColumn: 58, message: "Use `v.int64()`", fixes: ["Replace `v.bigint()` with `v.int64()`"] },
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
        { line: 4, column: 43, endLine: 4, endColumn: 53, fixes: ["Replace `v.bigint()` with `v.int64()`"] },
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
        { line: 6, column: 24, endLine: 6, endColumn: 47, message: "do the read in an internalQuery and call it with `ctx.runQuery`", fixes: [] },
        { line: 12, column: 50, endLine: 12, endColumn: 69, message: /^(?!.*runQuery).*ctx\.db\.system\.get\("_storage", id\)/, fixes: [] },
      ],
    },
    {
      name: "getMetadata in a mutation, convex 1.31: the table-name form",
      files: { "package.json": `{"dependencies":{"convex":"^1.31.0"}}` },
      code: HEADER + `export const size = mutation({
  args: { id: v.id("_storage") },
  handler: async (ctx, args) => {
    const meta = await ctx.storage.getMetadata(args.id);
    return meta?.size ?? 0;
  },
});
`,
      errors: [{ line: 6, column: 24, endColumn: 47, fixes: ['Use `ctx.db.system.get("_storage", …)`'] }],
    },
    {
      name: "getMetadata in a query, convex 1.30: no table-name form yet (CRLF, tabs)",
      files: { "package.json": `{"dependencies":{"convex":"^1.30.0"}}` },
      code: (HEADER + `export const size = query({
	args: { id: v.id("_storage") },
	handler: async (context, { id }) => {
		return (await context.storage.getMetadata(id))?.size ?? 0;
	},
});
`).replace(/\n/g, "\r\n"),
      errors: [{ line: 6, column: 17, endColumn: 44, fixes: ["Use `context.db.system.get(…)`"] }],
    },
    {
      name: "getMetadata whose storageId or null contentType is read: no fix (the document has neither)",
      code: HEADER + `export const a = mutation({
  args: { id: v.id("_storage") },
  handler: async (ctx, args) => {
    const meta = await ctx.storage.getMetadata(args.id);
    return meta?.storageId;
  },
});
export const b = query({
  args: { id: v.id("_storage") },
  handler: async (ctx, args) => {
    const meta = await ctx.storage.getMetadata(args.id);
    return meta === null || meta.contentType === null ? "unknown" : meta.contentType;
  },
});
`,
      errors: [{ line: 6, column: 24, fixes: [] }, { line: 13, column: 24, fixes: [] }],
    },
  ],
});

