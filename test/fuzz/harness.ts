// The fuzzer's case runner, shared by `npm run fuzz` (test/fuzz/main.ts), the short run in the test
// suite and the regression tests. A case takes one real project (a fixture, the demo, or a
// @convex-dev/* component), changes one to three of its files the way an editor or a bad checkout
// would (mutations from mutate.ts, or files swapped in from another project), feeds every
// intermediate text through the editor's path (incremental re-parse), and then checks what the
// engine promises:
//   - no exception escapes, and none is swallowed into the log either (a rule or fix builder failing);
//   - every finding's range lies inside its document, and its line/character match its offsets;
//   - every edit of every offered fix lies inside the text it edits;
//   - every fix the engine's verifyFix accepts passes the independent fix proof (test/support/fixProof);
//   - fix-all leaves every file parsing no worse;
//   - the incremental path (edited trees, the previous analysis reused) gives the same facts and the
//     same findings as reading the final texts from scratch;
//   - the panel's trees and the navigation requests answer without throwing.
import { resolve } from "node:path";
import { analyze, type Finding, type ProjectAnalysis } from "../../server/src/engine/analyze";
import { fixAll, verifyFix } from "../../server/src/engine/fixes";
import { completionsAt } from "../../server/src/navigation/completion";
import { definitionAt } from "../../server/src/navigation/definition";
import { hoverAt } from "../../server/src/navigation/hover";
import { referencesAt } from "../../server/src/navigation/references";
import { refactoringsAt } from "../../server/src/fixes/refactorings";
import { discoverProjects } from "../../server/src/project/discovery";
import { nodeFileSystem, type FileSystem } from "../../server/src/project/fileSystem";
import { computeLineStarts, parseModule, parseProblems } from "../../server/src/project/parse";
import { ConvexProject } from "../../server/src/project/project";
import type { ModuleFacts } from "../../server/src/project/types";
import { functionsTreeOf } from "../../server/src/views/functionsTree";
import { schemaTreeOf } from "../../server/src/views/schemaTree";
import { CORPUS_PROJECTS } from "../support/corpus";
import { REPO_ROOT } from "../support/demo";
import { ALL_RULES_ON, proveFix } from "../support/fixProof";
import { random } from "../support/random";
import { choose, pick, randomMutation, type Rng } from "./mutate";

/** The real projects mutants are made from. */
export const SEED_PROJECTS = CORPUS_PROJECTS;

export interface Seed {
  /** The project's folder below the repository, plus the functions folder when it has several. */
  name: string;
  project: ConvexProject;
  analysis: ProjectAnalysis;
  /** Every file the project holds facts for. */
  files: string[];
}

export interface Corpus {
  seeds: Seed[];
  /** Every text of every seed, to splice from. */
  donors: string[];
  /** Every file of every seed with its text, to swap in. */
  donorFiles: { path: string; relative: string; text: string }[];
}

function filesOf(project: ConvexProject): string[] {
  return [...project.modules.keys(), ...project.clients.keys(), ...project.unrouted.keys()].sort();
}

function textOf(project: ConvexProject, file: string): string | undefined {
  return (project.modules.get(file) ?? project.clients.get(file) ?? project.unrouted.get(file))?.text;
}

/** The seed of a case: a loaded project and its analysis. */
export function seedOf(name: string, project: ConvexProject): Seed {
  return { name, project, analysis: analyze(project, ALL_RULES_ON), files: filesOf(project) };
}

/** Loads the seed projects; `repoRoot` is the repository (REPO_ROOT from test files, which sit one level deeper than the fuzz runner). */
export function loadCorpus(repoRoot: string = REPO_ROOT, dirs: readonly string[] = SEED_PROJECTS): Corpus {
  const seeds: Seed[] = [];
  for (const dir of dirs) {
    const root = resolve(repoRoot, dir);
    for (const location of discoverProjects(nodeFileSystem, root)) {
      const project = new ConvexProject(location, root, nodeFileSystem);
      project.load();
      seeds.push(seedOf(dir + location.functionsDir.slice(root.length), project));
    }
  }
  const donorFiles = seeds.flatMap((s) => s.files.map((path) => ({ path, relative: path.slice(s.project.functionsDir.length + 1), text: textOf(s.project, path)! })));
  return { seeds, donors: donorFiles.map((f) => f.text), donorFiles };
}

