// Rule settings as users write them (`convex.rules` in VS Code), validated into what the engine runs.
import { RULES, RULES_BY_ID } from "../rules/registry";
import type { Rule, SeveritySetting } from "../rules/types";

export interface AnalysisSettings {
  enable: boolean;
  /** Per-rule severity overrides; rules not listed use their default. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { enable: true, rules: {} };

const SEVERITIES = new Set<string>(["off", "hint", "info", "warning", "error"]);

/**
 * Accepts whatever the settings store holds. Unknown rule ids and severities are reported through
 * `problems` and ignored, so a typo in settings.json never turns the analyzer off.
 */
export function normalizeSettings(raw: unknown, problems: string[] = []): AnalysisSettings {
  const settings: AnalysisSettings = { enable: true, rules: {} };
  if (!raw || typeof raw !== "object") return settings;
  const { enable, rules } = raw as { enable?: unknown; rules?: unknown };
  if (typeof enable === "boolean") settings.enable = enable;
  if (rules && typeof rules === "object") {
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      if (!RULES_BY_ID.has(id)) problems.push(`convex.rules: unknown rule "${id}" (known: ${RULES.map((r) => r.meta.id).join(", ")})`);
      else if (typeof value !== "string" || !SEVERITIES.has(value)) problems.push(`convex.rules: "${id}" must be one of off, hint, info, warning, error`);
      else settings.rules[id] = value as SeveritySetting;
    }
  }
  return settings;
}

export function severityOf(rule: Rule, settings: AnalysisSettings): SeveritySetting {
  return settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
}
