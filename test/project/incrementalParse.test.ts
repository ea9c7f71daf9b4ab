// Typing in an open module re-parses it incrementally; the facts must be exactly those of a fresh
// parse of the same text, whatever the edit.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { extractModule } from "../../server/src/project/extract/module";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import { REPO_ROOT } from "../support/demo";
import { random } from "../support/random";

const INSERTS = ["(", ")", "{", "}", ";", "\n", " ", "ctx.db", ".filter((q) => q.eq(q.field(\"x\"), 1))", "api.jobs.run", "\"use node\";\n", "export const z = query({ args: {}, handler: async () => null });\n", "/*", "*/", "`"];

test("an edited module's facts equal a fresh parse after every keystroke-sized edit", () => {
  const file = "/p/convex/tasks.ts";
  const files: Record<string, string> = { [file]: readFileSync(resolve(REPO_ROOT, "examples/demo/convex/tasks.ts"), "utf8") };
  const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem(files));
  project.load();
  const rnd = random(42);
  for (let version = 2; version < 300; version++) {
    let text = files[file];
    const at = Math.floor(rnd() * (text.length + 1));
    if (rnd() < 0.5 && text.length > 0) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 20)));
    else text = text.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + text.slice(at);
    files[file] = text;
    assert.ok(project.update(file, String(version)) || project.modules.get(file)?.text === text);
    const facts = project.modules.get(file)!;
    const fresh = extractModule({ path: file, text, version: String(version), modulePath: "tasks", role: "function" });
    assert.deepEqual(facts, fresh, `version ${version}`);
  }
});
