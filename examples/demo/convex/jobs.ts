import { v } from "convex/values";
import { api, internal } from "./_generated/api";
import { action, internalMutation, mutation } from "./_generated/server";

// The background-job pattern: a public mutation marks the job and schedules the work.
export const start = mutation({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, args) => {
    const jobId = await ctx.db.insert("jobs", { taskId: args.taskId, status: "processing" });
    // schedule-internal-only: scheduled work should target internal.jobs.run.
    await ctx.scheduler.runAfter(0, api.jobs.run, { jobId });
    return jobId;
  },
});

// prefer-internal: only ever scheduled by the server, never called from the app.
export const run = action({
  args: { jobId: v.id("jobs") },
  handler: async (ctx, args) => {
    try {
      const response = await fetch("https://example.com/work");
      if (!response.ok) throw new Error(`status ${response.status}`);
      await ctx.runMutation(internal.jobs.finish, { jobId: args.jobId, error: undefined });
    } catch (e) {
      await ctx.runMutation(internal.jobs.finish, { jobId: args.jobId, error: String(e) });
    }
  },
});

export const finish = internalMutation({
  args: { jobId: v.id("jobs"), error: v.optional(v.string()) },
  handler: async (ctx, args) => {
    await ctx.db.patch("jobs", args.jobId, {
      status: args.error === undefined ? "completed" : "failed",
      error: args.error,
    });
  },
});
