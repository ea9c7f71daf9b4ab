// How facts become findings: build the project's cross-module index, run every enabled rule on
// every module, and attach severities and positions. Shared by the language server and the CLI.
//
// Given the previous analysis of the same project, a rule's result on a module is reused when the
// module's facts are the same object and nothing the rule read through the index has changed
// (see dependencies.ts), so an edit re-runs the rules of the edited module and of the few modules
// that depend on it.
import { positionAt } from "../project/parse";
import type { ConvexProject, Logger, ProjectConfigFile } from "../project/project";
import type { ModuleFacts, Span, Suppression } from "../project/types";
import { maskSecrets, secretsIn } from "../rules/hardcodedSecret";
import { RULES } from "../rules/registry";
import type { Fix, ReportOptions, Rule, Severity } from "../rules/types";
import { changedDependencies, changedFiles, isSchemaDependency, memoKey, snapshotOf, type ProjectSnapshot } from "./dependencies";
import { AnalysisIndex } from "./index";
import { normalizeSettings, severityOf, type AnalysisSettings } from "./settings";

export interface Position {
  /** Zero-based, as LSP counts. */
  line: number;
  /** Zero-based UTF-16 code units, as LSP counts. */
  character: number;
}

/** A finding without its fixes: what diagnostics are made of. */
export interface Report {
  ruleId: string;
  path: string;
  span: Span;
  start: Position;
  end: Position;
  severity: Severity;
  message: string;
}

export interface Finding extends Report {
  /**
   * Code actions for this finding, unverified; `safe` fixes are the ones fix-all applies. Computed
   * on the first call, by running the rule again against the analysis the finding came from; a fix
   * builder that throws yields none (and is logged).
   */
  fixes: () => Fix[];
}

export interface AnalyzeOptions {
  rules?: readonly Rule[];
  log?: Logger;
  /** An earlier analysis of this project (or of the project it was copied from), to reuse results of. */
  previous?: ProjectAnalysis;
  /**
   * Keep only findings that depend on nothing but their module and the schema: true whatever the
   * rest of the functions folder holds, so they may be shown before it has been read.
   */
  localOnly?: boolean;
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** The user set this rule's severity, which then applies to every finding. */
  configured: boolean;
}

/** One rule's result on one module, kept only when it reported something or read other modules. */
interface RuleRun {
  reports: Report[];
  dependencies: string[] | undefined;
}

/** Everything known about one module after an analysis. */
interface ModuleResult {
  facts: ModuleFacts;
  runs: Map<string, RuleRun>;
  /** Every dependency of every run, for a quick "is any of it stale?" check. */
  dependencies: string[];
  /** After suppression, de-duplication and sorting. The same array while nothing changed. */
  reports: readonly Report[];
}

export interface AnalysisStats {
  /** Rule runs executed in this analysis. */
  ruleRuns: number;
  /** Modules whose results were all taken from the previous analysis. */
  modulesReused: number;
  modules: number;
}

/** The findings of one state of a project, with what is needed to reuse them for the next state. */
export class ProjectAnalysis {
  private readonly findingsCache = new Map<string, Finding[]>();
  /** Per rule and module: what the rule reported when run again for fixes (see reportedFixes). */
  private readonly fixOptions = new Map<string, Map<string, ReportOptions["fixes"]>>();
  /** What each shared value (index.memo) read, kept across analyses while the value is not recomputed. */
  readonly memoDependencies = new Map<string, readonly string[]>();

  constructor(
    readonly project: ConvexProject,
    readonly index: AnalysisIndex,
    readonly snapshot: ProjectSnapshot,
    /** Settings, rules and project-wide facts; results are reused only under the same key. */
    readonly key: string,
    private readonly active: readonly ActiveRule[],
    private readonly results: ReadonlyMap<string, ModuleResult>,
    readonly stats: AnalysisStats,
    private readonly log: Logger,
  ) {}

