// Command-line options of `npm run bench` (node out/bench/run.js).
import * as path from "node:path";

export interface BenchOptions {
  quick: boolean;
  modules: number;
  seed: number;
  reps: number;
  edits: number;
  schemaEdits: number;
  /** Module counts of the scaling series (empty: no scaling series). */
  scaling: number[];
  /** Repetitions of the scaling steps above 1,000 modules (each takes a while). */
  largeScalingReps: number;
  packageSize: boolean;
  out: string;
  keep: boolean;
  help: boolean;
}

export const USAGE = `Usage: node out/bench/run.js [--quick] [--modules N] [--seed S] [--reps R] [--edits E]
                            [--schema-edits S] [--no-scaling] [--no-package] [--out FILE] [--keep]

  --quick          CI-sized run: 100 modules, 2 repetitions, 20 edits, 3 schema edits, no scaling;
                   writes out/bench/results-quick.json unless --out says otherwise
  --modules N      modules of the main project (default 1000)
  --reps R         repetitions of each full-check measurement (default 5)
  --edits E        edits of the 2,000-line module (default 200)
  --schema-edits S schema edits (default 20)
  --no-scaling     skip the scaling series (100, 1,000 and 5,000 modules)
  --no-package     skip packaging the .vsix (its keys are then null, with the reason)
  --out FILE       where the results go (default bench/results.json)
  --keep           keep the generated projects and scratch files (printed at the end)
  -h, --help       this text`;

export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions {
  const quick = argv.includes("--quick");
  const options: BenchOptions = {
    quick,
    modules: quick ? 100 : 1000,
    seed: 1,
    reps: quick ? 2 : 5,
    edits: quick ? 20 : 200,
    schemaEdits: quick ? 3 : 20,
    scaling: quick ? [] : [100, 1000, 5000],
    largeScalingReps: 3,
    packageSize: true,
    out: path.join(repoRoot, quick ? "out/bench/results-quick.json" : "bench/results.json"),
    keep: false,
    help: false,
  };
  const number = (flag: string, value: string | undefined, min: number): number => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) throw new Error(`${flag} takes a whole number ≥ ${min}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--quick":
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--modules":
        options.modules = number(arg, argv[++i], 10);
        break;
      case "--seed":
        options.seed = number(arg, argv[++i], 0);
        break;
      case "--reps":
        options.reps = number(arg, argv[++i], 1);
        break;
      case "--edits":
        options.edits = number(arg, argv[++i], 1);
        break;
      case "--schema-edits":
        options.schemaEdits = number(arg, argv[++i], 1);
        break;
      case "--no-scaling":
        options.scaling = [];
        break;
      case "--no-package":
        options.packageSize = false;
        break;
      case "--out": {
        const value = argv[++i];
        if (value === undefined) throw new Error("--out takes a file");
        options.out = path.resolve(value);
        break;
      }
      case "--keep":
        options.keep = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return options;
}
