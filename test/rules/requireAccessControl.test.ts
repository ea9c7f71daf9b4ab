import { requireAccessControl } from "../../server/src/rules/requireAccessControl";
import { HEADER, ruleTests } from "../support/ruleTester";

ruleTests(requireAccessControl, {
  valid: [
    { name: "getUserIdentity", code: `${HEADER}export const me = query({ args: {}, handler: async (ctx) => { const identity = await ctx.auth.getUserIdentity(); return identity?.name ?? null; } });
` },
    { name: "helpers named like access checks", code: `${HEADER}export const a = mutation({ args: {}, handler: async (ctx) => { await requireUser(ctx); } });
export const b = query({ args: {}, handler: async (ctx) => { if (!(await canEdit(ctx))) return null; return 1; } });
export const c = action({ args: {}, handler: async (ctx) => { await checkAccess(ctx); } });
export const d = query({ args: {}, handler: async (ctx) => (await hasRole(ctx)) ? 1 : null });
export const e = mutation({ args: {}, handler: async (ctx) => { await can(ctx); await ensure_admin(ctx); } });
async function requireUser(_: unknown) {}
async function canEdit(_: unknown) { return true; }
async function checkAccess(_: unknown) {}
async function hasRole(_: unknown) { return true; }
async function can(_: unknown) {}
async function ensure_admin(_: unknown) {}
` },
    { name: "internal functions", code: `${HEADER}export const i = internalMutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {} as any); } });
` },
    { name: "a component's public functions are only reachable from the installing app", code: `${HEADER}export const get = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(1) });
`, files: { "convex/convex.config.ts": 'import { defineComponent } from "convex/server";\nexport default defineComponent("tasks");\n' } },
  ],
  invalid: [
    {
      name: "no check, or only names that are not access checks",
      code: `${HEADER}export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    if (has(text) || canister()) return;
    requirements("x");
    await ctx.db.insert("tasks", { text } as any);
  },
});
export const run = action({ args: {}, handler: async () => null });
function has(_: string) { return false; }
function canister() { return false; }
function requirements(_: string) {}
`,
      errors: [
        { line: 3, column: 14, endColumn: 18, message: "Anyone on the internet can call query \"list\"" },
        { line: 4, column: 14, endColumn: 17, message: "`internalMutation`" },
        { line: 12, column: 14, endColumn: 17 },
      ],
    },
  ],
});