  /** Files with a result: every module of the functions folder, and skipped files with findings. */
  files(): IterableIterator<string> {
    return this.results.keys();
  }

  /** The findings of a file without fixes; the same array as in the previous analysis while they did not change. */
  reports(file: string): readonly Report[] | undefined {
    return this.results.get(file)?.reports;
  }

  result(file: string): ModuleResult | undefined {
    return this.results.get(file);
  }

  findings(file: string): Finding[] | undefined {
    const cached = this.findingsCache.get(file);
    if (cached) return cached;
    const result = this.results.get(file);
    if (!result) return undefined;
    const findings = result.reports.map((r): Finding => ({ ...r, fixes: this.fixesOf(result.facts, r) }));
    this.findingsCache.set(file, findings);
    return findings;
  }

  /** Findings per file, for every module of the project (empty lists included). */
  byFile(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const file of this.results.keys()) out.set(file, this.findings(file)!);
    analyses.set(out, this);
    return out;
  }

  /** The fixes the rule attaches to this report when it runs again on the module now. */
  private fixesOf(module: ModuleFacts, target: Report): () => Fix[] {
    let computed: Fix[] | undefined;
    return () => {
      if (computed !== undefined) return computed;
      computed = [];
      const secrets = secretsIn(module);
      const reported = this.reportedFixes(module, target.ruleId, secrets);
      try {
        const fixes = reported.get(fixKey(target.span, target.message));
        computed = typeof fixes === "function" ? fixes() : (fixes ?? []);
        if (secrets.length > 0) computed = computed.map((fix) => ({ ...fix, title: maskSecrets(fix.title, secrets) }));
      } catch (e) {
        this.log(`fixes of ${target.ruleId} failed on ${module.path}: ${(e as Error).stack ?? e}`);
      }
      return computed;
    };
  }

  /**
   * What the rule reports on the module when it runs again, with the fixes it attaches (unbuilt):
   * one run per rule and module however many of its findings are asked for their fixes (fix-all
   * asks for all of them, and a module can have thousands).
   */
  private reportedFixes(module: ModuleFacts, ruleId: string, secrets: readonly string[]): Map<string, ReportOptions["fixes"]> {
    const key = `${ruleId}\u0000${module.path}`;
    let reported = this.fixOptions.get(key);
    if (reported) return reported;
    reported = new Map();
    const active = this.active.find((a) => a.rule.meta.id === ruleId);
    try {
      active?.rule.check({
        module,
        index: this.index,
        report: (span, message, options) => {
          // The first report of a span and message is the finding's (as the analysis kept it).
          // (Findings carry their message with the module's credentials masked.)
          const k = fixKey(clamp(span, module.text.length), maskSecrets(message, secrets));
          if (!reported!.has(k)) reported!.set(k, options?.fixes);
        },
      });
    } catch (e) {
      this.log(`fixes of ${ruleId} failed on ${module.path}: ${(e as Error).stack ?? e}`);
      reported = new Map();
    }
    this.fixOptions.set(key, reported);
    return reported;
  }
}

/** Which analysis a `byFile` map came from, so that checks on a changed copy can reuse it. */
const analyses = new WeakMap<Map<string, Finding[]>, ProjectAnalysis>();

export function analysisOf(byFile: Map<string, Finding[]>): ProjectAnalysis | undefined {
  return analyses.get(byFile);
}

/** Findings per file, for every module of the project. */
export function analyzeProject(project: ConvexProject, settings: AnalysisSettings, options: AnalyzeOptions = {}): Map<string, Finding[]> {
  return analyze(project, settings, options).byFile();
}