/** One file's history in a case: the texts an editor held, in order (undefined: the file was deleted). */
export interface FileChange {
  path: string;
  steps: (string | undefined)[];
  /** How each step was made, for the report. */
  how: string[];
}

export interface CaseInput {
  seed: Seed;
  changes: FileChange[];
}

export interface CaseResult {
  problems: string[];
  findings: number;
  fixesOffered: number;
  fixesVerified: number;
  ms: number;
}

/** The seed of `npm run fuzz` and of the short run in the test suite. */
export const DEFAULT_SEED = 20240607;

/** A 32-bit seed for case `index` of a run with seed `seed` (FNV-1a of both). */
export function caseSeed(seed: number, index: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** The changes of case `index`: which project, which files, which mutations. */
export function makeCase(corpus: Corpus, seed: number, index: number): CaseInput {
  const rng: Rng = random(caseSeed(seed, index));
  const project = choose(rng, corpus.seeds);
  const changes = new Map<string, FileChange>();
  const count = rng() < 0.6 ? 1 : rng() < 0.75 ? 2 : 3;
  for (let i = 0; i < count; i++) {
    const r = rng();
    if (r < 0.12) {
      // Swap a file in from any project: over an existing file of the same name, or as a new module.
      const donor = choose(rng, corpus.donorFiles);
      const base = donor.relative.slice(donor.relative.lastIndexOf("/") + 1);
      const path = rng() < 0.5 ? `${project.project.functionsDir}/${base}` : `${project.project.functionsDir}/fuzz${i}_${base.replace(/\.[^.]*$/, "")}.ts`;
      const change = changes.get(path) ?? { path, steps: [], how: [] };
      change.steps.push(donor.text);
      change.how.push(`swap in ${donor.path}`);
      changes.set(path, change);
      continue;
    }
    const path = choose(rng, rng() < 0.2 && project.project.schemaModule ? [project.project.schemaModule.path] : project.files);
    const change = changes.get(path) ?? { path, steps: [], how: [] };
    if (r < 0.15) {
      change.steps.push(undefined);
      change.how.push("delete the file");
    } else {
      const original = textOf(project.project, path);
      // The editor opens the file and types at its end first, so that the mutations below re-parse
      // incrementally from the tree of (nearly) the original text.
      if (change.steps.length === 0 && original !== undefined) {
        change.steps.push(original + "\n");
        change.how.push("open, add a line break at the end");
      }
      let text = change.steps.at(-1) ?? original ?? "";
      const edits = 1 + pick(rng, 4);
      for (let e = 0; e < edits; e++) {
        const mutation = randomMutation(rng, text, corpus.donors);
        text = mutation.apply(text);
        change.steps.push(text);
        change.how.push(mutation.describe);
      }
    }
    changes.set(path, change);
  }
  return { seed: project, changes: [...changes.values()] };
}

/**
 * A copy of `base` reading `texts` in front of its files (undefined: deleted), sharing the facts of
 * every other file, as the language server's project does with editor buffers over the disk.
 */
function overlay(base: ConvexProject, texts: Map<string, string | undefined>, log: (m: string) => void): ConvexProject {
  const fs: FileSystem = {
    readFile: (p) => (texts.has(p) ? texts.get(p) : base.fs.readFile(p)),
    isFile: (p) => (texts.has(p) ? texts.get(p) !== undefined : base.fs.isFile(p)),
    isDirectory: (p) => base.fs.isDirectory(p),
    readDirectory: (p) => base.fs.readDirectory(p),
  };
  const copy = new ConvexProject(base.location, base.scanRoot, fs, log);
  for (const [from, to] of [[base.modules, copy.modules], [base.clients, copy.clients], [base.unrouted, copy.unrouted]] as const) {
    for (const [k, v] of from) to.set(k, v);
  }
  copy.config = base.config;
  copy.isComponent = base.isComponent;
  copy.convexVersion = base.convexVersion;
  return copy;
}

/** Facts as data, without what legitimately differs between two reads of the same text. */
function factsKey(facts: ModuleFacts | undefined): string {
  if (!facts) return "absent";
  return JSON.stringify({ ...facts, version: undefined });
}

/** Where two JSON values first differ: `functions.0.ctxCalls.3.floating: true ≠ false`. */
function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, path ? `${path}.${key}` : key);
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? "undefined").slice(0, 300);
  return `${path || "(root)"}: ${show(a)} (incremental) ≠ ${show(b)} (fresh)`;
}

