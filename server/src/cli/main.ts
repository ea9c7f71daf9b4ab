// Entry point of the `convex-guidelines` command (bundled to dist/cli.js).
import { nodeFileSystem } from "../project/fileSystem";
import { normalizePath } from "../project/paths";
import { USAGE, UsageError, parseArgs } from "./args";
import { runCheck } from "./check";
import { VERSION, formatJson, formatSarif, formatText } from "./format";

export function main(argv: string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): number {
  try {
    const command = parseArgs(argv);
    if (command.kind === "help") {
      io.out(USAGE + "\n");
      return 0;
    }
    if (command.kind === "version") {
      io.out(VERSION + "\n");
      return 0;
    }
    const cwd = normalizePath(process.cwd());
    const notes: string[] = [];
    const result = runCheck(nodeFileSystem, cwd, command.paths, (m) => notes.push(m));
    const output = command.format === "json" ? formatJson(cwd, result) : command.format === "sarif" ? formatSarif(cwd, result) : formatText(cwd, result);
    io.out(output + "\n");
    // Notes (unreadable convex.json, rule failures) go to stderr so JSON and SARIF stay parseable.
    for (const note of notes) io.err(`convex-guidelines: ${note}\n`);
    return result.findings.some((f) => f.severity === "error") ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`convex-guidelines: ${e.message}\n`);
      return 2;
    }
    io.err(`convex-guidelines: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