export function analyze(project: ConvexProject, settings: AnalysisSettings, options: AnalyzeOptions = {}): ProjectAnalysis {
  const log = options.log ?? (() => {});
  const snapshot = snapshotOf(project);
  const stats: AnalysisStats = { ruleRuns: 0, modulesReused: 0, modules: 0 };
  const results = new Map<string, ModuleResult>();
  if (!settings.enable) return new ProjectAnalysis(project, new AnalysisIndex(project), snapshot, "disabled", [], results, stats, log);
  settings = withProjectConfig(project, settings, log);
  const active = (options.rules ?? RULES)
    .map((rule) => ({ rule, severity: severityOf(rule, settings), configured: settings.rules[rule.meta.id] !== undefined }))
    .filter((r): r is ActiveRule => r.severity !== "off");
  const key = JSON.stringify([
    active.map((a) => [a.rule.meta.id, a.severity, a.configured]),
    project.isComponent,
    project.convexVersion ?? null,
    project.location.root,
  ]);
  const base = options.previous;
  const changes = base ? changedFiles(base.snapshot, snapshot) : undefined;
  const changedAll = base ? changedDependencies(base.snapshot, snapshot, changes, base.memoDependencies) : undefined;
  const staleMemos = new Set([...base?.memoDependencies.keys() ?? []].filter((name) => changedAll!.has(memoKey(name))));
  const index = base && changes ? new AnalysisIndex(project, { index: base.index, changes, staleMemos }) : new AnalysisIndex(project);
  const previous = base && base.key === key && sameRules(base, options.rules) ? base : undefined;
  const changed = previous ? changedAll : undefined;
  const analyzer = new ModuleAnalyzer(index, log, stats, options.localOnly === true);
  for (const module of project.modules.values()) {
    results.set(module.path, analyzer.analyze(module, active, previous?.result(module.path), changed));
  }
  const pathRules = active.filter((a) => a.rule.meta.unroutedFiles);
  for (const module of pathRules.length > 0 ? project.unrouted.values() : []) {
    const result = analyzer.analyze(module, pathRules, previous?.result(module.path), changed);
    if (result.reports.length > 0) results.set(module.path, result);
  }
  const analysis = new ProjectAnalysis(project, index, snapshot, options.localOnly ? `${key} local` : key, active, results, stats, log);
  // Memos carried over or not needed this time keep the dependencies that decide when they go stale.
  for (const [name, read] of base?.memoDependencies ?? []) if (!staleMemos.has(name) && !index.memoDependencies.has(name)) analysis.memoDependencies.set(name, read);
  for (const [name, read] of index.memoDependencies) analysis.memoDependencies.set(name, read);
  rulesOf.set(analysis, options.rules);
  return analysis;
}

/** A module result's dependencies as a set, made when first needed (results live across many edits). */
const dependencySets = new WeakMap<ModuleResult, ReadonlySet<string>>();

/**
 * Whether any of a module's dependencies changed. Asked of every module on every edit, when few keys
 * changed and each module has dozens: the changed keys are looked up in the module's set.
 */
function dependsOnAny(result: ModuleResult, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  if (changed.size * 4 >= result.dependencies.length) return result.dependencies.some((d) => changed.has(d));
  let set = dependencySets.get(result);
  if (!set) dependencySets.set(result, (set = new Set(result.dependencies)));
  for (const key of changed) if (set.has(key)) return true;
  return false;
}

/** The `rules` option an analysis ran with (tests run subsets; results of another subset are not reusable). */
const rulesOf = new WeakMap<ProjectAnalysis, readonly Rule[] | undefined>();

function sameRules(previous: ProjectAnalysis, rules: readonly Rule[] | undefined): boolean {
  const before = rulesOf.get(previous);
  return before === rules || (before !== undefined && rules !== undefined && before.length === rules.length && before.every((r, i) => r === rules[i]));
}

class ModuleAnalyzer {
  constructor(private readonly index: AnalysisIndex, private readonly log: Logger, private readonly stats: AnalysisStats, private readonly localOnly: boolean) {}

