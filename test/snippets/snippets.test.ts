// Every snippet expands, with its default placeholders, to TypeScript that parses; together in a
// module they pass our own rules.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { parseModule, parseProblems } from "../../server/src/project/parse";
import { ConvexProject } from "../../server/src/project/project";
import { REPO_ROOT } from "../support/demo";
import { HEADER } from "../support/ruleTester";

/** A schema that follows every convention, so findings can only come from the snippet. */
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  tasks: defineTable({ text: v.string(), userId: v.id("users") }).index("by_userId", ["userId"]),
});
`;

interface Snippet {
  prefix: string[];
  body: string[];
  scope: string;
}

const snippets = JSON.parse(readFileSync(resolve(REPO_ROOT, "snippets/convex.code-snippets"), "utf8")) as Record<string, Snippet>;

/** What VS Code inserts when the user accepts every default: first choice, placeholder text, empty tab stops. */
export function expand(body: string[]): string {
  let text = body.join("\n");
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{\d+\|([^,|}]*)[^|]*\|\}/g, "$1")
      .replace(/\$\{\d+:([^{}$]*)\}/g, "$1")
      .replace(/\$\{\d+\}|\$\d+/g, "");
  }
  return text.replace(/\t/g, "  ");
}

describe("snippets", () => {
  const entries = Object.entries(snippets);
  test("every snippet has a convex: prefix and a short one", () => {
    assert.ok(entries.length >= 8);
    for (const [name, s] of entries) {
      assert.ok(s.prefix.some((p) => p.startsWith("convex:")), name);
      assert.ok(s.prefix.some((p) => !p.includes(":")), name);
    }
  });

  for (const [name, s] of entries) {
    test(`${name} expands to code that parses and passes the rules`, () => {
      const expanded = expand(s.body);
      assert.doesNotMatch(expanded, /\$\{|\$\d/, "all placeholders resolved");
      const isModule = expanded.includes("import ");
      const isSchema = expanded.includes("defineSchema");
      const code = isModule ? expanded : `${HEADER}${expanded}\n`;
      const file = isSchema ? "/p/convex/schema.ts" : "/p/convex/module.ts";
      assert.deepEqual(parseProblems(parseModule(file, code)).map((p) => p.message), []);
      const files: Record<string, string> = { "/p/convex/schema.ts": SCHEMA, [file]: code };
      if (isSchema) files["/p/convex/module.ts"] = `${HEADER}export const listTasks = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").withIndex("by_userId").take(10) });\n`;
      const project = new ConvexProject({ root: "/p", functionsDir: "/p/convex", source: "convention" }, "/p", memoryFileSystem(files));
      project.load();
      const findings = [...analyzeProject(project, DEFAULT_SETTINGS).values()].flat();
      assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }
});
