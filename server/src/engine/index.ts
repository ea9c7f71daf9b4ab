// Cross-module facts of one project, built once per analysis run from the per-module facts:
// the schema's tables and which modules refer to which functions.
import { candidateModulePaths } from "../project/paths";
import type { ConvexProject } from "../project/project";
import type { FunctionReference, ModuleFacts, RegisteredFunction, SchemaFacts, SchemaTable } from "../project/types";

export interface ReferenceSite {
  module: ModuleFacts;
  reference: FunctionReference;
}

/** Tables Convex defines itself; code may name them without declaring them. */
export const SYSTEM_TABLES = new Set(["_storage", "_scheduled_functions"]);
/** Indexes every table has. */
export const BUILTIN_INDEXES = new Set(["by_creation_time", "by_id"]);

export class AnalysisIndex {
  readonly schema: SchemaFacts | undefined;
  private readonly tables = new Map<string, SchemaTable>();
  private readonly serverRefs = new Map<string, ReferenceSite[]>();
  private readonly clientRefs = new Map<string, ReferenceSite[]>();
  private readonly modulesByPath = new Map<string, ModuleFacts>();

  constructor(readonly project: ConvexProject) {
    this.schema = project.schema;
    for (const table of this.schema?.tables ?? []) this.tables.set(table.name, table);
    for (const module of project.modules.values()) {
      this.modulesByPath.set(module.modulePath, module);
      for (const reference of module.references) add(this.serverRefs, key(reference.path), { module, reference });
    }
    for (const module of project.clients.values()) {
      for (const reference of module.references) add(this.clientRefs, key(reference.path), { module, reference });
    }
  }

  /** The schema when every table in it could be read; undefined when rules must not trust it. */
  get trustedSchema(): SchemaFacts | undefined {
    return this.schema?.complete ? this.schema : undefined;
  }

  table(name: string): SchemaTable | undefined {
    return this.tables.get(name);
  }

  /** `api.x.y` / `internal.x.y` sites inside the functions folder that name `modulePath:name`. */
  serverReferencesTo(module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
    return this.serverRefs.get(key([...module.modulePath.split("/"), fn.name])) ?? [];
  }

  clientReferencesTo(module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
    return this.clientRefs.get(key([...module.modulePath.split("/"), fn.name])) ?? [];
  }

  /** The module of this project a relative import in `from` leads to (`./x`, `../lib/x.js`, `./dir`). */
  resolveImport(from: ModuleFacts, specifier: string): ModuleFacts | undefined {
    const candidates = candidateModulePaths(from.modulePath, specifier);
    return candidates?.map((c) => this.modulesByPath.get(c)).find((m) => m !== undefined);
  }

  /** The function a reference names, if it exists in this project. */
  resolve(reference: FunctionReference): { module: ModuleFacts; fn: RegisteredFunction } | undefined {
    if (reference.path.length < 2) return undefined;
    const module = this.modulesByPath.get(reference.path.slice(0, -1).join("/"));
    const name = reference.path[reference.path.length - 1];
    const fn = module?.functions.find((f) => f.name === name);
    return module && fn ? { module, fn } : undefined;
  }
}

function key(path: string[]): string {
  return path.join("/");
}

function add<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