const reportKey = (f: Finding) => `${f.ruleId} ${f.span.start}-${f.span.end} ${f.severity} ${f.message}`;

/** Log lines that mean an exception was caught inside the engine (a bug), not degraded input. */
const SWALLOWED = /failed on|failed:|internal error/;

export interface CheckOptions {
  /** How many offered fixes to verify and prove per case (a random sample when there are more). */
  maxFixes?: number;
  /** Also run fix-all on the changed files. */
  fixAll?: boolean;
  /** Where the cursor is for the navigation requests. */
  rng?: Rng;
}

/** Runs every check of the fuzzer on one case; `problems` is empty when the engine kept its promises. */
export function checkCase(input: CaseInput, options: CheckOptions = {}): CaseResult {
  const started = performance.now();
  const problems: string[] = [];
  const result: CaseResult = { problems, findings: 0, fixesOffered: 0, fixesVerified: 0, ms: 0 };
  const log = (message: string) => {
    if (SWALLOWED.test(message)) problems.push(`engine logged a caught exception: ${message.split("\n").slice(0, 6).join("\n")}`);
  };
  const stage = <T>(name: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      problems.push(`${name} threw: ${(e as Error).stack?.split("\n").slice(0, 8).join("\n") ?? e}`);
      return undefined;
    }
  };
  const base = input.seed.project;
  const rng = options.rng ?? random(input.changes.length);

  // The editor's path: every intermediate text in turn, each a new version of an open document.
  const editorTexts = new Map<string, string | undefined>();
  const edited = overlay(base, editorTexts, log);
  let version = 0;
  for (const change of input.changes) {
    for (const text of change.steps) {
      editorTexts.set(change.path, text);
      stage(`update ${change.path}`, () => edited.update(change.path, text === undefined ? "disk" : `v${++version}`));
    }
  }
  // The same final texts read from scratch.
  const finalTexts = new Map(input.changes.map((c) => [c.path, c.steps.at(-1)]));
  const fresh = overlay(base, finalTexts, log);
  for (const change of input.changes) stage(`read ${change.path}`, () => fresh.update(change.path));

  for (const file of new Set([...filesOf(edited), ...filesOf(fresh)])) {
    const a = edited.modules.get(file) ?? edited.clients.get(file) ?? edited.unrouted.get(file);
    const b = fresh.modules.get(file) ?? fresh.clients.get(file) ?? fresh.unrouted.get(file);
    if (a !== b && factsKey(a) !== factsKey(b)) {
      problems.push(`facts of ${file} after incremental re-parsing differ from a fresh read: ${firstDifference(JSON.parse(factsKey(a)), JSON.parse(factsKey(b)))}`);
    }
  }

  const analysis = stage("analyze (incremental)", () => analyze(edited, ALL_RULES_ON, { log, previous: input.seed.analysis }));
  const scratch = stage("analyze (from scratch)", () => analyze(fresh, ALL_RULES_ON, { log }));
  if (!analysis || !scratch) return finish();
  const byFile = stage("findings", () => analysis.byFile());
  if (!byFile) return finish();
  const scratchByFile = scratch.byFile();
  for (const file of new Set([...byFile.keys(), ...scratchByFile.keys()])) {
    const a = (byFile.get(file) ?? []).map(reportKey).join("\n");
    const b = (scratchByFile.get(file) ?? []).map(reportKey).join("\n");
    if (a !== b) problems.push(`findings in ${file} from the incremental analysis differ from a fresh one:\n  incremental: ${a || "none"}\n  fresh: ${b || "none"}`);
  }

  // Ranges: inside the document, and line/character agreeing with the offsets.
  for (const [file, findings] of byFile) {
    const text = textOf(edited, file);
    if (text === undefined) {
      if (findings.length > 0) problems.push(`${findings.length} findings for ${file}, which the project does not hold`);
      continue;
    }
    const starts = computeLineStarts(text);
    for (const f of findings) {
      result.findings++;
      const where = `${f.ruleId} in ${file} at [${f.span.start}, ${f.span.end})`;
      if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length)) problems.push(`${where}: range outside the document (length ${text.length})`);
      for (const [name, pos, offset] of [["start", f.start, f.span.start], ["end", f.end, f.span.end]] as const) {
        const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
        if (pos.line < 0 || pos.line >= starts.length || starts[pos.line] + pos.character !== offset || starts[pos.line] + pos.character > lineEnd) {
          problems.push(`${where}: ${name} ${pos.line}:${pos.character} does not match offset ${offset}`);
        }
      }
    }
  }

  // Fixes of the findings the changes touched (the others are the seed's, proven by test/corpus).
  const candidates: { finding: Finding; fix: ReturnType<Finding["fixes"]>[number] }[] = [];
  for (const file of analysis.files()) {
    if (analysis.reports(file) === input.seed.analysis.reports(file)) continue;
    for (const finding of byFile.get(file) ?? []) {
      const fixes = stage(`fixes of ${finding.ruleId} in ${file}`, () => finding.fixes()) ?? [];
      for (const fix of fixes) {
        result.fixesOffered++;
        for (const edit of fix.edits) {
          const text = textOf(edited, edit.path);
          const length = edit.create ? 0 : text?.length;
          if (length === undefined && !edit.create) problems.push(`"${fix.title}" (${finding.ruleId}) edits ${edit.path}, which the project does not hold`);
          else if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= (length ?? 0))) {
            problems.push(`"${fix.title}" (${finding.ruleId}) edits [${edit.start}, ${edit.end}) of ${edit.path} (length ${length})`);
          }
        }
        candidates.push({ finding, fix });
      }
    }
  }
  const maxFixes = options.maxFixes ?? 6;
  while (candidates.length > maxFixes) candidates.splice(pick(rng, candidates.length), 1);
  for (const { finding, fix } of candidates) {
    const verified = stage(`verifyFix "${fix.title}"`, () => verifyFix(edited, ALL_RULES_ON, byFile, finding, fix));
    if (!verified) continue;
    result.fixesVerified++;
    const proof = stage(`proveFix "${fix.title}"`, () => proveFix(edited, finding, fix, ALL_RULES_ON));
    for (const p of proof?.problems ?? []) problems.push(`verified fix "${fix.title}" for ${finding.ruleId} in ${finding.path} fails the proof: ${p}`);
  }

  if (options.fixAll) {
    const files = new Set(input.changes.map((c) => c.path));
    const all = stage("fixAll", () => fixAll(edited, ALL_RULES_ON, { files, previous: analysis, maxPasses: 3 }));
    for (const [path, text] of all?.texts ?? []) {
      const was = parseProblems(parseModule(path, textOf(edited, path) ?? "")).length;
      const now = parseProblems(parseModule(path, text)).length;
      if (now > was) problems.push(`fix-all leaves ${path} with ${now} syntax errors (was ${was})`);
    }
  }

  // What the editor asks on every change and cursor move.
  stage("schema tree", () => schemaTreeOf(edited));
  stage("functions tree", () => functionsTreeOf(edited, analysis.index));
  const file = choose(rng, input.changes).path;
  const module = edited.modules.get(file) ?? edited.clients.get(file);
  if (module) {
    const offset = pick(rng, module.text.length + 1);
    const requests: [string, () => unknown][] = [
      ["hover", () => hoverAt(edited, file, offset)],
      ["definition", () => definitionAt(edited, file, offset)],
      ["references", () => referencesAt(edited, file, offset, true)],
      ["completion", () => completionsAt(edited, file, offset)],
      ["refactorings", () => refactoringsAt(analysis.index, module, { start: offset, end: offset })],
    ];
    for (const [name, fn] of requests) stage(`${name} at ${offset} in ${file}`, fn);
  }
  return finish();

  function finish(): CaseResult {
    result.ms = performance.now() - started;
    return result;
  }
}

/** Case `index` of a run with seed `seed`, made and checked exactly as `npm run fuzz` does. */
export function runCase(corpus: Corpus, seed: number, index: number, maxFixes = 6): { input: CaseInput; result: CaseResult } {
  const input = makeCase(corpus, seed, index);
  return { input, result: checkCase(input, { maxFixes, fixAll: index % 10 === 0, rng: random(caseSeed(seed, index) ^ 0x5bd1e995) }) };
}
