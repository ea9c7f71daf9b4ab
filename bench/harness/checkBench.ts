// Full-project check, side by side: our CLI, the parse floor and ESLint with the Convex plugin, each
// as a child process on the same files, repeated, with the order rotated between repetitions so
// that a noisy neighbour does not always hit the same contender. Every run's output is checked
// after its clock has stopped, so a contender that silently did nothing would fail the bench.
import * as fs from "node:fs";
import * as path from "node:path";
import { writeEslintConfig } from "./eslintConfig";
import { expectExit, timedRun } from "./processes";
import { sourceFilesOf } from "./projectFiles";
import { round, summarize, type Summary } from "./stats";

export const REPO_ROOT = path.resolve(__dirname, "../..");
const CHECK_TIMEOUT_MS = 15 * 60_000;

export type ContenderName = "parseFloor" | "fullCheck" | "eslint";

interface Contender {
  name: ContenderName;
  args: string[];
  accepted: number[];
  /** Checks the run's stdout and returns what it learnt (counts), or throws. */
  validate(stdout: string): Record<string, number>;
}

export interface CheckSeries {
  n: number;
  files: number;
  timings: Partial<Record<ContenderName, Summary>>;
  /** What each contender reported on its last run (files, findings, problems …). */
  outputs: Partial<Record<ContenderName, Record<string, number>>>;
  /**
   * The untimed warm-up run of each contender, when there was one. For the CLI it is its first
   * run with an empty code cache (bench/README.md), i.e. what a CI job without a cached home pays.
   */
  firstRunMs: Partial<Record<ContenderName, number>>;
}

function contenders(projectDir: string, expectedFiles: number, eslintConfig: string | undefined): Contender[] {
  const list: Contender[] = [
    {
      name: "parseFloor",
      args: [path.join(REPO_ROOT, "out/bench/parseFloor.js"), projectDir],
      accepted: [0],
      validate(stdout) {
        const result = JSON.parse(stdout) as { files: number; bytes: number; statements: number };
        if (result.files !== expectedFiles) throw new Error(`the parse floor parsed ${result.files} files, expected ${expectedFiles}`);
        return result;
      },
    },
    {
      name: "fullCheck",
      // The default text report, as a CI job runs it. (`--format json` also verifies every offered
      // fix, one re-analysis each: a different job, not the check.)
      args: [path.join(REPO_ROOT, "dist/cli.js"), "check", projectDir],
      // 1 = error-severity findings, which the generated project has on purpose.
      accepted: [0, 1],
      validate(stdout) {
        const summary = /^(\d+) problems? \(.*\) in \d+ of (\d+) modules\.$/m.exec(stdout);
        if (!summary) throw new Error(`the CLI printed no summary line:\n${stdout.slice(-500)}`);
        if (Number(summary[1]) === 0) throw new Error("the CLI reported no findings in a project with deliberate violations");
        return { findings: Number(summary[1]), modules: Number(summary[2]) };
      },
    },
  ];
  if (eslintConfig) {
    list.push({
      name: "eslint",
      args: [path.join(REPO_ROOT, "node_modules/eslint/bin/eslint.js"), "--no-cache", "--config", eslintConfig, "--format", "json", "convex", "src"],
      accepted: [0, 1],
      validate(stdout) {
        const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; fatal?: boolean; message: string }[] }[];
        if (results.length !== expectedFiles) throw new Error(`ESLint linted ${results.length} files, expected ${expectedFiles}`);
        const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal || m.ruleId === null).map((m) => `${r.filePath}: ${m.message}`));
        if (fatal.length > 0) throw new Error(`ESLint could not lint every file:\n${fatal.slice(0, 5).join("\n")}`);
        const problems = results.reduce((sum, r) => sum + r.messages.length, 0);
        if (problems === 0) throw new Error("ESLint reported no problems in a project with deliberate violations");
        return { files: results.length, problems };
      },
    });
  }
  return list;
}

/**
 * Times each contender `reps` times on the project, after one untimed warm-up run each when
 * `warmUp` is set (it validates them early and brings dist/, node_modules and the project into the
 * page cache for everyone alike). The scaling steps skip it: their project was just written, so it
 * is in the page cache already, and a warm-up of the slowest step would cost minutes.
 */
export async function checkSeries(
  projectDir: string,
  n: number,
  reps: number,
  opts: { eslint: boolean; warmUp: boolean; workDir: string; log: (line: string) => void },
): Promise<CheckSeries> {
  const files = sourceFilesOf(projectDir).length;
  const eslintConfig = opts.eslint ? writeEslintConfig(path.join(opts.workDir, "eslint")) : undefined;
  const list = contenders(projectDir, files, eslintConfig);
  const samples = new Map<ContenderName, number[]>(list.map((c) => [c.name, []]));
  const outputs: CheckSeries["outputs"] = {};
  const stdoutFile = path.join(opts.workDir, "stdout.json");
  const once = async (c: Contender) => {
    const run = await timedRun(process.execPath, c.args, { cwd: projectDir, stdoutFile, timeoutMs: CHECK_TIMEOUT_MS });
    expectExit(run, c.accepted, `${c.name} (${c.args.slice(0, 2).map((a) => path.basename(a)).join(" ")})`);
    outputs[c.name] = c.validate(fs.readFileSync(stdoutFile, "utf8"));
    return run.ms;
  };
  const firstRunMs: CheckSeries["firstRunMs"] = {};
  if (opts.warmUp) for (const c of list) firstRunMs[c.name] = round(await once(c));
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < list.length; k++) {
      const c = list[(rep + k) % list.length];
      const ms = await once(c);
      samples.get(c.name)!.push(ms);
      opts.log(`  n=${n} rep ${rep + 1}/${reps} ${c.name}: ${Math.round(ms)} ms`);
    }
  }
  const timings: CheckSeries["timings"] = {};
  for (const [name, values] of samples) timings[name] = summarize(values.map(round));
  return { n, files, timings, outputs, firstRunMs };
}
