// Command line of the project generator (the generator itself is gen/project.ts):
//   node out/bench/generate.js --modules 1000 --out /tmp/gen1000 [--seed 1]
// Import generateProject from here or from gen/project.ts; the command line only runs when this
// file is the program (checked by name too, because a bundle that imports it shares `module`).
import * as path from "node:path";
import { DEFAULT_MODULES, DEFAULT_SEED, generateProject } from "./gen/project";

export { DEFAULT_MODULES, DEFAULT_SEED, MARKER_FILE, generateProject, type GenerateOptions, type GeneratedProject } from "./gen/project";

/** Parses `--modules N --out DIR [--seed S]`. */
export function parseGenerateArgs(argv: readonly string[]): { modules: number; seed: number; out: string } {
  let modules = DEFAULT_MODULES;
  let seed = DEFAULT_SEED;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--modules" || arg === "--seed") {
      if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${arg} takes a whole number`);
      if (arg === "--modules") modules = Number(value);
      else seed = Number(value);
      i++;
    } else if (arg === "--out") {
      if (value === undefined) throw new Error("--out takes a folder");
      out = value;
      i++;
    } else {
      throw new Error(`unknown argument "${arg}"`);
    }
  }
  if (out === undefined) throw new Error("--out is required");
  return { modules, seed, out: path.resolve(out) };
}

if (require.main === module && /generate\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  try {
    const args = parseGenerateArgs(process.argv.slice(2));
    const project = generateProject(args.out, { modules: args.modules, seed: args.seed });
    process.stdout.write(
      `generated ${project.modules} modules (${project.convexFiles.length - 1} function modules + schema), ${project.tables} tables, ` +
        `${project.clientFiles.length} client files, ${project.lines.total} lines (${project.lines.convex} in convex/), ` +
        `${project.violations.length} deliberate violations, in ${project.dir}\n`,
    );
  } catch (e) {
    process.stderr.write(`generate: ${(e as Error).message}\nusage: node out/bench/generate.js --modules 1000 --out /tmp/gen1000 [--seed 1]\n`);
    process.exitCode = 2;
  }
}
