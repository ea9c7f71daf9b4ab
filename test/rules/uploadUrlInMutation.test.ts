import { uploadUrlInMutation } from "../../server/src/rules/uploadUrlInMutation";
import { ruleTests } from "../support/ruleTester";

const H = `import { v } from "convex/values";
import { action, httpAction, internalAction, internalMutation, mutation, query } from "./_generated/server";
`;

ruleTests(uploadUrlInMutation, {
  valid: [
    { name: "in a mutation", code: `${H}export const generateUploadUrl = mutation({ args: {}, handler: async (ctx) => await ctx.storage.generateUploadUrl() });\n` },
    { name: "in an internal mutation", code: `${H}export const url = internalMutation({ args: {}, handler: async ({ storage }) => await storage.generateUploadUrl() });\n` },
    { name: "in a query (query-no-writes reports it)", code: `${H}export const url = query({ args: {}, handler: async (ctx) => await ctx.storage.generateUploadUrl() });\n` },
    { name: "other storage calls in an action", code: `${H}export const f = action({ args: { id: v.id("_storage") }, handler: async (ctx, { id }) => { const url = await ctx.storage.getUrl(id); await ctx.storage.store(new Blob([])); return url; } });\n` },
    { name: "a generateUploadUrl mutation called from an action", code: `${H}import { internal } from "./_generated/api";\nexport const f = action({ args: {}, handler: async (ctx) => await ctx.runMutation(internal.files.generateUploadUrl, {}) });\n` },
    { name: "a generateUploadUrl method on another object", code: `${H}export const f = action({ args: {}, handler: async () => { const s3 = { generateUploadUrl: async () => "" }; return await s3.generateUploadUrl(); } });\n` },
  ],
  invalid: [
    {
      name: "an action and an internal action",
      code: `${H}export const getUploadUrl = action({
  args: {},
  handler: async (ctx) => {
    return await ctx.storage.generateUploadUrl();
  },
});
export const prepare = internalAction({ args: {}, handler: async ({ storage }) => await storage.generateUploadUrl() });
`,
      errors: [
        { line: 6, column: 18, endColumn: 47, message: "Upload URL generated in action \"getUploadUrl\"" },
        { line: 9, column: 89, endColumn: 114, message: "in a mutation" },
      ],
    },
    {
      name: "an HTTP action",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const http = httpRouter();
export const uploadUrl = httpAction(async (ctx) => {
  const url = await ctx.storage.generateUploadUrl();
  return new Response(url);
});
http.route({ path: "/upload-url", method: "GET", handler: uploadUrl });
export default http;
`,
      errors: [{ line: 5, column: 21, endColumn: 50, message: "HTTP action \"uploadUrl\"" }],
    },
  ],
});
