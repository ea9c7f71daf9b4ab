// The `convex-guidelines` command (bundled to dist/cli-main.js, loaded by dist/cli.js).
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_FIX_PASSES } from "../engine/fixes";
import { nodeFileSystem } from "../project/fileSystem";
import { normalizePath } from "../project/paths";
import { USAGE, UsageError, parseArgs } from "./args";
import { runCheck, runFix } from "./check";
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
    const log = (m: string) => notes.push(m);
    if (command.fix) {
      const summary = runFix(nodeFileSystem, writeFileCreatingDirs, cwd, command.paths, log);
      const files = summary.written.length;
      io.err(`convex-guidelines: applied ${summary.applied.length} fix${summary.applied.length === 1 ? "" : "es"} in ${files} file${files === 1 ? "" : "s"}\n`);
      for (const a of summary.applied) io.err(`  ${path.relative(cwd, a.path)}: ${a.title} (${a.ruleId})\n`);
      for (const dir of summary.capped) io.err(`convex-guidelines: stopped after ${DEFAULT_FIX_PASSES} rounds of fixes in ${path.relative(cwd, dir) || "."}; run --fix again\n`);
    }
    const result = runCheck(nodeFileSystem, cwd, command.paths, log, { withFixes: command.format === "json" });
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

/** Writes a fixed file; one that started with a byte order mark keeps it (the engine reads text without it). */
function writeFileCreatingDirs(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, hasBom(file) && text.charCodeAt(0) !== 0xfeff ? "\ufeff" + text : text);
}

function hasBom(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const head = Buffer.alloc(3);
    return fs.readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
