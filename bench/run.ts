// `npm run bench`: measures the CLI against the parse floor and ESLint, the language server (cold
// start, edits, schema edits, memory), the package sizes and how the full check scales, then prints
// a table, judges the figures against the targets and writes the results as JSON. Exits 0 when
// targets are missed (that is a finding), 1 when a measurement itself failed. See bench/README.md.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { generateProject } from "./gen/project";
import { REPO_ROOT, checkSeries } from "./harness/checkBench";
import { eslintVersions } from "./harness/eslintConfig";
import { lspBench } from "./harness/lspBench";
import { machine } from "./harness/machine";
import { USAGE, parseOptions, type BenchOptions } from "./harness/options";
import { packageSizes } from "./harness/packageSize";
import { ratio, table, targets, type BenchResults, type ScalingStep } from "./harness/report";

const NOTES = [
  "The full check, the parse floor and ESLint each run as a child process (node <script>), so each pays node start-up and loading TypeScript: the CLI bundles its own copy of typescript, the floor requires node_modules/typescript, ESLint loads typescript-estree.",
  "All three work on the same files: every .ts/.tsx under convex/ and src/ of the generated project. Each run's output is checked after timing (file counts, findings > 0), so a contender that did nothing would fail the bench.",
  "ESLint runs with --no-cache, the typescript-eslint parser without type information, and @convex-dev/eslint-plugin's configs.recommended as shipped (its rules apply to convex/**/*.ts; src/*.tsx is parsed only). Its explicit-table-ids rule flags every one-argument ctx.db.get/patch/delete regardless of the project's convex version (^1.17.0 here), hence its many problems; our CLI only flags that from convex 1.31.",
  "Before the timed repetitions of the main series each contender runs once untimed (warm-up; it also puts the files in the page cache for all); the scaling steps skip it (their project was just written). The order of the contenders rotates between repetitions.",
  "The language server publishes a file's diagnostics only when they change, so every timed edit changes them: the edit benchmark toggles a .filter line (adds/removes a no-filter-in-query finding); the schema edit removes/restores users.by_email, which adds/removes unknown-index findings in every module reading through it. Edits are sequential: the next is sent when the previous one's diagnostics arrived.",
  "The CLI and the server load their bundle through V8's code cache, kept per user (here in a folder of the run): the CLI's untimed warm-up run starts with an empty cache and fills it, and its time is reported as the first run; the language server is started once before the timed cold start (reported as the first start) and writes its cache when it exits.",
  "Package sizes come from `vsce package --no-dependencies` (which runs the production build) in a temporary copy of the work tree.",
];

function versions(): Record<string, string> {
  const version = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")).version as string;
  const own = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version as string;
  return { "convex-guidelines": own, typescript: version("typescript"), ...eslintVersions() };
}

function requireBuilt(): void {
  for (const file of ["dist/cli.js", "dist/server.js", "out/bench/parseFloor.js"]) {
    if (!fs.existsSync(path.join(REPO_ROOT, file))) throw new Error(`${file} is missing: build first (node esbuild.mjs), or use npm run bench`);
  }
}

