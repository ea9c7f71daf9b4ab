import { missingIndexForForeignKey } from "../../server/src/rules/missingIndexForForeignKey";
import { HEADER, ruleTests } from "../support/ruleTester";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), teamId: v.id("teams") }).index("by_team", ["teamId"]),
  teams: defineTable({ name: v.string() }),
  projects: defineTable({ name: v.string(), ownerId: v.id("users") }).index("by_name_and_owner", ["name", "ownerId"]),
  comments: defineTable({
    body: v.string(),
    authorId: v.optional(v.id("users")),
    projectId: v.id("projects"),
  })
    .index("by_project", ["projectId"])
    .searchIndex("search_body", { searchField: "body", filterFields: ["authorId"] }),
});
`;

ruleTests(missingIndexForForeignKey, {
  valid: [
    {
      name: "a filter on a field an index starts with",
      schema: SCHEMA,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("users").filter((q) => q.eq(q.field("teamId"), args.id)).take(10);
  },
});
`,
    },
    {
      name: "a filter on a field that is not an id",
      schema: SCHEMA,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("projects").filter((q) => q.eq(q.field("name"), args.id)).take(10);
  },
});
`,
    },
    {
      name: "id fields nobody filters by",
      schema: SCHEMA,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("projects").take(10);
  },
});
`,
    },
    {
      name: "the same field name on another table",
      schema: SCHEMA,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("teams").filter((q) => q.eq(q.field("ownerId"), args.id)).take(10);
  },
});
`,
    },
    {
      name: "an index whose fields the analyzer cannot read",
      schema: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const OWNER_FIELDS = ["ownerId"];
export default defineSchema({
  users: defineTable({ name: v.string(), teamId: v.id("teams") }).index("by_team", ["teamId"]),
  teams: defineTable({ name: v.string() }),
  projects: defineTable({ name: v.string(), ownerId: v.id("users") }).index("by_owner", OWNER_FIELDS),
  comments: defineTable({
    body: v.string(),
    authorId: v.optional(v.id("users")),
    projectId: v.id("projects"),
  })
    .index("by_project", ["projectId"])
    .searchIndex("search_body", { searchField: "body", filterFields: ["authorId"] }),
});
`,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("projects").filter((q) => q.eq(q.field("ownerId"), args.id)).take(10);
  },
});
`,
    },
  ],
  invalid: [
    {
      name: "an index that has the field second, and an optional id with only a search filter field",
      schema: SCHEMA,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    const mine = await ctx.db.query("projects").filter((q) => q.eq(q.field("ownerId"), args.id)).take(10);
    const theirs = await ctx.db.query("comments").filter((q) => q.eq(q.field("authorId"), args.id)).take(10);
    const again = await ctx.db.query("projects").filter((q) => q.eq(q.field("ownerId"), args.id)).first();
    return { mine, theirs, again };
  },
});
`,
      errors: [
        { line: 7, column: 45, endColumn: 67, message: "\"ownerId\" of table \"projects\" refers to other documents, and convex/tasks looks up \"projects\" by it", file: "convex/schema.ts", fixes: ['Add index "by_ownerId" to "projects"'] },
        { line: 10, column: 5, endColumn: 40, message: "`.index(\"by_authorId\", [\"authorId\"])`", file: "convex/schema.ts", fixes: ['Add index "by_authorId" to "comments"'] },
      ],
    },
    {
      name: "the filter in another module than the one under test",
      files: { "convex/projects.ts": `${HEADER}export const listByOwner = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("projects").filter((q) => q.eq(q.field("ownerId"), args.id)).take(10);
  },
});
` },
      schema: SCHEMA,
      code: `${HEADER}export const listThings = query({
  args: { id: v.string() },
  handler: async (ctx, args) => {
    return null;
  },
});
`,
      errors: [
        { line: 7, column: 45, endColumn: 67, message: "convex/projects looks up", file: "convex/schema.ts", fixes: ['Add index "by_ownerId" to "projects"'] },
      ],
    },
  ],
});
