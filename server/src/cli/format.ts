// The three output formats of `check`. Positions are 1-based here, as terminals and SARIF expect.
import * as path from "node:path";
import type { Finding } from "../engine/analyze";
import { RULES, docsUrl } from "../rules/registry";
import type { Severity } from "../rules/types";
import type { CheckResult } from "./check";

export const VERSION = "0.1.0";

function relative(cwd: string, file: string): string {
  return path.posix.relative(cwd, file) || path.posix.basename(file);
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Severity;
  message: string;
  fixes: { title: string; safe: boolean }[];
}

export function toJsonFinding(cwd: string, f: Finding): JsonFinding {
  return {
    file: relative(cwd, f.path),
    line: f.start.line + 1,
    column: f.start.character + 1,
    endLine: f.end.line + 1,
    endColumn: f.end.character + 1,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    fixes: f.fixes().map((fix) => ({ title: fix.title, safe: fix.safe })),
  };
}

export function formatJson(cwd: string, result: CheckResult): string {
  return JSON.stringify({ findings: result.findings.map((f) => toJsonFinding(cwd, f)) }, null, 2);
}

export function formatText(cwd: string, result: CheckResult): string {
  // No fixes here: building them means running rules again, and the text report does not list them.
  const lines = result.findings.map((f) => `${relative(cwd, f.path)}:${f.start.line + 1}:${f.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const files = new Set(result.findings.map((f) => f.path)).size;
  const modules = `${result.modulesChecked} module${result.modulesChecked === 1 ? "" : "s"}`;
  if (result.findings.length === 0) {
    lines.push(`No problems found in ${modules}.`);
  } else {
    lines.push(
      "",
      `${result.findings.length} problem${result.findings.length === 1 ? "" : "s"} ` +
        `(${count("error")} errors, ${count("warning")} warnings, ${count("info")} info, ${count("hint")} hints) ` +
        `in ${files} of ${modules}.`,
    );
  }
  return lines.join("\n");
}

const SARIF_LEVEL: Record<Severity, string> = { error: "error", warning: "warning", info: "note", hint: "note" };

export function formatSarif(cwd: string, result: CheckResult): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "convex-guidelines",
            version: VERSION,
            informationUri: "https://github.com/convex-guidelines/convex-guidelines",
            rules: RULES.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              defaultConfiguration: {
                level: r.meta.defaultSeverity === "off" ? "none" : SARIF_LEVEL[r.meta.defaultSeverity],
                enabled: r.meta.defaultSeverity !== "off",
              },
              properties: { category: r.meta.category },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        results: result.findings.map((f) => {
          const j = toJsonFinding(cwd, f);
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: j.file, uriBaseId: "%SRCROOT%" },
                  region: { startLine: j.line, startColumn: j.column, endLine: j.endLine, endColumn: j.endColumn },
                },
              },
            ],
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
