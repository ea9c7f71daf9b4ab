import { scheduledJobStatus } from "../../server/src/rules/scheduledJobStatus";
import { HEADER, ruleTests } from "../support/ruleTester";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  jobs: defineTable({ status: v.string(), result: v.optional(v.string()), error: v.optional(v.string()) }),
  messages: defineTable({ body: v.string() }),
});
`;

/** The guidelines' pattern (as in examples/demo): mark, schedule, run, record the outcome. */
const PATTERN = `${HEADER}import { internal } from "./_generated/api";

export const start = mutation({
  args: {},
  handler: async (ctx) => {
    const jobId = await ctx.db.insert("jobs", { status: "processing" });
    await ctx.scheduler.runAfter(0, internal.jobs.run, { jobId });
    return jobId;
  },
});

export const run = internalAction({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, args) => {
    try {
      const response = await fetch("https://example.com/work");
      await ctx.runMutation(internal.jobs.finish, { jobId: args.jobId, error: undefined });
    } catch (e) {
      await ctx.runMutation(internal.jobs.finish, { jobId: args.jobId, error: String(e) });
    }
  },
});

export const finish = internalMutation({
  args: { jobId: v.id("jobs"), error: v.optional(v.string()) },
  handler: async (ctx, args) => {
    await ctx.db.patch("jobs", args.jobId, { status: args.error === undefined ? "completed" : "failed", error: args.error });
  },
});
`;

ruleTests(scheduledJobStatus, {
  valid: [
    { name: "the background-job pattern, final status through a conditional in the finishing mutation", filename: "convex/jobs.ts", schema: SCHEMA, code: PATTERN },
    {
      name: "the status is passed to a generic status mutation",
      filename: "convex/jobs.ts",
      schema: SCHEMA,
      code: `${HEADER}import { internal } from "./_generated/api";
export const start = mutation({
  args: {},
  handler: async (ctx) => {
    const jobId = await ctx.db.insert("jobs", { status: "queued" });
    await ctx.scheduler.runAt(Date.now() + 1000, internal.jobs.run, { jobId });
  },
});
export const run = internalAction({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, { jobId }) => {
    try {
      await fetch("https://example.com");
      await ctx.runMutation(internal.jobs.setStatus, { jobId, status: "done" });
    } catch {
      await ctx.runMutation(internal.jobs.setStatus, { jobId, status: "failed" });
    }
  },
});
export const setStatus = internalMutation({
  args: { jobId: v.id("jobs"), status: v.string() },
  handler: async (ctx, { jobId, status }) => {
    await ctx.db.patch("jobs", jobId, { status });
  },
});
`,
    },
    {
      name: "the status is written after the schedule call: the same transaction commits both",
      filename: "convex/jobs.ts",
      schema: SCHEMA,
      code: PATTERN.replace(
        `    const jobId = await ctx.db.insert("jobs", { status: "processing" });
    await ctx.scheduler.runAfter(0, internal.jobs.run, { jobId });`,
        `    const jobId = await ctx.db.insert("jobs", { status: "new" });
    const scheduledId = await ctx.scheduler.runAfter(0, internal.jobs.run, { jobId });
    await ctx.db.patch("jobs", jobId, { status: "scheduled", scheduledId });`,
      ),
    },
    {
      name: "a public mutation that schedules a mutation, not an action",
      schema: SCHEMA,
      code: `${HEADER}import { internal } from "./_generated/api";
export const create = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    await ctx.db.insert("messages", { body });
    await ctx.scheduler.runAfter(0, internal.tasks.cleanup, {});
  },
});
export const cleanup = internalMutation({ args: {}, handler: async () => {} });
`,
    },
    {
      name: "an internal mutation that schedules an action (not called by clients)",
      schema: SCHEMA,
      code: `${HEADER}import { internal } from "./_generated/api";
export const kick = internalMutation({
  args: {},
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, internal.tasks.work, {});
  },
});
export const work = internalAction({ args: {}, handler: async () => {} });
`,
    },
    {
      name: "a scheduled target that is not in the project",
      schema: SCHEMA,
      code: `${HEADER}import { internal } from "./_generated/api";
export const kick = mutation({
  args: {},
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, internal.elsewhere.work, {});
  },
});
`,
    },
    {
      name: "the action records its outcome through a mutation it cannot see into",
      filename: "convex/jobs.ts",
      schema: SCHEMA,
      code: `${HEADER}import { internal, components } from "./_generated/api";
export const start = mutation({
  args: {},
  handler: async (ctx) => {
    const jobId = await ctx.db.insert("jobs", { status: "pending" });
    await ctx.scheduler.runAfter(0, internal.jobs.run, { jobId });
  },
});
export const run = internalAction({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, { jobId }) => {
    await ctx.runMutation(components.tracker.lib.record, { jobId });
  },
});
`,
    },
    {
      name: "the action hands over to another action that records the outcome",
      filename: "convex/jobs.ts",
      schema: SCHEMA,
      code: `${HEADER}import { internal } from "./_generated/api";
