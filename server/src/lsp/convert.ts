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

/** URIs of the files seen so far: every analysis publishes by URI, and building one is not free. */
const uris = new Map<string, string>();
const MAX_CACHED_URIS = 50_000;

export function pathToUri(path: string): string {
  let uri = uris.get(path);
  if (uri === undefined) {
    uri = pathToFileURL(path).href;
    if (uris.size >= MAX_CACHED_URIS) uris.clear();
    uris.set(path, uri);
  }
  return uri;
}
