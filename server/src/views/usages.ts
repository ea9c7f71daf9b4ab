// Where a table, an index or a function is used, from the facts the model already holds:
// `ctx.db.*("table")` calls, `db.query("table")` chains, `v.id("table")` validators,
// `withIndex("name")` on the table, and `api.*`/`internal.*` references. Each site once.
import type { AnalysisIndex } from "../engine/index";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, Span } from "../project/types";
import type { UsagesResult, ViewLocation } from "../lsp/protocol";
import { locationOf } from "./location";

class Sites {
  private readonly seen = new Set<string>();
  readonly locations: ViewLocation[] = [];
  add(module: ModuleFacts, span: Span): void {
    const key = `${module.path}:${span.start}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.locations.push(locationOf(module, span));
  }
}

const modulesOf = (project: ConvexProject) => [...project.modules.values(), ...project.clients.values()];

/** Uses of a table (or of one of its indexes, when `indexName` is given). */
export function tableUsages(project: ConvexProject, tableName: string, indexName?: string): UsagesResult {
  const schemaModule = project.schemaModule;
  const table = project.schema?.tables.find((t) => t.name === tableName);
  const index = indexName === undefined ? undefined : table?.indexes.find((i) => i.name === indexName);
  const sites = new Sites();
  for (const module of modulesOf(project)) {
    for (const fn of module.functions) {
      if (indexName === undefined) {
        for (const call of fn.ctxCalls) if (call.area === "db" && call.tableName === tableName && call.tableNameSpan) sites.add(module, call.tableNameSpan);
      }
      for (const chain of fn.queries) {
        if (chain.table !== tableName) continue;
        if (indexName === undefined) {
          if (chain.tableSpan) sites.add(module, chain.tableSpan);
          continue;
        }
        for (const step of chain.steps) {
          if (step.method === "withIndex" && step.indexName === indexName && step.indexNameSpan) sites.add(module, step.indexNameSpan);
        }
      }
    }
    if (indexName === undefined) {
      for (const id of module.idValidators) if (id.table === tableName) sites.add(module, id.span);
    }
  }
  const definitionSpan = index?.nameSpan ?? table?.nameSpan;
  return {
    definition: schemaModule && definitionSpan ? locationOf(schemaModule, definitionSpan) : undefined,
    locations: sites.locations.sort(byPosition),
  };
}

/** `api.module.fn` / `internal.module.fn` references, in the functions folder and in client code. */
export function functionUsages(index: AnalysisIndex, modulePath: string, functionName: string): UsagesResult {
  const module = [...index.project.modules.values()].find((m) => m.modulePath === modulePath);
  const fn = module?.functions.find((f) => f.name === functionName);
  if (!module || !fn) return { locations: [] };
  const sites = new Sites();
  for (const site of [...index.serverReferencesTo(module, fn), ...index.clientReferencesTo(module, fn)]) sites.add(site.module, site.reference.span);
  return { definition: locationOf(module, fn.nameSpan), locations: sites.locations.sort(byPosition) };
}

function byPosition(a: ViewLocation, b: ViewLocation): number {
  return a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
