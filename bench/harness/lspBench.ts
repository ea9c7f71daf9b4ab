// The language server as an editor sees it: cold start, typing in the 2,000-line module, editing the
// schema, and memory. The server publishes a file's diagnostics only when they change, so every
// measured edit is one that must change them, and each wait also checks that they changed the way
// the edit implies.
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import type { GeneratedProject } from "../gen/project";
import { REPO_ROOT } from "./checkBench";
import { BenchLspClient, fileUri, type Publish } from "./lspClient";
import { percentile, round } from "./stats";

const COLD_START_TIMEOUT_MS = 5 * 60_000;
const EDIT_TIMEOUT_MS = 2 * 60_000;
const QUIET_MS = 1000;
const QUIET_TIMEOUT_MS = 5 * 60_000;

export interface LatencySeries {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samples: number[];
}

export interface LspResults {
  /** Spawn → the first publishDiagnostics of the large module, opened right after `initialized`. */
  coldStartMs: number;
  /**
   * The same for the very first start, with an empty code cache (the server writes it when it
   * exits): what a user waits once after installing or updating.
   */
  firstColdStartMs: number;
  /** Spawn → the answer to `initialize`. */
  initializeMs: number;
  /** Files whose diagnostics had been published when the server first went quiet. */
  filesPublishedAtStart: number;
  /** VmRSS of the server once the whole project is loaded and the server has gone quiet. */
  rssMB: number;
  /** VmHWM (peak resident memory) at the same moment. */
  peakRssMB: number;
  rssAfterEditsMB: number;
  edit: LatencySeries & { file: string; what: string };
  schemaEdit: LatencySeries & { file: string; what: string; dependents: number; otherFilesRepublishedMax: number };
}

function series(samples: number[]): LatencySeries {
  return {
    count: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    maxMs: round(Math.max(...samples)),
    samples: samples.map(round),
  };
}

const codes = (list: Diagnostic[]) => list.map((d) => String(d.code));

/** A first server start (empty code cache) until the large module's diagnostics; the server then exits, writing its cache. */
async function firstStart(root: string, largeFile: string, largeText: string): Promise<number> {
  const client = BenchLspClient.spawn(path.join(REPO_ROOT, "dist/server.js"));
  try {
    await client.initialize(root);
    await client.open(largeFile, largeText, 1);
    const first = await client.waitFor("the large module's first diagnostics (first start)", () => client.latest.get(fileUri(largeFile)), COLD_START_TIMEOUT_MS);
    return first.at - client.spawnedAt;
  } finally {
    await client.stop();
  }
}

