// Refactorings offered at a position, and their verification (no finding to clear, nothing new).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { fixedTexts, verifyRefactoring } from "../../server/src/engine/fixes";
import { AnalysisIndex } from "../../server/src/engine/index";
import { refactoringsAt } from "../../server/src/fixes/refactorings";
import { projectFor, ROOT } from "../support/ruleTester";

const SETTINGS = { enable: true, rules: {} };
const JOBS = `import { api } from "./_generated/api";
import { action, internalMutation, mutation, query } from "./_generated/server";
export const start = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, api.jobs.run, {}); } });
export const run = action({ args: {}, handler: async () => null });
export const done = internalMutation({ args: {}, handler: async () => null });
export default query({ args: {}, handler: async () => null });
`;

function setup(files: Record<string, string> = {}, code = JOBS) {
  const project = projectFor({ code, filename: "convex/jobs.ts", files });
  const module = project.modules.get(`${ROOT}/convex/jobs.ts`)!;
  const at = (needle: string, delta = 0) => {
    const offset = code.indexOf(needle) + delta;
    return refactoringsAt(new AnalysisIndex(project), module, { start: offset, end: offset });
  };
  return { project, at };
}

describe("refactoringsAt", () => {
  test("on a public function's name or builder; not inside its handler, not on an internal one", () => {
    const { at } = setup();
    assert.deepEqual(at("run =").map((r) => r.title), ['Convert "run" to internalAction']);
    assert.deepEqual(at("action({").map((r) => r.title), ['Convert "run" to internalAction']);
    assert.deepEqual(at("async () => null });\nexport const done"), []);
    assert.deepEqual(at("done ="), []);
  });

  test("a default export: only on its builder", () => {
    const { at } = setup();
    assert.deepEqual(at("query({ args: {}, handler: async () => null });\n", 1).map((r) => r.title), ['Convert "default" to internalQuery']);
    assert.deepEqual(at("handler: async () => null });\n", 0).length, 0);
  });

  test("the conversion verifies: it edits the builder, import and reference, and adds no finding", () => {
    const { project, at } = setup();
    const [r] = at("run =");
    assert.ok(r.fix && !r.disabledReason);
    assert.ok(verifyRefactoring(project, SETTINGS, analyzeProject(project, SETTINGS), r.fix));
    const text = fixedTexts(project, r.fix)!.get(`${ROOT}/convex/jobs.ts`)!;
    assert.match(text, /import \{ internal \} from "\.\/_generated\/api";/);
    assert.match(text, /runAfter\(0, internal\.jobs\.run, \{\}\)/);
    assert.match(text, /export const run = internalAction\(/);
  });

  test("an edit that adds a finding does not verify", () => {
    const { project } = setup();
    const jobs = `${ROOT}/convex/jobs.ts`;
    const at = JOBS.indexOf("args: {}, handler: async () => null });\nexport const done");
    assert.equal(verifyRefactoring(project, SETTINGS, analyzeProject(project, SETTINGS), { title: "drop args", safe: false, edits: [{ path: jobs, start: at, end: at + "args: {}, ".length, newText: "" }] }), false);
  });

  test("called from client code, or in a component: disabled with the reason", () => {
    const client = setup({ "src/App.tsx": `import { api } from "../convex/_generated/api";\n\nexport const a = api.jobs.run;\n` }).at("run =");
    assert.equal(client[0].fix, undefined);
    assert.match(client[0].disabledReason!, /called from client code in src\/App\.tsx:3/);
    const component = setup({ "convex/convex.config.ts": `import { defineComponent } from "convex/server";\nexport default defineComponent("jobs");\n` }).at("run =");
    assert.match(component[0].disabledReason!, /component/);
  });
});
