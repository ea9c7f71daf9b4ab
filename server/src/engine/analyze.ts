// How facts become findings: build the project's cross-module index once, run every enabled rule
// on every module, and attach severities and positions. Shared by the language server and the CLI.
import { positionAt } from "../project/parse";
import type { ConvexProject, Logger, ProjectConfigFile } from "../project/project";
import type { ModuleFacts, Span, Suppression } from "../project/types";
import { RULES } from "../rules/registry";
import type { Fix, ReportOptions, Rule, Severity } from "../rules/types";
import { AnalysisIndex } from "./index";
import { normalizeSettings, severityOf, type AnalysisSettings } from "./settings";

export interface Position {
  /** Zero-based, as LSP counts. */
  line: number;
  /** Zero-based UTF-16 code units, as LSP counts. */
  character: number;
}

export interface Finding {
  ruleId: string;
  path: string;
  span: Span;
  start: Position;
  end: Position;
  severity: Severity;
  message: string;
  /**
   * Code actions for this finding, unverified; `safe` fixes are the ones fix-all applies. Computed
   * on the first call and remembered; a fix builder that throws yields none (and is logged).
   */
  fixes: () => Fix[];
}

export interface AnalyzeOptions {
  rules?: readonly Rule[];
  log?: Logger;
}

/** Findings per file, for every module of the project. */
export function analyzeProject(project: ConvexProject, settings: AnalysisSettings, options: AnalyzeOptions = {}): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  if (!settings.enable) return byFile;
  const log = options.log ?? (() => {});
  settings = withProjectConfig(project, settings, log);
  const index = new AnalysisIndex(project);
  const active = (options.rules ?? RULES)
    .map((rule) => ({ rule, severity: severityOf(rule, settings), configured: settings.rules[rule.meta.id] !== undefined }))
    .filter((r): r is ActiveRule => r.severity !== "off");
  for (const module of project.modules.values()) {
    byFile.set(module.path, analyzeModule(module, index, active, log));
  }
  const pathRules = active.filter((a) => a.rule.meta.unroutedFiles);
  for (const module of pathRules.length > 0 ? project.unrouted.values() : []) {
    const findings = analyzeModule(module, index, pathRules, log);
    if (findings.length > 0) byFile.set(module.path, findings);
  }
  return byFile;
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** The user set this rule's severity, which then applies to every finding. */
  configured: boolean;
}

function analyzeModule(module: ModuleFacts, index: AnalysisIndex, active: ActiveRule[], log: Logger): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity, configured } of active) {
    const report = (span: Span, message: string, options?: ReportOptions) => {
      const start = Math.max(0, Math.min(span.start, module.text.length));
      const end = Math.max(start, Math.min(span.end, module.text.length));
      findings.push({
        ruleId: rule.meta.id,
        path: module.path,
        span: { start, end },
        start: positionAt(module.lineStarts, start),
        end: positionAt(module.lineStarts, end),
        severity: configured ? severity : (options?.severity ?? severity),
        message,
        fixes: lazyFixes(options?.fixes, () => `fixes of ${rule.meta.id} failed on ${module.path}`, log),
      });
    };
    try {
      rule.check({ module, index, report });
    } catch (e) {
      // One broken rule must not hide the others' findings or take the server down.
      log(`rule ${rule.meta.id} failed on ${module.path}: ${(e as Error).stack ?? e}`);
    }
  }
  return dedupe(suppress(findings, module.suppressions), new Set(module.functions.map((f) => f.name))).sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

function lazyFixes(fixes: ReportOptions["fixes"], context: () => string, log: Logger): () => Fix[] {
  if (fixes === undefined) return () => [];
  if (Array.isArray(fixes)) return () => fixes;
  let computed: Fix[] | undefined;
  return () => {
    if (computed === undefined) {
      try {
        computed = fixes();
      } catch (e) {
        log(`${context()}: ${(e as Error).stack ?? e}`);
        computed = [];
      }
    }
    return computed;
  };
}

/**
 * A helper shared by several functions is analysed for each caller: the same finding reached from
 * another caller (the message differs only in the quoted function name) is reported once.
 */
function dedupe(findings: Finding[], functionNames: ReadonlySet<string>): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const message = f.message.replace(/"([\w$]+)"/g, (quoted, name: string) => (functionNames.has(name) ? '"…"' : quoted));
    const key = `${f.ruleId}:${f.span.start}:${f.span.end}:${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops findings silenced by `convex-disable-next-line` and `convex-disable` comments. */
function suppress(findings: Finding[], suppressions: readonly Suppression[]): Finding[] {
  if (suppressions.length === 0) return findings;
  const covers = (s: Suppression, ruleId: string) => s.rules.length === 0 || s.rules.includes(ruleId);
  return findings.filter((f) => !suppressions.some((s) =>
    covers(s, f.ruleId) && (s.scope === "file" || f.start.line === s.line + 1)));
}

/** Validated rule severities of each config file version; problems are logged once per version. */
const configRules = new WeakMap<ProjectConfigFile, AnalysisSettings["rules"]>();

/** convex-guidelines.json is the base; the editor's `convex.rules` overrides it rule by rule. */
function withProjectConfig(project: ConvexProject, settings: AnalysisSettings, log: Logger): AnalysisSettings {
  const config = project.config;
  if (!config || config.json === undefined) return settings;
  let rules = configRules.get(config);
  if (!rules) {
    const problems: string[] = [];
    rules = normalizeSettings(config.json, problems).rules;
    for (const problem of problems) log(`${config.path}: ${problem.replace(/^convex\.rules/, "rules")}`);
    configRules.set(config, rules);
  }
  return { ...settings, rules: { ...rules, ...settings.rules } };
}
