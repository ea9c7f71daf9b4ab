import { functionNaming } from "../../server/src/rules/functionNaming";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(functionNaming, {
  valid: [
    {
      name: "verbs from the guidelines, whole names, snake_case and digits",
      code: `${HEADER}export const getUser = query({ args: {}, handler: async () => null });
export const list = query({ args: {}, handler: async () => null });
export const get_user = query({ args: {}, handler: async () => null });
export const createTask = mutation({ args: {}, handler: async () => null });
export const delete2 = mutation({ args: {}, handler: async () => null });
export const upsertProfile = internalMutation({ args: {}, handler: async () => null });
`,
    },
    {
      name: "common verbs",
      code: `${HEADER}export const sendEmail = action({ args: {}, handler: async () => null });
export const toggleDone = mutation({ args: {}, handler: async () => null });
export const isAdmin = query({ args: {}, handler: async () => null });
export const hasAccess = query({ args: {}, handler: async () => null });
export const fetchFeed = internalAction({ args: {}, handler: async () => null });
export const enqueueBatch = mutation({ args: {}, handler: async () => null });
export const cleanup = internalMutation({ args: {}, handler: async () => null });
`,
    },
    {
      name: "event handlers",
      code: `${HEADER}export const onComplete = internalMutation({ args: {}, handler: async () => null });
export const handlerOnComplete = internalMutation({ args: {}, handler: async () => null });
`,
    },
    {
      name: "default export and HTTP actions",
      code: `import { httpAction, query } from "./_generated/server";
export default query({ args: {}, handler: async () => null });
export const stripeWebhook = httpAction(async () => new Response());
`,
    },
    {
      name: "functions that are not exported are not Convex functions",
      code: `${HEADER}const tasksHelper = query({ args: {}, handler: async () => null });
export const helperFn = (x: number) => x;
export const TASK_LIMIT = 10;
export function weekday() { return tasksHelper; }
`,
    },
  ],
  invalid: [
    {
      name: "nouns and verb look-alikes",
      code: `${HEADER}export const messages = query({ args: {}, handler: async () => null });
export const userProfile = query({ args: {}, handler: async () => null });
export const settle = mutation({ args: {}, handler: async () => null });
export const getter = query({ args: {}, handler: async () => null });
export const listing = query({ args: {}, handler: async () => null });
export const Remove = mutation({ args: {}, handler: async () => null });
`,
      errors: [
        { line: 3, column: 14, endColumn: 22, message: "Convex function \"messages\" does not start with a verb", fixes: ["Rename to getMessages"] },
        { line: 4, column: 14, endColumn: 25, fixes: ["Rename to getUserProfile"] },
        { line: 5, column: 14, endColumn: 20, fixes: ["Rename to updateSettle"] },
        { line: 6, column: 14, endColumn: 20, fixes: ["Rename to getGetter"] },
        { line: 7, column: 14, endColumn: 21, fixes: ["Rename to getListing"] },
        { line: 8, column: 14, endColumn: 20, message: "Rename it, updating every reference", fixes: ["Rename to remove"] },
      ],
    },
    {
      name: "an export under another name is reported at the declaration",
      code: `import { query as q } from "./_generated/server";
const impl = q({ args: {}, handler: async () => 1 });
export { impl as taskCount };
`,
      errors: [
        { line: 2, column: 7, endColumn: 11, message: "\"taskCount\"", fixes: [] },
      ],
    },
    {
      name: "references in server code, client code and a test are renamed with the export",
      filename: "convex/reports.ts",
      code: `import { action, internalQuery } from "./_generated/server";

export const weekly = action({ args: {}, handler: async () => null });
export const user_stats = internalQuery({ args: {}, handler: async () => null });
`,
      files: {
        "convex/crons.ts": `import { cronJobs } from "convex/server";\nimport { internal } from "./_generated/api";\nconst crons = cronJobs();\ncrons.daily("stats", { hourUTC: 3, minuteUTC: 30 }, internal.reports.user_stats, {});\nexport default crons;\n`,
        "convex/reports.test.ts": `import { api } from "./_generated/api";\nexport const cases = [api.reports.weekly];\n`,
        "src/App.tsx": `import { useAction } from "convex/react";\nimport { api as API } from "../convex/_generated/api";\nexport const useWeekly = () => useAction(API.reports.weekly);\n`,
      },
      errors: [
        { line: 3, column: 14, endColumn: 20, fixes: ["Rename to runWeekly"] },
        { line: 4, column: 14, endColumn: 24, fixes: ["Rename to get_user_stats"] },
      ],
    },
    {
      name: "no rename when the new name is taken or the name is used in the module",
      code: `${HEADER}export const messages = query({ args: {}, handler: async () => null });
export const getMessages = query({ args: {}, handler: async () => null });
export const summary = query({ args: {}, handler: async () => null });
export const all = [summary];
`,
      errors: [
        { line: 3, column: 14, endColumn: 22, fixes: [] },
        { line: 5, column: 14, endColumn: 21, fixes: [] },
      ],
    },
  ],
});
