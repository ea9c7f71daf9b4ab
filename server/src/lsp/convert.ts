// Engine findings → LSP diagnostics, and file paths ↔ URIs.
import { fileURLToPath, pathToFileURL } from "node:url";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node";
import type { Report } from "../engine/analyze";
import { toPosix } from "../project/paths";
import { docsUrl } from "../rules/registry";
import type { Severity } from "../rules/types";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = "convex";

export function toDiagnostic(finding: Report): Diagnostic {
  return {
    range: { start: finding.start, end: finding.end },
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
  };
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return toPosix(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
