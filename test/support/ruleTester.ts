// typescript-eslint-style rule tests: lists of valid and invalid cases, each a small in-memory
// Convex project, with exact 1-based positions for every expected finding.
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { analyzeProject, type Finding } from "../../server/src/engine/analyze";
import { verifyFix } from "../../server/src/engine/fixes";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { ConvexProject } from "../../server/src/project/project";
import type { Rule, Severity } from "../../server/src/rules/types";
import { proveFix } from "./fixProof";
import { renderTexts, SnapshotFile } from "./snapshots";

export const ROOT = "/project";

/** The schema every case gets unless it brings its own (or `schema: null` for none). */
export const DEFAULT_SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_token", ["tokenIdentifier"]),
  tasks: defineTable({ text: v.string(), userId: v.id("users"), done: v.boolean() })
    .index("by_user", ["userId"])
    .index("by_user_and_done", ["userId", "done"]),
  messages: defineTable({ body: v.string(), author: v.string() }).searchIndex("search_body", { searchField: "body" }),
});
`;

export interface CaseProject {
  /** The module under test. */
  code: string;
  /** Its path relative to the project root. Default `convex/tasks.ts`. */
  filename?: string;
  /** Other files of the project, relative to the project root. */
  files?: Record<string, string>;
  /** `convex/schema.ts`; `null` for a project without one. */
  schema?: string | null;
  name?: string;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A substring the message must contain. */
  message?: string | RegExp;
  /** The finding's severity with default settings. */
  severity?: Severity;
  /** Expected file when not the module under test (relative to the root). */
  file?: string;
  /** Titles of the fixes the finding offers, in order (each is proven and snapshotted regardless). */
  fixes?: string[];
}

export interface InvalidCase extends CaseProject {
  errors: ExpectedFinding[];
}

export function projectFor(project: CaseProject): ConvexProject {
  const filename = project.filename ?? "convex/tasks.ts";
  const files: Record<string, string> = {};
  if (project.schema !== null) files[`${ROOT}/convex/schema.ts`] = project.schema ?? DEFAULT_SCHEMA;
  for (const [rel, text] of Object.entries(project.files ?? {})) files[`${ROOT}/${rel}`] = text;
  files[`${ROOT}/${filename}`] = project.code;
  const fs = memoryFileSystem(files);
  const functionsDir = fs.isFile(`${ROOT}/convex.json`)
    ? `${ROOT}/${(JSON.parse(files[`${ROOT}/convex.json`]) as { functions: string }).functions.replace(/\/$/, "")}`
    : `${ROOT}/convex`;
  const convex = new ConvexProject({ root: ROOT, functionsDir, source: "convention" }, ROOT, fs, (m) => {
    throw new Error(m);
  });
  convex.load();
  return convex;
}

/** Defaults as users get them (so per-finding severities show); a rule that is off by default is turned on. */
function settingsFor(rule: Rule) {
  return { enable: true, rules: rule.meta.defaultSeverity === "off" ? { [rule.meta.id]: "warning" as const } : {} };
}

export function findingsFor(rule: Rule, project: CaseProject): Finding[] {
  const byFile = analyzeProject(projectFor(project), settingsFor(rule), {
    rules: [rule],
    log: (m) => {
      throw new Error(m);
    },
  });
  return [...byFile.values()].flat();
}

function describeFinding(f: Finding) {
  return { file: f.path.slice(ROOT.length + 1), line: f.start.line + 1, column: f.start.character + 1, endLine: f.end.line + 1, endColumn: f.end.character + 1 };
}

export function ruleTests(rule: Rule, cases: { valid: (string | CaseProject)[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, i) => {
      const project = typeof c === "string" ? { code: c } : c;
      test(`valid: ${project.name ?? `case ${i + 1}`}`, () => {
        const found = findingsFor(rule, project);
        assert.deepEqual(found.map((f) => ({ ...describeFinding(f), message: f.message })), []);
      });
    });
    const snapshots = new SnapshotFile(path.resolve("test/rules"), rule.meta.id);
    cases.invalid.forEach((c, i) => {
      const caseName = c.name ?? `case ${i + 1}`;
      test(`invalid: ${caseName}`, async (t) => {
        const found = findingsFor(rule, c);
        const filename = c.filename ?? "convex/tasks.ts";
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} findings, got:\n${found.map((f) => JSON.stringify({ ...describeFinding(f), message: f.message })).join("\n")}`);
        c.errors.forEach((expected, j) => {
          const actual = describeFinding(found[j]);
          assert.equal(found[j].ruleId, rule.meta.id);
          assert.equal(actual.file, expected.file ?? filename, `finding ${j + 1}: file`);
          assert.deepEqual(
            { line: actual.line, column: actual.column, ...(expected.endLine !== undefined ? { endLine: actual.endLine } : {}), ...(expected.endColumn !== undefined ? { endColumn: actual.endColumn } : {}) },
            { line: expected.line, column: expected.column, ...(expected.endLine !== undefined ? { endLine: expected.endLine } : {}), ...(expected.endColumn !== undefined ? { endColumn: expected.endColumn } : {}) },
            `finding ${j + 1} (${found[j].message})`,
          );
          if (expected.severity !== undefined) assert.equal(found[j].severity, expected.severity, `finding ${j + 1}: severity`);
          if (expected.message instanceof RegExp) assert.match(found[j].message, expected.message);
          else if (expected.message !== undefined) assert.ok(found[j].message.includes(expected.message), `message "${found[j].message}" should contain "${expected.message}"`);
          if (expected.fixes !== undefined) assert.deepEqual(found[j].fixes().map((f) => f.title), expected.fixes, `finding ${j + 1}: fixes`);
        });
        await proveFixes(rule, c, caseName, found, snapshots, t);
      });
    });
    // Runs after the cases (tests in a suite run in order), so it sees every snapshot they produced.
    test("fix snapshots are all still produced", () => snapshots.finish());
  });
}

/**
 * Every fix every finding offers: the engine must accept it (or users never see it), it must pass
 * the proof with all rules on, and its result is snapshotted.
 */
async function proveFixes(rule: Rule, c: CaseProject, caseName: string, found: Finding[], snapshots: SnapshotFile, t: { test: (name: string, fn: () => void) => Promise<void> }): Promise<void> {
  if (!found.some((f) => f.fixes().length > 0)) return;
  const project = projectFor(c);
  const settings = settingsFor(rule);
  const before = analyzeProject(project, settings, { rules: [rule] });
  const all = [...before.values()].flat();
  for (const [j, finding] of all.entries()) {
    for (const fix of finding.fixes()) {
      const label = `${caseName} › finding ${j + 1} › ${fix.title}`;
      await t.test(`fix: ${fix.title} (finding ${j + 1})`, () => {
        assert.ok(verifyFix(project, settings, analyzeProject(project, settings), finding, fix), `the engine rejects "${fix.title}"`);
        const proof = proveFix(project, finding, fix);
        assert.deepEqual(proof.problems, [], `"${fix.title}" fails the proof`);
        snapshots.match(label, `${fix.safe ? "fix" : "suggestion"}: ${fix.title}\n\n${renderTexts(proof.texts, ROOT)}`);
      });
    }
  }
}

/** Imports most cases start with. */
export const HEADER = `import { v } from "convex/values";
import { action, internalAction, internalMutation, internalQuery, mutation, query } from "./_generated/server";
`;