  analyze(module: ModuleFacts, active: readonly ActiveRule[], previous: ModuleResult | undefined, changed: ReadonlySet<string> | undefined): ModuleResult {
    this.stats.modules++;
    const reusable = previous !== undefined && changed !== undefined && previous.facts === module;
    if (reusable && !dependsOnAny(previous, changed)) {
      this.stats.modulesReused++;
      return previous;
    }
    const runs = new Map<string, RuleRun>();
    let rerun = false;
    for (const entry of active) {
      const id = entry.rule.meta.id;
      const before = reusable ? previous.runs.get(id) : undefined;
      if (reusable && !before?.dependencies?.some((d) => changed.has(d))) {
        if (before) runs.set(id, before);
        continue;
      }
      rerun = true;
      const run = this.run(module, entry);
      if (run.reports.length > 0 || run.dependencies) runs.set(id, run);
    }
    if (reusable && !rerun) {
      this.stats.modulesReused++;
      return previous;
    }
    const dependencies = new Set<string>();
    const all: Report[] = [];
    for (const run of runs.values()) {
      for (const d of run.dependencies ?? []) dependencies.add(d);
      all.push(...run.reports);
    }
    const reports = dedupe(suppress(all, module.suppressions), new Set(module.functions.map((f) => f.name)))
      .sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
    const same = previous && sameReports(previous.reports, reports);
    return { facts: module, runs, dependencies: [...dependencies], reports: same ? previous.reports : reports };
  }

  private run(module: ModuleFacts, { rule, severity, configured }: ActiveRule): RuleRun {
    this.stats.ruleRuns++;
    const reports: Report[] = [];
    // No message shows a credential of the module, whichever rule quotes it.
    const secrets = secretsIn(module);
    const report = (span: Span, message: string, options?: ReportOptions) => {
      const clamped = clamp(span, module.text.length);
      reports.push({
        ruleId: rule.meta.id,
        path: module.path,
        span: clamped,
        start: positionAt(module.lineStarts, clamped.start),
        end: positionAt(module.lineStarts, clamped.end),
        severity: configured ? severity : (options?.severity ?? severity),
        message: maskSecrets(message, secrets),
      });
    };
    let dependencies: string[] | undefined;
    try {
      dependencies = this.index.recordDependencies(() => rule.check({ module, index: this.index, report }));
    } catch (e) {
      // One broken rule must not hide the others' findings or take the server down.
      this.log(`rule ${rule.meta.id} failed on ${module.path}: ${(e as Error).stack ?? e}`);
      reports.length = 0;
    }
    if (this.localOnly && dependencies?.some((d) => !isSchemaDependency(d))) reports.length = 0;
    return { reports, dependencies };
  }
}

function fixKey(span: Span, message: string): string {
  return `${span.start}:${span.end}:${message}`;
}

function clamp(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}

function sameReports(a: readonly Report[], b: readonly Report[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return x.ruleId === y.ruleId && x.severity === y.severity && x.message === y.message && x.span.start === y.span.start && x.span.end === y.span.end &&
      x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
  });
}

/**
 * A helper shared by several functions is analysed for each caller: the same finding reached from
 * another caller (the message differs only in the quoted function name) is reported once.
 */
function dedupe(reports: Report[], functionNames: ReadonlySet<string>): Report[] {
  const seen = new Set<string>();
  return reports.filter((f) => {
    const message = f.message.replace(/"([\w$]+)"/g, (quoted, name: string) => (functionNames.has(name) ? '"…"' : quoted));
    const key = `${f.ruleId}:${f.span.start}:${f.span.end}:${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops findings silenced by `convex-disable-next-line` and `convex-disable` comments. */
function suppress(reports: Report[], suppressions: readonly Suppression[]): Report[] {
  if (suppressions.length === 0) return reports;
  const covers = (s: Suppression, ruleId: string) => s.rules.length === 0 || s.rules.includes(ruleId);
  return reports.filter((f) => !suppressions.some((s) =>
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
