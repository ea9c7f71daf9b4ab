// Builds the .vsix exactly as `npm run package` does (the same npm script, so the same
// `vscode:prepublish` production build, .vscodeignore and vsce options), in a temporary copy of the
// work tree: the production build replaces dist/, which other tests may be running meanwhile.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./demo";

const run = promisify(execFile);

/** The work tree's files as git lists them: tracked, and untracked but not ignored (what vsce would see). */
async function workTreeFiles(): Promise<string[]> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\0").filter((f) => f !== "" && existsSync(join(REPO_ROOT, f)));
}

export interface PackagedVsix {
  path: string;
  /** How long copying and packaging took. */
  ms: number;
  /** vsce's output (its file list). */
  log: string;
}

/** Packages into `workDir` (a copy of the tree in `workDir/tree`, the vsix in `workDir`). */
export async function packageVsix(workDir: string): Promise<PackagedVsix> {
  const started = Date.now();
  const tree = join(workDir, "tree");
  for (const file of await workTreeFiles()) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(tree, file));
  }
  symlinkSync(realpathSync(join(REPO_ROOT, "node_modules")), join(tree, "node_modules"));
  const { version } = JSON.parse(readFileSync(join(tree, "package.json"), "utf8")) as { version: string };
  const path = join(workDir, `convex-guidelines-${version}.vsix`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  try {
    const { stdout, stderr } = await run(npm, ["run", "--silent", "package", "--", "--out", path], {
      cwd: tree,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: "", NODE_TEST_CONTEXT: "" },
    });
    return { path, ms: Date.now() - started, log: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm run package failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
