// A fix is verified, not hoped for: applied to a copy of the project, every touched file must still
// parse, the finding it targets must be gone, and no rule may report anything new.
import type { ConvexProject } from "../project/project";
import type { FileEdit, Fix } from "../rules/types";
import { analysisOf, analyzeProject, type Finding, type ProjectAnalysis } from "./analyze";
import type { AnalysisSettings } from "./settings";

/** Applies edits (offsets into `text`) from last to first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly Pick<FileEdit, "start" | "end" | "newText">[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text the project holds for a file (a module, the schema, client code, an unrouted file). */
export function currentText(project: ConvexProject, path: string): string | undefined {
  return (project.modules.get(path) ?? project.clients.get(path) ?? project.unrouted.get(path))?.text;
}

/** Groups a fix's edits by file, in the order the files first appear. */
export function editsByFile(edits: readonly FileEdit[]): Map<string, FileEdit[]> {
  const byFile = new Map<string, FileEdit[]>();
  for (const edit of edits) byFile.set(edit.path, [...(byFile.get(edit.path) ?? []), edit]);
  return byFile;
}

/**
 * The new text of every file a fix touches; undefined when a file it edits is unknown or a file it
 * creates already exists (the fix was computed against other text).
 */
export function fixedTexts(project: ConvexProject, fix: Fix): Map<string, string> | undefined {
  const texts = new Map<string, string>();
  for (const [path, edits] of editsByFile(fix.edits)) {
    const creates = edits.some((e) => e.create);
    // A skipped file's text is not known (too large, not text): nothing may edit it.
    if ((project.modules.get(path) ?? project.unrouted.get(path))?.skipped !== undefined) return undefined;
    const current = currentText(project, path) ?? (creates && !project.fs.isFile(path) ? "" : undefined);
    if (current === undefined || (creates && current !== "")) return undefined;
    texts.set(path, applyEdits(current, edits));
  }
  return texts;
}

function countByRule(findings: readonly Finding[] | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings ?? []) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/** The findings with only the fixes that pass verification. */
export function withVerifiedFixes(project: ConvexProject, settings: AnalysisSettings, byFile: Map<string, Finding[]>): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const [path, findings] of byFile) {
    out.set(path, findings.map((f) => {
      const all = f.fixes();
      if (all.length === 0) return f;
      const verified = all.filter((fix) => verifyFix(project, settings, byFile, f, fix));
      return { ...f, fixes: () => verified };
    }));
  }
  return out;
}

/**
 * Whether `fix` may be offered for `finding`: applied, the touched files parse no worse, the
 * finding's rule reports less in its file, and no rule reports more in any file.
 */
export function verifyFix(project: ConvexProject, settings: AnalysisSettings, before: Map<string, Finding[]>, finding: Finding, fix: Fix): boolean {
  const texts = fixedTexts(project, fix);
  if (!texts || texts.size === 0) return false;
  const fixed = project.withTexts(texts);
  if (!parsesNoWorse(project, fixed, texts.keys())) return false;
  const after = analyzeProject(fixed, settings, { previous: analysisOf(before) });
  const target = countByRule(after.get(finding.path)).get(finding.ruleId) ?? 0;
  if (target >= (countByRule(before.get(finding.path)).get(finding.ruleId) ?? 0)) return false;
  return noNewFindings(before, after, (path, ruleId) => path === finding.path && ruleId === finding.ruleId, createdBy(fix.edits));
}

/**
 * Whether a refactoring (a fix without a finding) may be applied: the touched files parse no worse
 * and no rule reports more in any file.
 */
export function verifyRefactoring(project: ConvexProject, settings: AnalysisSettings, before: Map<string, Finding[]>, fix: Fix): boolean {
  const texts = fixedTexts(project, fix);
  if (!texts || texts.size === 0) return false;
  const fixed = project.withTexts(texts);
  if (!parsesNoWorse(project, fixed, texts.keys())) return false;
  return noNewFindings(before, analyzeProject(fixed, settings, { previous: analysisOf(before) }));
}

function parsesNoWorse(project: ConvexProject, fixed: ConvexProject, paths: Iterable<string>): boolean {
  const problems = (p: ConvexProject, path: string) => (p.modules.get(path) ?? p.clients.get(path) ?? p.unrouted.get(path))?.parseProblems.length ?? 0;
  for (const path of paths) {
    if (problems(fixed, path) > problems(project, path)) return false;
  }
  return true;
}

/** The files a fix creates (they have no findings before it). */
function createdBy(edits: readonly FileEdit[]): Set<string> {
  return new Set(edits.filter((e) => e.create).map((e) => e.path));
}

/**
 * Whether no rule reports more in any file. In a file the fix creates, a finding is not new when the
 * same finding (rule and message) went away from another file: it moved there with its code.
 */
function noNewFindings(before: Map<string, Finding[]>, after: Map<string, Finding[]>, exempt: (path: string, ruleId: string) => boolean = () => false, created: ReadonlySet<string> = new Set()): boolean {
  const key = (f: Finding) => `${f.ruleId}\u0000${f.message}`;
  const gone = new Map<string, number>();
  if (created.size > 0) {
    for (const [path, findings] of before) {
      const now = new Map<string, number>();
      for (const f of after.get(path) ?? []) now.set(key(f), (now.get(key(f)) ?? 0) + 1);
      for (const f of findings) {
        const k = key(f);
        if ((now.get(k) ?? 0) > 0) now.set(k, now.get(k)! - 1);
        else gone.set(k, (gone.get(k) ?? 0) + 1);
      }
    }
  }
  for (const [path, findings] of after) {
    if (created.has(path)) {
      for (const f of findings) {
        if (exempt(path, f.ruleId)) continue;
        const left = gone.get(key(f)) ?? 0;
        if (left === 0) return false;
        gone.set(key(f), left - 1);
      }
      continue;
    }
    const was = countByRule(before.get(path));
    for (const [ruleId, count] of countByRule(findings)) {
      if (!exempt(path, ruleId) && count > (was.get(ruleId) ?? 0)) return false;
    }
  }
  return true;
}

