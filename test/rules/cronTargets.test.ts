import { cronTargets } from "../../server/src/rules/cronTargets";
import { ruleTests } from "../support/ruleTester";

const JOBS = `import { v } from "convex/values";
import { internalAction, internalMutation, internalQuery, mutation } from "./_generated/server";
export const sweep = internalMutation({ args: {}, handler: async (ctx) => {} });
export const notify = internalAction({ args: {}, handler: async (ctx) => {} });
export const stats = internalQuery({ args: {}, handler: async (ctx) => 0 });
export const touch = mutation({ args: {}, handler: async (ctx) => {} });
`;

const crons = (...lines: string[]) => `import { cronJobs } from "convex/server";
import { api, internal } from "./_generated/api";
const crons = cronJobs();
${lines.join("\n")}
export default crons;
`;

const base = { filename: "convex/crons.ts", files: { "convex/jobs.ts": JOBS } };

ruleTests(cronTargets, {
  valid: [
    {
      name: "mutations and actions, internal and public",
      ...base,
      code: crons(
        `crons.interval("sweep", { minutes: 5 }, internal.jobs.sweep);`,
        `crons.daily("notify", { hourUTC: 9, minuteUTC: 30 }, internal.jobs.notify, {});`,
        `crons.cron("touch", "15 * * * *", api.jobs.touch);`,
      ),
    },
    {
      name: "a function defined in crons.ts itself",
      filename: "convex/crons.ts",
      files: { "convex/jobs.ts": JOBS },
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
export const purge = internalMutation({ args: {}, handler: async () => {} });
const crons = cronJobs();
crons.hourly("purge", { minuteUTC: 10 }, internal.crons.purge);
export default crons;
`,
    },
    {
      name: "a nested module",
      filename: "convex/crons.ts",
      files: { "convex/lib/jobs.ts": JOBS },
      code: crons(`crons.interval("sweep", { minutes: 5 }, internal.lib.jobs.sweep);`),
    },
    {
      name: "a target built with a wrapper the analyzer cannot see into",
      filename: "convex/crons.ts",
      files: {
        "convex/jobs.ts": `import { adminMutation } from "./lib/admin";\nexport const rebuild = adminMutation({ args: {}, handler: async () => {} });\n`,
        "convex/lib/admin.ts": `export const adminMutation = (x: unknown) => x;\n`,
      },
      code: crons(`crons.interval("rebuild", { hours: 1 }, internal.jobs.rebuild);`),
    },
    {
      name: "a target module that re-exports everything from another",
      filename: "convex/crons.ts",
      files: { "convex/jobs.ts": `export * from "./lib/impl";\n`, "convex/lib/impl.ts": JOBS },
      code: crons(`crons.interval("sweep", { minutes: 5 }, internal.jobs.sweepAll);`),
    },
    {
      name: "an export under another name",
      filename: "convex/crons.ts",
      files: { "convex/jobs.ts": `import { internalMutation } from "./_generated/server";\nconst impl = internalMutation({ args: {}, handler: async () => {} });\nexport { impl as sweepAll };\n` },
      code: crons(`crons.interval("sweep", { minutes: 5 }, internal.jobs.sweepAll);`),
    },
    {
      name: "no function modules besides crons (project not loaded yet)",
      filename: "convex/crons.ts",
      code: crons(`crons.interval("sweep", { minutes: 5 }, internal.jobs.sweep);`),
    },
    {
      name: "a reference without a module part",
      ...base,
      code: crons(`crons.interval("sweep", { minutes: 5 }, (internal as any).sweep);`),
    },
    {
      name: "a function reference from a variable",
      ...base,
      code: crons(`const target = internal.jobs.stats;`, `crons.interval("stats", { minutes: 5 }, target);`),
    },
    {
      name: "a cronJobs() registry outside crons.ts is not run by Convex",
      filename: "convex/schedule.ts",
      files: { "convex/jobs.ts": JOBS },
      code: crons(`crons.interval("stats", { minutes: 5 }, internal.jobs.stats);`, `crons.interval("gone", { minutes: 5 }, internal.jobs.gone);`),
    },
  ],
  invalid: [
    {
      name: "a query, a missing export and a missing module",
      ...base,
      code: crons(
        `crons.interval("stats", { minutes: 5 }, internal.jobs.stats);`,
        `crons.weekly("weekly", { dayOfWeek: "monday", hourUTC: 8, minuteUTC: 15 }, internal.jobs.archive);`,
        `crons.monthly("bill", { day: 1, hourUTC: 16, minuteUTC: 0 }, internal.billing.charge, {});`,
      ),
      errors: [
        { line: 4, column: 41, endColumn: 60, message: "Cron job \"stats\" runs internal.jobs.stats, which is a query" },
        { line: 5, column: 76, endColumn: 97, message: "convex/jobs has no function \"archive\"" },
        { line: 6, column: 62, endColumn: 85, message: "there is no module convex/billing" },
      ],
    },
    {
      name: "a public query through api",
      ...base,
      code: crons(`crons.cron("refresh", "*/10 * * * *", api.jobs.stats);`),
      errors: [{ line: 4, column: 39, endColumn: 53, message: "Convex rejects the push" }],
    },
  ],
});
