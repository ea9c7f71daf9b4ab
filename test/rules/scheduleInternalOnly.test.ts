import { scheduleInternalOnly } from "../../server/src/rules/scheduleInternalOnly";
import { ruleTests } from "../support/ruleTester";

const H = `import { v } from "convex/values";
import { api, internal } from "./_generated/api";
import { action, mutation } from "./_generated/server";
`;

ruleTests(scheduleInternalOnly, {
  valid: [
    { name: "internal references", code: `${H}export const f = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, internal.jobs.run, {}); await ctx.runQuery(internal.jobs.get, {}); } });` },
    { name: "api references outside scheduler and run calls", code: `${H}export const refs = [api.jobs.run];\nexport const f = mutation({ args: {}, handler: async () => api.jobs.run });` },
    { name: "a cron with internal", filename: "convex/crons.ts", code: `import { cronJobs } from "convex/server";\nimport { internal } from "./_generated/api";\nconst crons = cronJobs();\ncrons.interval("sweep", { minutes: 5 }, internal.jobs.sweep);\nexport default crons;\n` },
    {
      name: "inside a component, api.* names the component's own API, which no browser can call",
      code: `${H}export const f = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, api.lib.cancelAll, {}); } });`,
      files: { "convex/convex.config.ts": `import { defineComponent } from "convex/server";\nexport default defineComponent("x");\n` },
    },
  ],
  invalid: [
    {
      name: "runAfter, runAt and ctx.run* with api",
      code: `${H}export const f = action({
  args: {},
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, api.jobs.run, {});
    await ctx.scheduler.runAt(Date.now(), api.jobs.run, {});
    await ctx.runMutation(api.lib.util.save, {});
  },
});
`,
      errors: [
        { line: 7, column: 37, endColumn: 49, message: "pass internal.jobs.run", fixes: [] },
        { line: 8, column: 43, endColumn: 55 },
        { line: 9, column: 27, endColumn: 44, message: "ctx.runMutation" },
      ],
    },
    {
      name: "a cron with api",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";\nimport { api } from "./_generated/api";\nconst crons = cronJobs();\ncrons.daily("report", { hourUTC: 9, minuteUTC: 30 }, api.reports.send, {});\nexport default crons;\n`,
      errors: [{ line: 4, column: 54, endColumn: 70, message: "run by a cron job" }],
    },
    {
      name: "a cron whose target resolves: the target is converted",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";\nimport { api } from "./_generated/api";\nconst crons = cronJobs();\ncrons.daily("report", { hourUTC: 9, minuteUTC: 30 }, api.reports.send, {});\nexport default crons;\n`,
      files: { "convex/reports.ts": `import { action } from "./_generated/server";\n\nexport const send = action({ args: {}, handler: async () => null });\n` },
      errors: [{ line: 4, column: 54, endColumn: 70, fixes: ['Convert "send" to internalAction'] }],
    },
    {
      name: "the target in the same module, scheduled twice",
      filename: "convex/jobs.ts",
      code: `import { v } from "convex/values";
import { api } from "./_generated/api";
import { action, mutation } from "./_generated/server";

export const start = mutation({
  args: {},
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, api.jobs.run, {});
    await ctx.scheduler.runAfter(1000, api.jobs.run, {});
  },
});

export const run = action({ args: {}, handler: async () => null });
`,
      errors: [
        { line: 8, column: 37, endColumn: 49, fixes: ['Convert "run" to internalAction'] },
        { line: 9, column: 40, endColumn: 52, fixes: ['Convert "run" to internalAction'] },
      ],
    },
    {
      name: "a target that client code also calls: no fix",
      filename: "convex/jobs.ts",
      code: `import { api } from "./_generated/api";
import { action, mutation } from "./_generated/server";
export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, api.jobs.run, {}); } });
export const run = action({ args: {}, handler: async () => null });
`,
      files: { "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = [api.jobs.start, api.jobs.run];\n` },
      errors: [{ line: 3, column: 101, fixes: [] }],
    },
  ],
});
