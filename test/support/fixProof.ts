// The proof every fix must pass, independent of the engine's own verification: applied to the
// project, (a) every touched file parses with no new syntax errors, (b) the finding it targets is
// gone, (c) no rule (all of them on) reports anything new, (d) offered again, it changes nothing.
import { analyzeProject, type Finding } from "../../server/src/engine/analyze";
import { fixedTexts } from "../../server/src/engine/fixes";
import type { AnalysisSettings } from "../../server/src/engine/settings";
import { parseModule, parseProblems } from "../../server/src/project/parse";
import type { ConvexProject } from "../../server/src/project/project";
import { RULES } from "../../server/src/rules/registry";
import type { Fix } from "../../server/src/rules/types";

/** Every rule on, the ones off by default included, at their default severities. */
export const ALL_RULES_ON: AnalysisSettings = {
  enable: true,
  rules: Object.fromEntries(RULES.filter((r) => r.meta.defaultSeverity === "off").map((r) => [r.meta.id, "warning"])),
};

export interface FixProof {
  /** Why the fix fails the proof; empty when it passes. */
  problems: string[];
  /** The new text of every file it touches. */
  texts: Map<string, string>;
}

function tally(findings: readonly Finding[] | undefined, key: (f: Finding) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings ?? []) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return counts;
}

export function proveFix(project: ConvexProject, finding: Finding, fix: Fix, settings: AnalysisSettings = ALL_RULES_ON): FixProof {
  const problems: string[] = [];
  const texts = fixedTexts(project, fix);
  if (!texts) return { problems: ["the fix does not apply to the project's current text"], texts: new Map() };
  for (const [path, text] of texts) {
    const old = project.modules.get(path)?.text ?? project.clients.get(path)?.text ?? project.unrouted.get(path)?.text ?? "";
    const was = parseProblems(parseModule(path, old)).length;
    const now = parseProblems(parseModule(path, text));
    if (now.length > was) problems.push(`(a) ${path} no longer parses: ${now.map((p) => p.message).join("; ")}`);
  }
  const before = analyzeProject(project, settings);
  const fixed = project.withTexts(texts);
  const after = analyzeProject(fixed, settings);
  const sameFinding = (f: Finding) => `${f.ruleId}\u0000${f.message}`;
  const target = sameFinding(finding);
  if ((tally(after.get(finding.path), sameFinding).get(target) ?? 0) >= (tally(before.get(finding.path), sameFinding).get(target) ?? 0)) {
    problems.push(`(b) the ${finding.ruleId} finding is still reported: ${finding.message}`);
  }
  // A finding in a file the fix creates is new unless the same finding left another file (it moved with its code).
  const created = new Set(fix.edits.filter((e) => e.create).map((e) => e.path));
  const gone = new Map<string, number>();
  for (const [path, findings] of before) {
    const now = tally(after.get(path), sameFinding);
    for (const f of findings) {
      const k = sameFinding(f);
      if (k === target) continue; // moving the targeted finding elsewhere does not fix it
      if ((now.get(k) ?? 0) > 0) now.set(k, now.get(k)! - 1);
      else gone.set(k, (gone.get(k) ?? 0) + 1);
    }
  }
  for (const [path, findings] of after) {
    if (created.has(path)) {
      for (const f of findings) {
        const left = gone.get(sameFinding(f)) ?? 0;
        if (left > 0) gone.set(sameFinding(f), left - 1);
        else problems.push(`(c) new ${f.ruleId} finding in ${path}: ${f.start.line + 1}:${f.start.character + 1} ${f.message}`);
      }
      continue;
    }
    const was = tally(before.get(path), (f) => f.ruleId);
    for (const [ruleId, count] of tally(findings, (f) => f.ruleId)) {
      if (count > (was.get(ruleId) ?? 0)) {
        const added = findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.start.line + 1}:${f.start.character + 1} ${f.message}`);
        problems.push(`(c) new ${ruleId} finding in ${path}: ${added.join(" | ")}`);
      }
    }
  }
  // Only the same finding where it now is: another one with the same message elsewhere in the file
  // (two whole-table reads of one table) is not this fix being offered again.
  const ownEdits = fix.edits.filter((e) => e.path === finding.path);
  const shift = (offset: number, applies: (e: Fix["edits"][number]) => boolean) =>
    offset + ownEdits.filter(applies).reduce((sum, e) => sum + e.newText.length - (e.end - e.start), 0);
  const movedStart = shift(finding.span.start, (e) => e.end <= finding.span.start);
  const movedEnd = shift(finding.span.end, (e) => e.start < finding.span.end);
  for (const again of after.get(finding.path) ?? []) {
    if (sameFinding(again) !== target || again.span.start > movedEnd || again.span.end < movedStart) continue;
    for (const other of again.fixes()) {
      if (other.title !== fix.title) continue;
      const changed = fixedTexts(fixed, other);
      if (changed && [...changed].some(([path, text]) => text !== (fixed.modules.get(path) ?? fixed.clients.get(path))?.text)) {
        problems.push(`(d) "${fix.title}" is offered again after applying it and would change the code again`);
      }
    }
  }
  return { problems, texts };
}
