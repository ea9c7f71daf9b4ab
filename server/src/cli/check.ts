// `convex-guidelines check`: find the projects under each path, analyse them, keep the findings
// that lie under the paths asked for.
import * as path from "node:path";
import { analyzeProject, type Finding } from "../engine/analyze";
import { fixAll, withVerifiedFixes } from "../engine/fixes";
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

interface LoadedProjects {
  projects: Map<string, ConvexProject>;
  /** Whether a file lies under one of the paths asked for, per project. */
  inScope: (project: ConvexProject, file: string) => boolean;
}

function loadProjects(fs: FileSystem, cwd: string, paths: string[], log: Logger): LoadedProjects {
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
  const inScope = (project: ConvexProject, file: string) =>
    scopes.some((s) => s.project === project.functionsDir && isWithin(s.target, file));
  return { projects, inScope };
}

export interface CheckOptions {
  /** List the fixes each finding offers (each one verified, so this costs an analysis per fix). */
  withFixes?: boolean;
}

export function runCheck(fs: FileSystem, cwd: string, paths: string[], log: Logger, options: CheckOptions = {}): CheckResult {
  const { projects, inScope } = loadProjects(fs, cwd, paths, log);
  const findings: Finding[] = [];
  let modulesChecked = 0;
  for (const project of projects.values()) {
    const analysed = analyzeProject(project, DEFAULT_SETTINGS, { log });
    const byFile = options.withFixes ? withVerifiedFixes(project, DEFAULT_SETTINGS, analysed) : analysed;
    for (const [file, list] of byFile) {
      if (!inScope(project, file)) continue;
      modulesChecked++;
      findings.push(...list);
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.span.start - b.span.start);
  return { findings, projects: [...projects.values()], modulesChecked };
}

export interface FixSummary {
  /** Fixes applied, in order. */
  applied: { ruleId: string; path: string; title: string }[];
  /** Files written (created ones included). */
  written: string[];
  /** Projects where the round limit stopped fixing while fixes were still coming. */
  capped: string[];
}

/**
 * `check --fix`: every verified safe fix for the findings under `paths`, applied round after round
 * (a fix's edits may reach other files of the project, such as the schema), then written.
 */
export function runFix(fs: FileSystem, write: (file: string, text: string) => void, cwd: string, paths: string[], log: Logger): FixSummary {
  const { projects, inScope } = loadProjects(fs, cwd, paths, log);
  const summary: FixSummary = { applied: [], written: [], capped: [] };
  for (const project of projects.values()) {
    const files = new Set([...project.modules.keys(), ...project.unrouted.keys()].filter((f) => inScope(project, f)));
    const result = fixAll(project, DEFAULT_SETTINGS, { files });
    for (const [file, text] of result.texts) {
      write(file, text);
      summary.written.push(file);
    }
    summary.applied.push(...result.applied);
    if (result.capped) summary.capped.push(project.functionsDir);
  }
  return summary;
}
