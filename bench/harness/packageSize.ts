// What users download: the .vsix that `vsce package` makes (its `vscode:prepublish` runs the
// production build), and the client bundle inside it, which must not carry the TypeScript compiler
// (the parser belongs in the server process). Packaging happens in a temporary copy of the work tree
// so that the production build does not replace the dist/ the other measurements and tests use.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "./checkBench";
import { expectExit, timedRun } from "./processes";

export interface PackageSizes {
  vsixBytes: number;
  clientBundleBytes: number;
  serverBundleBytes: number;
  packageMs: number;
  /** Text that would show the compiler is bundled into the client, found in dist/client.js (must be empty). */
  clientCompilerMarkers: string[];
}

/** Strings only the TypeScript compiler's own code contains. */
const COMPILER_MARKERS = ["createSourceFile", "ts.ScriptTarget", "ScriptTarget.Latest", "createProgram"];

/** The work tree's files (tracked, and untracked but not ignored), as git lists them. */
function workTreeFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  return out.toString("utf8").split("\0").filter((f) => f !== "" && fs.existsSync(path.join(REPO_ROOT, f)));
}

export async function packageSizes(workDir: string, log: (line: string) => void): Promise<PackageSizes> {
  const copy = path.join(workDir, "package-copy");
  fs.rmSync(copy, { recursive: true, force: true });
  for (const file of workTreeFiles()) {
    const target = path.join(copy, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, file), target);
  }
  fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, "node_modules")), path.join(copy, "node_modules"));
  const vsix = path.join(workDir, "convex-guidelines.vsix");
  const started = performance.now();
  const run = await timedRun(process.execPath, [path.join(copy, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies", "--out", vsix], {
    cwd: copy,
    stdoutFile: path.join(workDir, "vsce.log"),
    timeoutMs: 5 * 60_000,
  });
  if (run.exitCode !== 0) run.stderr += fs.readFileSync(path.join(workDir, "vsce.log"), "utf8");
  expectExit(run, [0], "vsce package");
  const packageMs = performance.now() - started;
  const client = fs.readFileSync(path.join(copy, "dist/client.js"), "utf8");
  const sizes: PackageSizes = {
    vsixBytes: fs.statSync(vsix).size,
    clientBundleBytes: Buffer.byteLength(client),
    serverBundleBytes: fs.statSync(path.join(copy, "dist/server.js")).size,
    packageMs: Math.round(packageMs),
    clientCompilerMarkers: COMPILER_MARKERS.filter((m) => client.includes(m)),
  };
  log(`  vsix ${sizes.vsixBytes} bytes, client bundle ${sizes.clientBundleBytes} bytes (packaged in ${sizes.packageMs} ms)`);
  fs.rmSync(copy, { recursive: true, force: true });
  return sizes;
}
