import { queryNoSideEffects } from "../../server/src/rules/queryNoSideEffects";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(queryNoSideEffects, {
  valid: [
    { name: "the clock, randomness and fetch in a mutation and an action", code: `${HEADER}export const save = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", { at: Date.now(), r: Math.random(), d: new Date() }); } });
export const sync = action({ args: {}, handler: async () => { const r = await fetch("https://example.com"); setTimeout(() => {}, 1); return r.status; } });
` },
    { name: "new Date(value) formats a stored time", code: `${HEADER}export const get = query({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => { const t = await ctx.db.get(id); return t ? new Date(t._creationTime).toISOString() : null; } });
` },
    { name: "the clock in an internal query that an action polls", code: `${HEADER}export const due = internalQuery({ args: {}, handler: async (ctx) => { const now = Date.now(); return (await ctx.db.query("tasks").take(10)).filter((t) => t._creationTime < now - Math.random()); } });
` },
    { name: "a now() method on another object, Math.floor, a local fetch-like helper", code: `${HEADER}const clock = { now: () => 0 };
export const list = query({ args: {}, handler: async (ctx) => { const page = await ctx.db.query("tasks").take(Math.floor(clock.now())); return page; } });
` },
    { name: "the clock at module level, outside any handler", code: `${HEADER}const deployedAt = Date.now();
export const version = query({ args: {}, handler: async () => deployedAt });
` },
  ],
  invalid: [
    {
      name: "every kind in a public query; fetch is an error",
      code: `${HEADER}export const list = query({
  args: {},
  handler: async (ctx) => {
    const r = await fetch("https://example.com");
    const now = Date.now();
    const d = new Date();
    const n = Math.random() + crypto.randomUUID().length;
    setTimeout(() => {}, 10);
    return [r, now, d, n];
  },
});
`,
      errors: [
        { line: 6, column: 21, endColumn: 26, severity: "error", message: "fails at run time" },
        { line: 7, column: 17, endColumn: 25, severity: "warning", message: "freezes the clock" },
        { line: 8, column: 15, endColumn: 25, message: "`new Date()` in query \"list\"" },
        { line: 9, column: 15, endColumn: 26, message: "seeds randomness" },
        { line: 9, column: 31, endColumn: 48, message: "`crypto.randomUUID()`" },
        { line: 10, column: 5, endColumn: 15, message: "cannot use timers" },
      ],
    },
    {
      name: "fetch and timers fail in internal queries too",
      code: `${HEADER}export const poll = internalQuery({
  args: {},
  handler: async () => {
    setInterval(() => {}, 1000);
    return await fetch("https://example.com").then((r) => r.json());
  },
});
`,
      errors: [
        { line: 6, column: 5, endColumn: 16, message: "`setInterval()` in query \"poll\"" },
        { line: 7, column: 18, endColumn: 23, severity: "error" },
      ],
    },
    {
      name: "in a nested callback of the handler",
      code: `${HEADER}export const recent = query({ args: {}, handler: async (ctx) => (await ctx.db.query("tasks").take(10)).filter((t) => t._creationTime > Date.now() - 1000) });
`,
      errors: [
        { line: 3, column: 136, endColumn: 144 },
      ],
    },
  ],
});
