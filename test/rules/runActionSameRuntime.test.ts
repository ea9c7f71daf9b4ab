import { runActionSameRuntime } from "../../server/src/rules/runActionSameRuntime";
import { ruleTests } from "../support/ruleTester";

const NODE = `"use node";
import { internalAction } from "../_generated/server";
export const renderPdf = internalAction({ args: {}, handler: async () => "pdf" });
export const zipFiles = internalAction({ args: {}, handler: async () => "zip" });
`;
const JOBS = `import { internalAction, internalMutation, internalQuery } from "./_generated/server";
export const fetchFeed = internalAction({ args: {}, handler: async () => [] });
export const getStats = internalQuery({ args: {}, handler: async () => 0 });
export const saveStats = internalMutation({ args: {}, handler: async () => {} });
`;
const H = `import { internal, components } from "./_generated/api";
import { action, httpAction, internalAction } from "./_generated/server";
`;
const FILES = { "convex/node/pdf.ts": NODE, "convex/jobs.ts": JOBS };

ruleTests(runActionSameRuntime, {
  valid: [
    {
      name: "default runtime to Node.js: the documented use",
      files: FILES,
      code: `${H}export const exportReport = action({ args: {}, handler: async (ctx) => await ctx.runAction(internal.node.pdf.renderPdf, {}) });
`,
    },
    {
      name: "Node.js to the default runtime",
      filename: "convex/node/batch.ts",
      files: FILES,
      code: `"use node";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
export const refreshAll = internalAction({ args: {}, handler: async (ctx) => { await ctx.runAction(internal.jobs.fetchFeed, {}); } });
`,
    },
    {
      name: "runQuery and runMutation from an action",
      files: FILES,
      code: `${H}export const refresh = action({ args: {}, handler: async (ctx) => { const n = await ctx.runQuery(internal.jobs.getStats, {}); await ctx.runMutation(internal.jobs.saveStats, {}); return n; } });
`,
    },
    {
      name: "a component's action",
      files: FILES,
      code: `${H}export const retry = action({ args: {}, handler: async (ctx) => await ctx.runAction(components.retrier.run.execute as any, {}) });
`,
    },
    {
      name: "a function handle",
      files: FILES,
      code: `${H}export const callHandle = internalAction({ args: {}, handler: async (ctx, args: { h: any }) => await ctx.runAction(args.h, {}) });
`,
    },
    {
      name: "a target that is not in the project",
      files: FILES,
      code: `${H}export const callMissing = action({ args: {}, handler: async (ctx) => await ctx.runAction(internal.elsewhere.doWork, {}) });
`,
    },
    {
      name: "a runAction method on another object",
      files: FILES,
      code: `${H}export const callOther = action({ args: {}, handler: async (ctx) => { const client = { runAction: async (_: unknown) => 1 }; return await client.runAction(internal.jobs.fetchFeed); } });
`,
    },
  ],
  invalid: [
    {
      name: "default runtime to default runtime: action, HTTP action, destructured",
      files: FILES,
      code: `${H}export const refreshFeeds = action({
  args: {},
  handler: async (ctx) => {
    const items = await ctx.runAction(internal.jobs.fetchFeed, {});
    return items;
  },
});
export const webhook = httpAction(async (ctx) => {
  await ctx.runAction(internal.jobs.fetchFeed, {});
  return new Response();
});
export const viaDestructuring = internalAction({ args: {}, handler: async ({ runAction }) => await runAction(internal.jobs.fetchFeed, {}) });
`,
      errors: [
        { line: 6, column: 25, endColumn: 38, message: "`ctx.runAction(internal.jobs.fetchFeed)` from action \"refreshFeeds\": both run in the default Convex runtime" },
        { line: 11, column: 9, endColumn: 22, message: "from HTTP action \"webhook\"" },
        { line: 14, column: 100, endColumn: 109, message: "plain TypeScript helper" },
      ],
    },
    {
      name: "Node.js to Node.js",
      filename: "convex/node/bundle.ts",
      files: FILES,
      code: `"use node";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
export const bundle = internalAction({ args: {}, handler: async (ctx) => {
  const pdf = await ctx.runAction(internal.node.pdf.renderPdf, {});
  return pdf;
} });
`,
      errors: [
        { line: 5, column: 21, endColumn: 34, message: "both run in the Node.js runtime" },
      ],
    },
  ],
});