async function scalingSeries(options: BenchOptions, workDir: string, main: ScalingStep, log: (l: string) => void): Promise<ScalingStep[]> {
  const steps: ScalingStep[] = [];
  for (const n of options.scaling) {
    if (n === options.modules) {
      steps.push(main);
      continue;
    }
    const dir = path.join(workDir, `project-${n}`);
    const project = generateProject(dir, { modules: n, seed: options.seed });
    const reps = n > 1000 ? Math.min(options.reps, options.largeScalingReps) : options.reps;
    log(`scaling: n=${n} (${project.lines.total} lines), ${reps} repetitions`);
    const s = await checkSeries(dir, n, reps, { eslint: false, warmUp: false, workDir, log });
    steps.push({
      n,
      files: s.files,
      lines: project.lines.total,
      reps,
      fullCheckMs: s.timings.fullCheck!,
      parseFloorMs: s.timings.parseFloor!,
      fullCheckVsParseFloor: ratio(s.timings.fullCheck!.median, s.timings.parseFloor!.median),
    });
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  return steps;
}

async function main(): Promise<number> {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2), REPO_ROOT);
  if (options.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  requireBuilt();
  const log = (line: string) => process.stderr.write(line + "\n");
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-guidelines-bench-"));
  // The CLI and the server keep V8's compiled code of themselves between runs; the bench starts
  // from an empty cache of its own and reports the first (uncached) runs separately.
  process.env.CONVEX_GUIDELINES_CACHE_DIR = path.join(workDir, "code-cache");
  try {
    const projectDir = path.join(workDir, `project-${options.modules}`);
    const project = generateProject(projectDir, { modules: options.modules, seed: options.seed });
    log(`generated ${options.modules} modules, ${project.lines.total} lines in ${projectDir}`);

    log("full check vs parse floor vs ESLint:");
    const checks = await checkSeries(projectDir, options.modules, options.reps, { eslint: true, warmUp: true, workDir, log });
    const fullCheckMs = checks.timings.fullCheck!;
    const parseFloorMs = checks.timings.parseFloor!;
    const eslintMs = checks.timings.eslint!;

    log("language server:");
    const lsp = await lspBench(project, { edits: options.edits, schemaEdits: options.schemaEdits, log });

    log("package:");
    const sizes = options.packageSize ? await packageSizes(workDir, log) : undefined;

    const main: ScalingStep = {
      n: options.modules,
      files: checks.files,
      lines: project.lines.total,
      reps: options.reps,
      fullCheckMs,
      parseFloorMs,
      fullCheckVsParseFloor: ratio(fullCheckMs.median, parseFloorMs.median),
    };
    const scaling = options.scaling.length > 0 ? await scalingSeries(options, workDir, main, log) : undefined;

    const partial: Omit<BenchResults, "targets"> = {
      n: options.modules,
      seed: options.seed,
      quick: options.quick,
      reps: options.reps,
      project: {
        modules: project.modules,
        tables: project.tables,
        files: checks.files,
        clientFiles: project.clientFiles.length,
        lines: project.lines.total,
        violations: project.violations.length,
      },
      ratios: {
        fullCheckVsParseFloor: ratio(fullCheckMs.median, parseFloorMs.median),
        eslintVsFullCheck: ratio(eslintMs.median, fullCheckMs.median),
      },
      timings: { fullCheckMs, parseFloorMs, eslintMs, fullCheckFirstRunMs: checks.firstRunMs.fullCheck ?? null },
      outputs: checks.outputs,
      lsp: { ...lsp, editP50Ms: lsp.edit.p50Ms, editP95Ms: lsp.edit.p95Ms, schemaEditP95Ms: lsp.schemaEdit.p95Ms },
      vsixBytes: sizes?.vsixBytes ?? null,
      clientBundleBytes: sizes?.clientBundleBytes ?? null,
      package: sizes ?? { skipped: "--no-package" },
      scaling: scaling ?? { skipped: options.quick ? "--quick" : "--no-scaling" },
      versions: versions(),
      machine: machine(),
      notes: NOTES,
      durationMs: 0,
    };
    partial.durationMs = Math.round(performance.now() - started);
    const results: BenchResults = { ...partial, targets: targets(partial) };
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, JSON.stringify(results, null, 2) + "\n");
    process.stdout.write(table(results) + "\n\n");
    process.stdout.write(`Results written to ${path.relative(process.cwd(), options.out) || options.out} (${Math.round(results.durationMs / 1000)} s).\n`);
    return 0;
  } finally {
    if (options.keep) log(`kept scratch files in ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`bench: ${e.message}\n`);
    if (/unknown argument|takes a/.test(e.message) && !e.message.includes("Usage")) process.stderr.write(USAGE + "\n");
    process.exitCode = 1;
  },
);
