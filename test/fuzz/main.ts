// `npm run fuzz [-- --cases N] [--seed S] [--case I] [--out DIR] [--max-fixes K]`: runs cases
// 0..N-1 of the fuzzer (test/fuzz/harness.ts) with a fixed seed, prints `N passed, N failed`, and
// writes each failing case (seed, index, mutations, problems, the changed texts) to DIR so it can be
// replayed with `--seed S --case I`. Exits with 1 when any case failed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { DEFAULT_SEED, loadCorpus, runCase } from "./harness";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(option("seed") ?? DEFAULT_SEED);
const only = option("case");
const cases = Number(option("cases") ?? 1000);
const maxFixes = Number(option("max-fixes") ?? 6);
/** This file runs as out/fuzz/run.js. */
const REPO_ROOT = resolve(__dirname, "../..");
const outDir = resolve(option("out") ?? join(REPO_ROOT, "fuzz-failures"));
if (![seed, cases, maxFixes].every(Number.isFinite) || (only !== undefined && !Number.isInteger(Number(only)))) {
  console.error("usage: npm run fuzz -- [--cases N] [--seed S] [--case I] [--out DIR] [--max-fixes K]");
  process.exit(2);
}

/** Heap in use, after a full collection when the run has `--expose-gc` (npm run fuzz has): a heap that
 *  keeps growing from case to case means the engine holds on to old projects. */
function heapMb(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return `${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB${gc ? "" : " (no GC)"}`;
}

const started = performance.now();
const corpus = loadCorpus(REPO_ROOT);
console.log(`fuzz: seed ${seed}, ${only !== undefined ? `case ${only}` : `${cases} cases`}; ${corpus.seeds.length} seed projects, ${corpus.donorFiles.length} files`);
const indexes = only !== undefined ? [Number(only)] : Array.from({ length: cases }, (_, i) => i);
let passed = 0;
let failed = 0;
let findings = 0;
let offered = 0;
let verified = 0;
let slowest = { ms: 0, index: -1 };
for (const index of indexes) {
  const { input, result } = runCase(corpus, seed, index, maxFixes);
  findings += result.findings;
  offered += result.fixesOffered;
  verified += result.fixesVerified;
  if (result.ms > slowest.ms) slowest = { ms: result.ms, index };
  if (result.problems.length === 0) {
    passed++;
  } else {
    failed++;
    const dir = join(outDir, `seed-${seed}-case-${index}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const root = input.seed.project.functionsDir;
    const report = {
      seed,
      case: index,
      replay: `npm run fuzz -- --seed ${seed} --case ${index}`,
      project: input.seed.name,
      changes: input.changes.map((c) => ({ file: relative(root, c.path), how: c.how })),
      problems: result.problems,
    };
    writeFileSync(join(dir, "case.json"), JSON.stringify(report, null, 2) + "\n");
    for (const change of input.changes) {
      change.steps.forEach((text, step) => {
        const file = join(dir, "steps", `${step}`, relative(root, change.path));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text ?? "<deleted>");
      });
    }
    console.log(`case ${index} FAILED (${input.seed.name}): ${result.problems[0].split("\n")[0]}${result.problems.length > 1 ? ` (+${result.problems.length - 1} more)` : ""}\n  → ${dir}`);
    if (only !== undefined) for (const p of result.problems) console.log(`\n${p}`);
  }
  const done = passed + failed;
  if (only === undefined && done % 500 === 0) console.log(`… ${done} cases, ${failed} failed, ${((performance.now() - started) / 1000).toFixed(0)} s, heap ${heapMb()}`);
}
const seconds = (performance.now() - started) / 1000;
const heapAtEnd = heapMb();
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`${findings} findings checked, ${offered} fixes offered, ${verified} verified and proven; slowest case ${slowest.index} (${slowest.ms.toFixed(0)} ms)`);
console.log(`wall time ${seconds.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB, heap at the end ${heapAtEnd}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
