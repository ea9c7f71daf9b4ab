import { queryNoWrites } from "../../server/src/rules/queryNoWrites";
import { HEADER, ruleTests } from "../support/ruleTester";

const inQuery = (body: string) => `${HEADER}export const f = query({
  args: {},
  handler: async (ctx) => {
    ${body}
  },
});
`;

ruleTests(queryNoWrites, {
  valid: [
    { name: "reads only", code: inQuery(`const t = await ctx.db.get(id); await ctx.storage.getUrl(s); return await ctx.runQuery(internal.a.b, {});`) },
    { name: "writes in a mutation", code: `${HEADER}export const f = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); await ctx.scheduler.runAfter(0, internal.a.b, {}); } });` },
    { name: "an array's delete-like method is not the database", code: inQuery(`const m = new Map(); m.delete("x"); return [].concat([]);`) },
  ],
  invalid: [
    {
      name: "a write in a same-module helper the queries pass ctx to, reported once for both callers",
      code: `${HEADER}async function logAccess(ctx: any, what: string) {
  await ctx.db.insert("tasks", { what });
}
export const list = query({ args: {}, handler: async (ctx) => { await logAccess(ctx, "list"); return null; } });
export const count = query({ args: {}, handler: async (ctx) => { await logAccess(ctx, "count"); return 0; } });
`,
      errors: [{ line: 4, column: 9, endColumn: 22, message: 'in query "list"', fixes: ['Convert "list", "count" to mutations'] }],
    },
    {
      name: "every kind of write",
      code: inQuery(`await ctx.db.insert("tasks", {}); await ctx.db.patch(id, {}); await ctx.scheduler.runAfter(0, fn, {}); await ctx.runMutation(fn, {}); await ctx.storage.generateUploadUrl();`),
      errors: [
        { line: 6, column: 11, endColumn: 24, message: "`ctx.db.insert` in query \"f\"", fixes: ['Convert "f" to mutation'] },
        { line: 6, column: 45, endColumn: 57 },
        { line: 6, column: 73, endColumn: 95 },
        { line: 6, column: 114, endColumn: 129 },
        { line: 6, column: 145, endColumn: 174 },
      ],
    },
    {
      name: "destructured ctx and an internal query",
      code: `${HEADER}export const f = internalQuery({ args: {}, handler: async ({ db, runAction }) => { await db.replace(id, {}); await runAction(fn, {}); } });\n`,
      errors: [{ line: 3, column: 90, endColumn: 100, fixes: ['Convert "f" to internalMutation'] }, { line: 3, column: 116, endColumn: 125 }],
    },
    {
      name: "ctx unpacked inside the body",
      code: inQuery(`const { db } = ctx;\n    await db.delete(id);`),
      errors: [{ line: 7, column: 11, endColumn: 20 }],
    },
    {
      name: "a module of its own: the import follows, api references elsewhere keep their path",
      filename: "convex/visits.ts",
      code: `import { query } from "./_generated/server";

export const track = query({
  args: {},
  handler: async (ctx) => {
    await ctx.db.insert("tasks", {});
  },
});
`,
      files: { "convex/jobs.ts": `import { api } from "./_generated/api";\nimport { mutation } from "./_generated/server";\nexport const go = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, api.visits.track, {}); } });\n` },
      errors: [{ line: 6, column: 11, endColumn: 24, fixes: ['Convert "track" to mutation'] }],
    },
    {
      name: "client code calls it with useQuery: no fix",
      filename: "convex/visits.ts",
      code: `import { query } from "./_generated/server";\nexport const track = query({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); } });\n`,
      files: { "src/App.tsx": `import { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\nexport const useTrack = () => useQuery(api.visits.track);\n` },
      errors: [{ line: 2, column: 72, fixes: [] }],
    },
    {
      name: "server code runs it with ctx.runQuery: no fix",
      filename: "convex/visits.ts",
      code: `import { internalQuery } from "./_generated/server";\nexport const track = internalQuery({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); } });\n`,
      files: { "convex/jobs.ts": `import { internal } from "./_generated/api";\nimport { action } from "./_generated/server";\nexport const go = action({ args: {}, handler: async (ctx) => { await ctx.runQuery(internal.visits.track, {}); } });\n` },
      errors: [{ line: 2, column: 80, fixes: [] }],
    },
  ],
});
