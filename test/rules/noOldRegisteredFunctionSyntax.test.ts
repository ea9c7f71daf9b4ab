import { noOldRegisteredFunctionSyntax } from "../../server/src/rules/noOldRegisteredFunctionSyntax";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(noOldRegisteredFunctionSyntax, {
  valid: [
    { name: "object syntax", code: `${HEADER}export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });\nexport const run = internalAction({ args: {}, async handler(ctx) {} });\n` },
    {
      name: "httpAction only has the function form",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";\nimport { httpAction } from "./_generated/server";\nexport const hook = httpAction(async (ctx, request) => new Response(null, { status: 200 }));\nconst http = httpRouter();\nhttp.route({ path: "/hook", method: "POST", handler: hook });\nexport default http;\n`,
    },
    { name: "a local function named query is not a Convex builder", code: `const query = (f: (x: number) => number) => f(1);\nexport const n = query((x) => x + 1);\n` },
    { name: "a handler object from a variable", code: `${HEADER}const def = { args: {}, handler: async () => null };\nexport const f = query(def);\n` },
  ],
  invalid: [
    {
      name: "arrow function, function expression and a default export",
      code: `${HEADER}export const list = query(async (ctx) => {
  return await ctx.db.query("tasks").take(10);
});
export const send = internalAction(async function (ctx, { to }: { to: string }) {});
export default mutation(async (ctx) => {});
`,
      errors: [
        { line: 3, column: 14, endColumn: 18, message: "\"list\" is registered with the old function syntax `query(async (ctx) => …)`", fixes: ["Convert to `{ args: {}, handler }`"] },
        { line: 6, column: 14, endColumn: 18, message: "internalAction({ args: {}, handler", fixes: ["Convert to `{ args, handler }`"] },
        { line: 7, column: 16, endColumn: 24, message: "\"default\"", fixes: ["Convert to `{ args: {}, handler }`"] },
      ],
    },
    {
      name: "exported later under another name",
      code: `${HEADER}const remove = mutation(async (ctx) => {});\nexport { remove as deleteTask };\n`,
      errors: [{ line: 3, column: 7, endColumn: 13, message: "\"deleteTask\"", fixes: ["Convert to `{ args: {}, handler }`"] }],
    },
    {
      name: "an arguments parameter with an annotation: args inferred, v imported",
      code: `import { mutation } from "./_generated/server";
import type { Id } from "./_generated/dataModel";
export const rename = mutation(async (ctx, { id, name }: { id: Id<"tasks">; name?: string }) => {
  await ctx.db.patch(id, { text: name ?? "" });
});
`,
      errors: [{ line: 3, column: 14, endColumn: 20, fixes: ["Convert to `{ args, handler }`"] }],
    },
    {
      name: "an arguments parameter without a usable annotation: { handler } only where args are not required",
      code: `${HEADER}export const pub = mutation(async (ctx, args: any) => {});
export const priv = internalMutation(async (ctx, args: Record<string, string>) => {});
`,
      errors: [
        { line: 3, column: 14, endColumn: 17, fixes: ["Convert to `{ handler }`"] },
        { line: 4, column: 14, endColumn: 18, fixes: ["Convert to `{ handler }`"] },
      ],
    },
  ],
});
