// Finds the Convex functions folders of a workspace folder: every `convex.json` (its `functions`
// setting, default `convex/`) and every `convex/` folder that looks like Convex's, below the root.
import * as path from "node:path";
import type { FileSystem } from "./fileSystem";
import { normalizePath } from "./paths";

export interface ProjectLocation {
  /** The folder holding `convex.json` or the functions folder. */
  root: string;
  functionsDir: string;
  /** How the folder was found, for the output channel and status bar. */
  source: "convex.json" | "convention" | "setting";
}

/** Folders never searched: dependencies, build output, VCS data. */
export const IGNORED_DIRS = new Set(["node_modules", ".git", "dist", "build", "out", "coverage", ".next", ".turbo", ".vercel", ".output", ".cache"]);
const MAX_DEPTH = 4;

export function readConvexJson(fs: FileSystem, dir: string): { functions?: string; error?: string } | undefined {
  const text = fs.readFile(`${dir}/convex.json`);
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as unknown;
    const functions = json && typeof json === "object" ? (json as { functions?: unknown }).functions : undefined;
    return { functions: typeof functions === "string" ? functions : undefined };
  } catch (e) {
    return { error: `cannot parse ${dir}/convex.json: ${(e as Error).message}` };
  }
}

/** A `convex/` folder of an app: generated code or a schema (an npm package named convex has neither). */
export function looksLikeFunctionsDir(fs: FileSystem, dir: string): boolean {
  return fs.isDirectory(`${dir}/_generated`) || fs.isFile(`${dir}/schema.ts`) || fs.isFile(`${dir}/schema.js`);
}

/** A Convex component's functions folder, whatever its name (`src/component/` by convention). */
export function isComponentDir(fs: FileSystem, dir: string): boolean {
  return fs.isFile(`${dir}/convex.config.ts`) && fs.isDirectory(`${dir}/_generated`);
}

export function discoverProjects(
  fs: FileSystem,
  workspaceRoot: string,
  options: { functionsDir?: string; log?: (message: string) => void } = {},
): ProjectLocation[] {
  const root = normalizePath(workspaceRoot);
  if (options.functionsDir) {
    const functionsDir = normalizePath(path.resolve(root, options.functionsDir));
    if (fs.isDirectory(functionsDir)) return [{ root, functionsDir, source: "setting" }];
    options.log?.(`convex.functionsDir points to ${functionsDir}, which is not a folder; detecting instead`);
  }
  const found: ProjectLocation[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (queue.length > 0) {
    const { dir, depth } = queue.shift()!;
    let functionsDir: string | undefined;
    const config = readConvexJson(fs, dir);
    if (config?.error) options.log?.(config.error);
    if (config) {
      const candidate = normalizePath(path.resolve(dir, config.functions ?? "convex/"));
      if (fs.isDirectory(candidate)) {
        functionsDir = candidate;
        found.push({ root: dir, functionsDir, source: "convex.json" });
      }
    } else if (fs.isDirectory(`${dir}/convex`) && looksLikeFunctionsDir(fs, `${dir}/convex`)) {
      functionsDir = `${dir}/convex`;
      found.push({ root: dir, functionsDir, source: "convention" });
    } else if (isComponentDir(fs, dir) && !found.some((p) => p.functionsDir === dir)) {
      // The folder itself is a component's functions folder: nothing below it is another project.
      found.push({ root: path.posix.dirname(dir), functionsDir: dir, source: "convention" });
      continue;
    }
    if (depth >= MAX_DEPTH) continue;
    for (const entry of fs.readDirectory(dir)) {
      if (!entry.isDirectory || entry.name.startsWith(".") || IGNORED_DIRS.has(entry.name)) continue;
      const child = `${dir === "/" ? "" : dir}/${entry.name}`;
      if (child === functionsDir) continue;
      queue.push({ dir: child, depth: depth + 1 });
    }
  }
  return found;
}
