// The facts the extractor records for rules: handler calls with their context, floating promises,
// guarded throws, validators with their keys, long strings, cron schedules, HTTP routes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractModule } from "../../server/src/project/extract/module";

const facts = (text: string, modulePath = "tasks") => extractModule({ path: `/p/convex/${modulePath}.ts`, text, version: "1", modulePath, role: "function" });
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

const HANDLER = `import { v } from "convex/values";
import { internal } from "./_generated/api";
import { action, query } from "./_generated/server";
export const f = action({
  args: { storageId: v.string(), meta: v.optional(v.any()) },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("unauthenticated");
    const doc = await ctx.runQuery(internal.tasks.get, {});
    ctx.runMutation(internal.tasks.save, {});
    void ctx.scheduler.runAfter(0, internal.tasks.save, {});
    for (const item of [1, 2]) {
      await ctx.runMutation(internal.tasks.save, { item });
    }
    try {
      const r = await fetch("https://example.com");
    } catch {}
    const now = Date.now() + new Date().getTime();
    await requireUser(ctx);
    return doc;
  },
});
export const q = query({ args: {}, handler: async ({ db }) => { const t = await db.query("tasks").first(); if (t === null) { throw new Error("none"); } db.insert("tasks", {}); return t; } });
`;

test("handler calls carry try/loop/await context; ctx promises know whether they float", () => {
  const [f, q] = facts(HANDLER).functions;
  assert.deepEqual(f.calls.map((c) => [c.callee, c.inTry, c.inLoop, c.awaited]), [
    ["fetch", true, false, true],
    ["Date.now", false, false, false],
    ["new Date", false, false, false],
    ["requireUser", false, false, true],
  ]);
  assert.deepEqual(f.ctxCalls.map((c) => [c.area, c.method, c.inLoop, c.floating]), [
    ["auth", "getUserIdentity", false, false],
    ["run", "runQuery", false, false],
    ["run", "runMutation", false, true],
    ["scheduler", "runAfter", false, false],
    ["run", "runMutation", true, false],
  ]);
  assert.deepEqual(q.ctxCalls.map((c) => [c.method, c.floating]), [["query", false], ["insert", true]]);
});

test("throws remember the variable they guard, and where it came from", () => {
  const [f, q] = facts(HANDLER).functions;
  assert.deepEqual(f.throws.map((t) => t.guard), ["identity"]);
  assert.deepEqual(f.nullables, [{ name: "identity", source: "identity" }]);
  assert.deepEqual(q.throws.map((t) => t.guard), ["t"]);
  assert.deepEqual(q.nullables, [{ name: "t", source: "document" }]);
});

test("validators with the key they validate; long strings with their name", () => {
  const m = facts(HANDLER + `const apiKey = "sk_live_0123456789abcdef0123";\nexport const headers = { "Access-Control-Allow-Origin": "*" };\n`);
  assert.deepEqual(m.validatorCalls.map((c) => [c.method, c.key, at(HANDLER + "", c.span)]), [
    ["string", "storageId", "v.string()"],
    ["optional", "meta", "v.optional(v.any())"],
    ["any", "meta", "v.any()"],
  ]);
  assert.deepEqual(m.longStrings.map((s) => [s.text, s.name]), [
    ["https://example.com", undefined],
    ["sk_live_0123456789abcdef0123", "apiKey"],
    ["Access-Control-Allow-Origin", undefined],
  ]);
  assert.equal(m.setsCorsHeader, true);
});

test("cron schedules and HTTP routes", () => {
  const crons = facts(`import { cronJobs } from "convex/server";\nimport { internal } from "./_generated/api";\nconst crons = cronJobs();\ncrons.cron("a", "0 * * * *", internal.x.y);\ncrons.daily("b", { hourUTC: 9, minuteUTC: 0 }, internal.x.y);\nexport default crons;\n`, "crons");
  assert.deepEqual(crons.cronJobs.map((j) => [j.method, j.cronExpression, j.scheduleFields]), [
    ["cron", "0 * * * *", undefined],
    ["daily", undefined, { hourUTC: 9, minuteUTC: 0 }],
  ]);
  const http = facts(`import { httpRouter } from "convex/server";\nconst http = httpRouter();\nhttp.route({ path: "/hook", method: "POST", handler: hook });\nhttp.route({ pathPrefix: "/files/", method: "GET", handler: files });\nexport default http;\n`, "http");
  assert.equal(http.http?.exportedDefault, true);
  assert.deepEqual(http.http?.routes.map((r) => [r.path, r.pathPrefix, r.method]), [["/hook", undefined, "POST"], [undefined, "/files/", "GET"]]);
  const unexported = facts(`import { httpRouter } from "convex/server";\nexport const http = httpRouter();\n`, "http");
  assert.equal(unexported.http?.exportedDefault, false);
});
