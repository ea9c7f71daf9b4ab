// A fix is verified, not hoped for: applied to a copy of the project, every touched file must still
// parse, the finding it targets must be gone, and no rule may report anything new.
import type { ConvexProject } from "../project/project";
import type { FileEdit, Fix } from "../rules/types";
import { analyzeProject, type Finding } from "./analyze";
import type { AnalysisSettings } from "./settings";

/** Applies edits (offsets into `text`) from last to first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly Pick<FileEdit, "start" | "end" | "newText">[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The new text of every file a fix touches. */
export function fixedTexts(project: ConvexProject, fix: Fix): Map<string, string> | undefined {
  const byFile = new Map<string, FileEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.path, [...(byFile.get(edit.path) ?? []), edit]);
  const texts = new Map<string, string>();
  for (const [path, edits] of byFile) {
    const current = project.modules.get(path)?.text ?? project.clients.get(path)?.text;
    if (current === undefined) return undefined;
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
    out.set(path, findings.map((f) => (f.fixes.length === 0 ? f : { ...f, fixes: f.fixes.filter((fix) => verifyFix(project, settings, byFile, f, fix)) })));
  }
  return out;
}

/**
 * Whether `fix` may be offered for `finding`: applied, the touched files parse no worse, the
 * finding's rule reports less in its file, and no rule reports more in any file.
 */
export function verifyFix(project: ConvexProject, settings: AnalysisSettings, before: Map<string, Finding[]>, finding: Finding, fix: Fix): boolean {
  const texts = fixedTexts(project, fix);
  if (!texts) return false;
  const fixed = project.withTexts(texts);
  for (const path of texts.keys()) {
    const was = project.modules.get(path)?.parseProblems.length ?? 0;
    if ((fixed.modules.get(path)?.parseProblems.length ?? 0) > was) return false;
  }
  const after = analyzeProject(fixed, settings);
  const target = countByRule(after.get(finding.path)).get(finding.ruleId) ?? 0;
  if (target >= (countByRule(before.get(finding.path)).get(finding.ruleId) ?? 0)) return false;
  for (const [path, findings] of after) {
    const was = countByRule(before.get(path));
    for (const [ruleId, count] of countByRule(findings)) {
      if (!(path === finding.path && ruleId === finding.ruleId) && count > (was.get(ruleId) ?? 0)) return false;
    }
  }
  return true;
}
