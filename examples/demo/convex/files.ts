import { createHash } from "crypto";
import { v } from "convex/values";
import { action } from "./_generated/server";

// use-node-required: `crypto` is a Node built-in; this module needs "use node".
// action-no-db: actions cannot use ctx.db; read through ctx.runQuery instead.
export const computeChecksum = action({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, args) => {
    const task = await ctx.db.get("tasks", args.taskId);
    return createHash("sha256").update(task?.text ?? "").digest("hex");
  },
});
