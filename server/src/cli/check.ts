// `convex-guidelines check`: find the projects under each path, analyse them, keep the findings
// that lie under the paths asked for.
import * as path from "node:path";
import { analyzeProject, type Finding } from "../engine/analyze";
import { withVerifiedFixes } from "../engine/fixes";
import { DEFAULT_SETTINGS } from "../engine/settings";
import { discoverProjects, isComponentDir, looksLikeFunctionsDir, readConvexJson, type ProjectLocation } from "../project/discovery";
import type { FileSystem } from "../project/fileSystem";
import { isWithin, normalizePath } from "../project/paths";
import { ConvexProject, type Logger } from "../project/project";
import { UsageError } from "./args";

export interface CheckResult {
  findings: Finding[];
  projects: ConvexProject[];
  modulesChecked: number;
}

/** The project a file or folder inside a functions folder (or its project root) belongs to. */
export function findEnclosingProject(fs: FileSystem, target: string): ProjectLocation | undefined {
  let dir = fs.isDirectory(target) ? target : path.posix.dirname(target);
  for (;;) {
    const config = readConvexJson(fs, dir);
    if (config) {
      const functionsDir = normalizePath(path.resolve(dir, config.functions ?? "convex/"));
      if (fs.isDirectory(functionsDir) && isWithin(dir, target)) return { root: dir, functionsDir, source: "convex.json" };
    } else if (looksLikeFunctionsDir(fs, `${dir}/convex`)) {
      return { root: dir, functionsDir: `${dir}/convex`, source: "convention" };
    } else if (isComponentDir(fs, dir) || (path.posix.basename(dir) === "convex" && looksLikeFunctionsDir(fs, dir))) {
      return { root: path.posix.dirname(dir), functionsDir: dir, source: "convention" };
    }
    const parent = path.posix.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function runCheck(fs: FileSystem, cwd: string, paths: string[], log: Logger): CheckResult {
  const targets = paths.map((p) => {
    const abs = normalizePath(path.resolve(cwd, p));
    if (!fs.isDirectory(abs) && !fs.isFile(abs)) throw new UsageError(`path does not exist: ${p}`);
    return abs;
  });
  const projects = new Map<string, ConvexProject>();
  const scopes: { project: string; target: string }[] = [];
  for (const target of targets) {
    let locations = fs.isDirectory(target) ? discoverProjects(fs, target, { log }) : [];
    let scanRoot = target;
    if (locations.length === 0) {
      const enclosing = findEnclosingProject(fs, target);
      if (enclosing) {
        locations = [enclosing];
        scanRoot = enclosing.root;
      }
    }
    if (locations.length === 0) log(`no Convex functions folder found in or around ${target}`);
    for (const location of locations) {
      if (!projects.has(location.functionsDir)) {
        const project = new ConvexProject(location, scanRoot, fs, log);
        project.load();
        projects.set(location.functionsDir, project);
      }
      scopes.push({ project: location.functionsDir, target });
    }
  }
  if (projects.size === 0) {
    throw new UsageError(`no Convex functions folder (convex.json or convex/) found in ${paths.join(", ")}`);
  }
  for (const project of projects.values()) {
    if (project.config?.error) throw new UsageError(`${project.config.path}: ${project.config.error}`);
  }
  const findings: Finding[] = [];
  let modulesChecked = 0;
  for (const project of projects.values()) {
    const wanted = scopes.filter((s) => s.project === project.functionsDir).map((s) => s.target);
    const inScope = (file: string) => wanted.some((t) => isWithin(t, file));
    const byFile = analyzeProject(project, DEFAULT_SETTINGS, { log });
    for (const [file, list] of withVerifiedFixes(project, DEFAULT_SETTINGS, byFile)) {
      if (!inScope(file)) continue;
      modulesChecked++;
      findings.push(...list);
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.span.start - b.span.start);
  return { findings, projects: [...projects.values()], modulesChecked };
}