export async function lspBench(
  project: GeneratedProject,
  opts: { edits: number; schemaEdits: number; log: (line: string) => void },
): Promise<LspResults> {
  const root = project.dir;
  const largeFile = path.join(root, project.largeModule.path);
  const largeUri = fileUri(largeFile);
  const largeText = fs.readFileSync(largeFile, "utf8");
  const firstColdStartMs = await firstStart(root, largeFile, largeText);
  opts.log(`  lsp first start (empty code cache): ${Math.round(firstColdStartMs)} ms`);
  const client = BenchLspClient.spawn(path.join(REPO_ROOT, "dist/server.js"));
  try {
    // Cold start: initialize, initialized, and at once open the large module, as an editor restoring a session does.
    await client.initialize(root);
    const initializeMs = performance.now() - client.spawnedAt;
    await client.open(largeFile, largeText, 1);
    const first = await client.waitFor("the large module's first diagnostics", () => client.latest.get(largeUri), COLD_START_TIMEOUT_MS);
    const coldStartMs = first.at - client.spawnedAt;
    opts.log(`  lsp cold start: ${Math.round(coldStartMs)} ms (initialize answered after ${Math.round(initializeMs)} ms)`);
    // Reading the rest of the project sends nothing for a while: quiet alone could start the edits
    // before the first analysis of the whole project is done (the first edit then waited for it).
    await client.waitFor("the first analysis of the whole project", () => client.statuses > 0, QUIET_TIMEOUT_MS);
    await client.quiescence(QUIET_MS, QUIET_TIMEOUT_MS);
    const loaded = client.memoryMB();
    const filesPublishedAtStart = client.latest.size;
    opts.log(`  lsp loaded: ${filesPublishedAtStart} files with diagnostics, RSS ${Math.round(loaded.rss)} MB (peak ${Math.round(loaded.peak)} MB)`);

    // Typing in the large module: insert a `.filter(…)` line after the anchor, then remove it, and so on.
    const filterLine = project.largeModule.anchorLine + 1;
    const hasFilterFinding = (p: Publish) => p.diagnostics.some((d) => d.code === "no-filter-in-query" && d.range.start.line === filterLine);
    if (hasFilterFinding(client.latest.get(largeUri)!)) throw new Error("the large module already has a no-filter-in-query finding on the edited line");
    const editSamples: number[] = [];
    let version = 1;
    for (let i = 0; i < opts.edits; i++) {
      const insert = i % 2 === 0;
      version++;
      const before = client.publishes.length;
      const v = version;
      const sentAt = performance.now();
      if (insert) await client.edit(largeFile, v, { start: { line: filterLine, character: 0 }, end: { line: filterLine, character: 0 } }, project.largeModule.filterLine + "\n");
      else await client.edit(largeFile, v, { start: { line: filterLine, character: 0 }, end: { line: filterLine + 1, character: 0 } }, "");
      const publish = await client.waitFor(
        `the large module's diagnostics for version ${v}`,
        () => client.publishes.slice(before).find((p) => p.uri === largeUri && p.version === v),
        EDIT_TIMEOUT_MS,
      );
      if (hasFilterFinding(publish) !== insert) {
        throw new Error(`after ${insert ? "inserting" : "removing"} the .filter line (version ${v}) the large module's findings are ${codes(publish.diagnostics).join(", ")}`);
      }
      editSamples.push(publish.at - sentAt);
    }
    const edit = series(editSamples);
    opts.log(`  lsp edits (${edit.count}): p50 ${edit.p50Ms} ms, p95 ${edit.p95Ms} ms`);

    // Schema edits: remove the index that the dependents read through, then restore it, and so on.
    const schemaFile = path.join(root, project.schemaEdit.path);
    const schemaText = fs.readFileSync(schemaFile, "utf8");
    if (schemaText.split("\n")[project.schemaEdit.line] !== project.schemaEdit.text) throw new Error("the schema edit's line is not where the generator said");
    await client.open(schemaFile, schemaText, 1);
    await client.quiescence(QUIET_MS, QUIET_TIMEOUT_MS);
    const dependents = project.schemaEdit.dependents.map((rel) => fileUri(path.join(root, rel)));
    if (dependents.length === 0) throw new Error(`no module reads through ${project.schemaEdit.table}.${project.schemaEdit.index}: nothing to time`);
    const dependentSet = new Set(dependents);
    const schemaSamples: number[] = [];
    let otherFilesRepublishedMax = 0;
    const line = project.schemaEdit.line;
    for (let j = 0; j < opts.schemaEdits; j++) {
      const remove = j % 2 === 0;
      const before = client.publishes.length;
      const sentAt = performance.now();
      if (remove) await client.edit(schemaFile, j + 2, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, "");
      else await client.edit(schemaFile, j + 2, { start: { line, character: 0 }, end: { line, character: 0 } }, project.schemaEdit.text + "\n");
      const expectUnknown = remove;
      const lastAt = await client.waitFor(
        `${dependents.length} dependents of ${project.schemaEdit.table}.${project.schemaEdit.index} republished after schema edit ${j + 1} (${remove ? "remove" : "restore"})`,
        () => {
          let latest = 0;
          for (const uri of dependents) {
            let found: Publish | undefined;
            for (let k = client.publishes.length - 1; k >= before; k--) {
              if (client.publishes[k].uri === uri) {
                found = client.publishes[k];
                break;
              }
            }
            if (!found || found.diagnostics.some((d) => d.code === "unknown-index") !== expectUnknown) return undefined;
            latest = Math.max(latest, found.at);
          }
          return latest;
        },
        EDIT_TIMEOUT_MS,
      );
      schemaSamples.push(lastAt - sentAt);
      // Let trailing work finish before the next edit, and note files republished beyond the dependents.
      await client.quiescence(QUIET_MS / 2, QUIET_TIMEOUT_MS);
      const others = new Set(client.publishes.slice(before).map((p) => p.uri).filter((uri) => !dependentSet.has(uri)));
      otherFilesRepublishedMax = Math.max(otherFilesRepublishedMax, others.size);
    }
    const schemaEdit = series(schemaSamples);
    opts.log(`  lsp schema edits (${schemaEdit.count}, ${dependents.length} dependents): p50 ${schemaEdit.p50Ms} ms, p95 ${schemaEdit.p95Ms} ms`);
    const afterEdits = client.memoryMB();
    return {
      coldStartMs: round(coldStartMs),
      firstColdStartMs: round(firstColdStartMs),
      initializeMs: round(initializeMs),
      filesPublishedAtStart,
      rssMB: round(loaded.rss),
      peakRssMB: round(loaded.peak),
      rssAfterEditsMB: round(afterEdits.rss),
      edit: {
        ...edit,
        file: project.largeModule.path,
        what: `alternately insert and remove the line \`${project.largeModule.filterLine.trim()}\` in a query chain (line ${filterLine + 1}), which adds and removes a no-filter-in-query finding`,
      },
      schemaEdit: {
        ...schemaEdit,
        file: project.schemaEdit.path,
        what: `alternately remove and restore \`${project.schemaEdit.text.trim()}\` (${project.schemaEdit.table}.${project.schemaEdit.index}); timed until every module reading through it has republished with (or without) its unknown-index finding`,
        dependents: dependents.length,
        otherFilesRepublishedMax,
      },
    };
  } finally {
    await client.stop();
  }
}
