import { preferInternal } from "../../server/src/rules/preferInternal";
import { ruleTests } from "../support/ruleTester";

const JOBS = `import { v } from "convex/values";
import { api } from "./_generated/api";
import { action, mutation, query } from "./_generated/server";

export const start = mutation({
  args: {},
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, api.jobs.run, {});
  },
});

export const run = action({ args: {}, handler: async () => null });
`;

ruleTests(preferInternal, {
  valid: [
    { name: "no references at all: other apps may call it", code: `import { query } from "./_generated/server";\nexport const f = query({ args: {}, handler: async () => null });\n` },
    {
      name: "called from client code too",
      filename: "convex/jobs.ts",
      code: JOBS,
      files: { "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = [api.jobs.start, api.jobs.run];\n` },
    },
    {
      name: "already internal",
      filename: "convex/jobs.ts",
      code: JOBS.replace("export const run = action(", "export const run = internalAction(").replace("import { action,", "import { internalAction,"),
      files: { "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = api.jobs.start;\n` },
    },
    {
      name: "a component's public functions are its API for the installing app",
      filename: "convex/jobs.ts",
      code: JOBS,
      files: { "convex/convex.config.ts": `import { defineComponent } from "convex/server";\nexport default defineComponent("jobs");\n` },
    },
  ],
  invalid: [
    {
      name: "only the server calls it",
      filename: "convex/jobs.ts",
      code: JOBS,
      files: { "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = api.jobs.start;\n` },
      errors: [{ line: 12, column: 14, endColumn: 17, message: /only server code calls it \(1 place, first in convex\/jobs\.ts:8\).*internalAction.*internal\.jobs\.run/, fixes: ['Convert "run" to internalAction'] }],
    },
    {
      name: "a module in a nested folder, referenced from another module",
      filename: "convex/lib/util.ts",
      code: `import { query } from "../_generated/server";\nexport const load = query({ args: {}, handler: async () => null });\n`,
      files: {
        "convex/tasks.ts": `import { api } from "./_generated/api";\nimport { action } from "./_generated/server";\nexport const f = action({ args: {}, handler: async (ctx) => ctx.runQuery(api.lib.util.load, {}) });\n`,
        "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = api.tasks.f;\n`,
      },
      errors: [{ line: 2, column: 14, endColumn: 18, message: "internalQuery and call it as internal.lib.util.load", fixes: ['Convert "load" to internalQuery'] }],
    },
    {
      name: "references in several modules; one already imports internal, one keeps api for other uses",
      filename: "convex/emails.ts",
      code: `import { v } from "convex/values";
import {
  internalMutation,
  mutation,
} from "./_generated/server";

export const sendWelcome = mutation({ args: { to: v.string() }, handler: async () => null });
export const other = internalMutation({ args: {}, handler: async () => null });
`,
      files: {
        "convex/users.ts": `import { api, internal } from "./_generated/api";
import { mutation } from "./_generated/server";

export const signUp = mutation({
  args: {},
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, api.emails.sendWelcome, { to: "a" });
    await ctx.scheduler.runAfter(0, internal.emails.other, {});
  },
});
`,
        "convex/admin.ts": `import { api } from "./_generated/api";
import { action } from "./_generated/server";

export const resend = action({
  args: {},
  handler: async (ctx) => {
    await ctx.runMutation(api.emails.sendWelcome, { to: "b" });
    await ctx.runAction(api.admin.resend, {});
  },
});
`,
        "convex/emails.test.ts": `import { convexTest } from "convex-test";
import { api } from "./_generated/api";
export async function sendsIt() {
  const t = convexTest();
  await t.mutation(api.emails.sendWelcome, { to: "c" });
}
`,
        "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = [api.users.signUp, api.admin.resend];\n`,
      },
      errors: [{ line: 7, column: 14, endColumn: 25, fixes: ['Convert "sendWelcome" to internalMutation'] }],
    },
    {
      name: "an aliased import of api and a single-quoted, semicolon-free module",
      filename: "convex/lib/util.ts",
      code: `import { query } from '../_generated/server'\nexport const load = query({ args: {}, handler: async () => null })\n`,
      files: {
        "convex/tasks.ts": `import { api as API } from './_generated/api'\nimport { action } from './_generated/server'\nexport const f = action({ args: {}, handler: async (ctx) => ctx.runQuery(API.lib.util.load, {}) })\n`,
        "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = api.tasks.f;\n`,
      },
      errors: [{ line: 2, column: 14, endColumn: 18, fixes: ['Convert "load" to internalQuery'] }],
    },
    {
      name: "a custom builder: no fix, its internal counterpart is unknown",
      filename: "convex/jobs.ts",
      code: `import { customMutation } from "convex-helpers/server/customFunctions";
import { api } from "./_generated/api";
import { mutation } from "./_generated/server";
const authed = customMutation(mutation, { args: {}, input: async () => ({ ctx: {}, args: {} }) });
export const run = authed({ args: {}, handler: async () => null });
export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.runMutation(api.jobs.run, {}); } });
`,
      files: { "src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const a = api.jobs.start;\n` },
      errors: [{ line: 5, column: 14, endColumn: 17, fixes: [] }],
    },
  ],
});