export interface FixAllOptions {
  /** Only findings in these files are fixed (their fixes may still edit other files, like the schema). */
  files?: ReadonlySet<string>;
  /** Rounds of analyse → fix; a fix can reveal another (a new index makes a rewrite possible). */
  maxPasses?: number;
  /** An earlier analysis of the project, whose results are reused where nothing changed. */
  previous?: ProjectAnalysis;
  /**
   * Start no verification after this many milliseconds: each fix is verified on a copy of the
   * project, so a module with thousands of fixable findings would take minutes. What was verified
   * by then is still applied; `timedOut` says the rest was left. No limit when absent.
   */
  timeBudgetMs?: number;
}

export interface FixAllResult {
  /** The new text of every file that changed (created files included), against the starting project. */
  texts: Map<string, string>;
  /** Files that did not exist before. */
  created: Set<string>;
  applied: { ruleId: string; path: string; title: string }[];
  passes: number;
  /** The cap was reached while fixes were still being applied. */
  capped: boolean;
  /** The time budget ran out while fixes were still being verified. */
  timedOut: boolean;
}

export const DEFAULT_FIX_PASSES = 10;

/** The editor's fix-all (often run on save) answers within about this long, whatever the file. */
export const EDITOR_FIX_ALL_BUDGET_MS = 2000;

/**
 * Applies every verified safe fix (never a suggestion), pass after pass until nothing changes or the
 * cap is reached. Within a pass, fixes whose edits overlap an earlier one wait for the next pass; a
 * pass whose combined result does not verify falls back to its first fix alone.
 */
export function fixAll(project: ConvexProject, settings: AnalysisSettings, options: FixAllOptions = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? DEFAULT_FIX_PASSES;
  let current = project;
  const texts = new Map<string, string>();
  const created = new Set<string>();
  const applied: FixAllResult["applied"] = [];
  let passes = 0;
  let capped = false;
  let timedOut = false;
  const deadline = options.timeBudgetMs === undefined ? Infinity : performance.now() + options.timeBudgetMs;
  let previous: Map<string, Finding[]> | undefined;
  while (!timedOut) {
    const before = analyzeProject(current, settings, { previous: previous ? analysisOf(previous) : options.previous });
    previous = before;
    const chosen: { finding: Finding; fix: Fix }[] = [];
    const taken = new Map<string, { start: number; end: number }[]>();
    const seen = new Set<string>();
    scan: for (const [path, findings] of before) {
      if (options.files && !options.files.has(path)) continue;
      for (const finding of findings) {
        if (performance.now() > deadline) {
          timedOut = true;
          break scan;
        }
        for (const fix of finding.fixes()) {
          if (!fix.safe) continue;
          const key = JSON.stringify(fix.edits);
          if (seen.has(key)) continue;
          if (fix.edits.some((e) => (taken.get(e.path) ?? []).some((t) => overlaps(t, e)))) continue;
          if (!verifyFix(current, settings, before, finding, fix)) continue;
          seen.add(key);
          for (const e of fix.edits) taken.set(e.path, [...(taken.get(e.path) ?? []), e]);
          chosen.push({ finding, fix });
          break;
        }
      }
    }
    if (chosen.length === 0) break;
    if (passes >= maxPasses) {
      capped = true;
      break;
    }
    passes++;
    let next = applyTogether(current, chosen.map((c) => c.fix));
    if (next && chosen.length > 1) {
      const after = analyzeProject(next.project, settings, { previous: analysisOf(before) });
      const fixedFiles = new Set(chosen.map((c) => c.finding.path));
      if (!parsesNoWorse(current, next.project, next.texts.keys()) ||
        !noNewFindings(before, after, (path, ruleId) => fixedFiles.has(path) && chosen.some((c) => c.finding.ruleId === ruleId), createdBy(chosen.flatMap((c) => c.fix.edits)))) {
        next = undefined;
      }
    }
    const used = next ? chosen : chosen.slice(0, 1);
    next ??= applyTogether(current, [chosen[0].fix]);
    if (!next) break;
    for (const [path, text] of next.texts) {
      if (currentText(project, path) === undefined && !texts.has(path)) created.add(path);
      texts.set(path, text);
    }
    for (const { finding, fix } of used) applied.push({ ruleId: finding.ruleId, path: finding.path, title: fix.title });
    current = next.project;
  }
  return { texts, created, applied, passes, capped, timedOut };
}

function applyTogether(project: ConvexProject, fixes: Fix[]): { project: ConvexProject; texts: Map<string, string> } | undefined {
  const texts = fixedTexts(project, { title: "", safe: true, edits: fixes.flatMap((f) => f.edits) });
  return texts ? { project: project.withTexts(texts), texts } : undefined;
}

/** Two edits conflict when their ranges intersect, or both insert at the same offset. */
function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
}