export const start = mutation({
  args: {},
  handler: async (ctx) => {
    const jobId = await ctx.db.insert("jobs", { status: "running" });
    await ctx.scheduler.runAfter(0, internal.jobs.run, { jobId });
  },
});
export const run = internalAction({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, { jobId }) => {
    await ctx.runAction(internal.jobs.step, { jobId });
  },
});
export const step = internalAction({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, { jobId }) => {
    await ctx.runMutation(internal.jobs.markDone, { jobId });
  },
});
export const markDone = internalMutation({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, { jobId }) => {
    await ctx.db.patch("jobs", jobId, { status: "succeeded" });
  },
});
`,
    },
    {
      name: "an action scheduled by a mutation that keeps no job status is the mutation's finding, not the action's",
      filename: "convex/notify.ts",
      schema: SCHEMA,
      files: {
        "convex/messages.ts": `${HEADER}import { internal } from "./_generated/api";
export const send = mutation({ args: { body: v.string() }, handler: async (ctx, { body }) => {
  await ctx.db.insert("messages", { body });
  // convex-disable-next-line scheduled-job-status -- fire-and-forget notification
  await ctx.scheduler.runAfter(0, internal.notify.push, { body });
} });
`,
      },
      code: `${HEADER}export const push = internalAction({ args: { body: v.string() }, handler: async () => {
  await fetch("https://push.example.com");
} });
`,
    },
  ],
  invalid: [
    {
      name: "a public mutation that schedules an action without recording a status",
      schema: SCHEMA,
      code: `${HEADER}import { internal } from "./_generated/api";
export const send = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    await ctx.db.insert("messages", { body });
    await ctx.scheduler.runAfter(0, internal.tasks.generateReply, { body });
  },
});
export const generateReply = internalAction({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    await fetch("https://example.com", { method: "POST", body });
  },
});
`,
      errors: [{ line: 8, column: 11, endLine: 8, endColumn: 33, severity: "info", message: 'Mutation "send" schedules the action internal.tasks.generateReply but records no job status' }],
    },
    {
      name: "a string that is not a status does not count (runAt)",
      schema: SCHEMA,
      code: `${HEADER}import { api } from "./_generated/api";
export const request = mutation({
  args: {},
  handler: async (ctx) => {
    const id = await ctx.db.insert("jobs", { status: "new", result: "report" });
    await ctx.scheduler.runAt(Date.now(), api.tasks.render, { id });
  },
});
export const render = action({ args: { id: v.id("jobs") }, handler: async () => {} });
`,
      errors: [{ line: 8, column: 11, endColumn: 30, message: "schedules the action api.tasks.render" }],
    },
    {
      name: "a job marked processing whose action never records the outcome",
      filename: "convex/jobs.ts",
      schema: SCHEMA,
      code: PATTERN.replace(
        `      await ctx.runMutation(internal.jobs.finish, { jobId: args.jobId, error: undefined });
    } catch (e) {
      await ctx.runMutation(internal.jobs.finish, { jobId: args.jobId, error: String(e) });
    }`,
        `      await ctx.runMutation(internal.jobs.saveResult, { jobId: args.jobId, result: await response.text() });
    } catch (e) {
      console.error("job failed", e);
    }`,
      ).replace("export const finish = internalMutation", `export const saveResult = internalMutation({
  args: { jobId: v.id("jobs"), result: v.string() },
  handler: async (ctx, { jobId, result }) => {
    await ctx.db.patch("jobs", jobId, { result });
  },
});
export const finish = internalMutation`),
      errors: [{ line: 14, column: 14, endColumn: 17, message: 'Action "run" is scheduled by mutation "start" (convex/jobs), which marks the job as in progress, but nothing in this action records that it finished' }],
    },
    {
      name: "the action is in another module; the finding is on the action",
      filename: "convex/worker.ts",
      schema: SCHEMA,
      files: {
        "convex/jobs.ts": `${HEADER}import { internal } from "./_generated/api";
export const start = mutation({ args: {}, handler: async (ctx) => {
  const jobId = await ctx.db.insert("jobs", { status: "In Progress" });
  await ctx.scheduler.runAfter(0, internal.worker.process, { jobId });
} });
`,
      },
      code: `"use node";
import { v } from "convex/values";
import { internalAction } from "./_generated/server";
export const process = internalAction({
  args: { jobId: v.id("jobs") },
  handler: async () => {
    await fetch("https://example.com");
  },
});
`,
      errors: [{ file: "convex/worker.ts", line: 4, column: 14, endColumn: 21 }],
    },
  ],
});
