// The results of a run: the JSON written to bench/results.json, the targets they are judged
// against, and the table printed on stdout.
import type { LspResults } from "./lspBench";
import type { Machine } from "./machine";
import type { PackageSizes } from "./packageSize";
import { round, type Summary } from "./stats";

export interface ScalingStep {
  n: number;
  files: number;
  lines: number;
  reps: number;
  fullCheckMs: Summary;
  parseFloorMs: Summary;
  fullCheckVsParseFloor: number;
}

export interface Target {
  id: string;
  label: string;
  /** The value compared with the limit (null when not measured in this run). */
  value: number | null;
  unit: string;
  limit: number;
  /** "max": value ≤ limit passes; "min": value ≥ limit passes. */
  kind: "max" | "min";
  status: "PASS" | "MISS" | "SKIPPED";
}

export interface BenchResults {
  n: number;
  seed: number;
  quick: boolean;
  reps: number;
  project: { modules: number; tables: number; files: number; clientFiles: number; lines: number; violations: number };
  ratios: { fullCheckVsParseFloor: number; eslintVsFullCheck: number };
  /** `fullCheckFirstRunMs`: the CLI's first run, with an empty code cache (untimed warm-up, one sample). */
  timings: { fullCheckMs: Summary; parseFloorMs: Summary; eslintMs: Summary; fullCheckFirstRunMs: number | null };
  /** What each contender reported (files, findings, problems), to show they all did the work. */
  outputs: Record<string, Record<string, number> | undefined>;
  lsp: LspResults & { editP50Ms: number; editP95Ms: number; schemaEditP95Ms: number };
  vsixBytes: number | null;
  clientBundleBytes: number | null;
  package: (PackageSizes & { skipped?: undefined }) | { skipped: string };
  scaling: ScalingStep[] | { skipped: string };
  targets: Target[];
  versions: Record<string, string>;
  machine: Machine;
  notes: string[];
  durationMs: number;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
export { ratio };

function target(id: string, label: string, value: number | null, unit: string, kind: "max" | "min", limit: number): Target {
  const status = value === null ? "SKIPPED" : (kind === "max" ? value <= limit : value >= limit) ? "PASS" : "MISS";
  return { id, label, value, unit, limit, kind, status };
}

export const VSIX_LIMIT_BYTES = 4 * 1024 * 1024;

export function targets(r: Omit<BenchResults, "targets">): Target[] {
  const speedup = r.ratios.eslintVsFullCheck;
  return [
    target("fullCheckVsParseFloor", "full check ≤ 1.5× the parse floor", r.ratios.fullCheckVsParseFloor, "×", "max", 1.5),
    target("eslintVsFullCheck", "≥ 10× faster than ESLint", speedup, "×", "min", 10),
    target("editP95Ms", "edit → diagnostics p95 ≤ 20 ms", r.lsp.editP95Ms, "ms", "max", 20),
    target("schemaEditP95Ms", "schema edit → dependents p95 ≤ 200 ms", r.lsp.schemaEditP95Ms, "ms", "max", 200),
    target("coldStartMs", "cold start ≤ 1000 ms", r.lsp.coldStartMs, "ms", "max", 1000),
    target("rssMB", "server RSS ≤ 200 MB", r.lsp.rssMB, "MB", "max", 200),
    target("vsixBytes", "vsix ≤ 4 MB", r.vsixBytes, "bytes", "max", VSIX_LIMIT_BYTES),
    target(
      "clientBundleWithoutCompiler",
      "client bundle without the TypeScript compiler",
      "clientCompilerMarkers" in r.package ? r.package.clientCompilerMarkers.length : null,
      "markers",
      "max",
      0,
    ),
  ];
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const ms = (x: number) => `${round(x)} ms`;
const spread = (s: Summary) => `${Math.round(s.min)}–${Math.round(s.max)}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export function table(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(
    `Convex Guidelines benchmark: ${r.n} modules (${r.project.files} files, ${r.project.lines} lines), ${r.reps} repetitions${r.quick ? " (quick)" : ""}`,
    `Machine: ${m.cores} cores, ${m.cpuModel}, Node ${m.node}, ${m.date}`,
    "",
    "Full check (each a child process, so each pays node + typescript start-up):",
    `  ${pad("", 52)}${lpad("median", 10)}  ${lpad("min–max", 14)}`,
  );
  const row = (label: string, s: Summary) => lines.push(`  ${pad(label, 52)}${lpad(ms(s.median), 10)}  ${lpad(spread(s), 14)}`);
  row("parse floor (require typescript + createSourceFile)", r.timings.parseFloorMs);
  row("our CLI (dist/cli.js check, text report)", r.timings.fullCheckMs);
  if (r.timings.fullCheckFirstRunMs !== null) lines.push(`  ${pad("  its first run, empty code cache (1 sample)", 52)}${lpad(ms(r.timings.fullCheckFirstRunMs), 10)}`);
  row(`ESLint ${r.versions.eslint} + @convex-dev/eslint-plugin recommended`, r.timings.eslintMs);
  lines.push(
    `  full check / parse floor: ${r.ratios.fullCheckVsParseFloor}×   ESLint / full check: ${r.ratios.eslintVsFullCheck}×`,
    "",
    "Language server (dist/server.js --stdio):",
    `  cold start (spawn → first diagnostics of the open 2,000-line module)  ${ms(r.lsp.coldStartMs)}`,
    `    the first start, with an empty code cache                         ${ms(r.lsp.firstColdStartMs)}`,
    `  edit in the 2,000-line module → its diagnostics (${r.lsp.edit.count} edits)     p50 ${ms(r.lsp.editP50Ms)}, p95 ${ms(r.lsp.editP95Ms)}`,
    `  schema edit → ${r.lsp.schemaEdit.dependents} dependent files republished (${r.lsp.schemaEdit.count} edits)   p50 ${ms(r.lsp.schemaEdit.p50Ms)}, p95 ${ms(r.lsp.schemaEditP95Ms)}`,
    `  resident memory after loading the project                          ${r.lsp.rssMB} MB (peak ${r.lsp.peakRssMB} MB)`,
    "",
  );
  if ("skipped" in r.package && r.package.skipped !== undefined) lines.push(`Package: skipped (${r.package.skipped})`, "");
  else lines.push(`Package: vsix ${r.vsixBytes} bytes (${mb(r.vsixBytes!)}), client bundle ${r.clientBundleBytes} bytes (${mb(r.clientBundleBytes!)})`, "");
  if (Array.isArray(r.scaling)) {
    lines.push("Scaling (full check and parse floor, medians):");
    for (const s of r.scaling) {
      lines.push(`  n=${pad(String(s.n), 6)} ${lpad(String(s.lines), 8)} lines   CLI ${lpad(ms(s.fullCheckMs.median), 10)}   floor ${lpad(ms(s.parseFloorMs.median), 10)}   ${s.fullCheckVsParseFloor}×  (${s.reps} reps)`);
    }
  } else {
    lines.push(`Scaling: skipped (${r.scaling.skipped})`);
  }
  lines.push("", "Targets:");
  for (const t of r.targets) {
    const value = t.value === null ? "not measured" : t.unit === "bytes" ? `${t.value} bytes` : `${t.value} ${t.unit}`;
    lines.push(`  ${pad(t.status, 8)}${pad(t.label, 50)}${value}`);
  }
  return lines.join("\n");
}
