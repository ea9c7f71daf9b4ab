import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    tokenIdentifier: v.string(),
  }).index("by_token", ["tokenIdentifier"]),

  tasks: defineTable({
    text: v.string(),
    isCompleted: v.boolean(),
    userId: v.id("users"),
  }).index("by_user", ["userId"]),

  jobs: defineTable({
    taskId: v.id("tasks"),
    status: v.union(v.literal("processing"), v.literal("completed"), v.literal("failed")),
    error: v.optional(v.string()),
  }),
});
