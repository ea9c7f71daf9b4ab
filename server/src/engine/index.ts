// Cross-module facts of one project, built once per analysis run from the per-module facts:
// the schema's tables and which modules refer to which functions. Every lookup a rule makes here is
// recorded as a dependency, so a rule's result on a module can be reused until what it read changes.
import { candidateModulePaths } from "../project/paths";
import type { ConvexProject } from "../project/project";
import type { FunctionReference, ModuleFacts, RegisteredFunction, SchemaFacts, SchemaTable } from "../project/types";
import { DEPENDS_ON_ALL_MODULES, DEPENDS_ON_SCHEMA, clientReferencesKey, moduleKey, serverReferencesKey } from "./dependencies";

export interface ReferenceSite {
  module: ModuleFacts;
  reference: FunctionReference;
}

/** Tables Convex defines itself; code may name them without declaring them. */
export const SYSTEM_TABLES = new Set(["_storage", "_scheduled_functions"]);
/** Indexes every table has. */
export const BUILTIN_INDEXES = new Set(["by_creation_time", "by_id"]);

export class AnalysisIndex {
  private readonly tables = new Map<string, SchemaTable>();
  private readonly serverRefs = new Map<string, ReferenceSite[]>();
  private readonly clientRefs = new Map<string, ReferenceSite[]>();
  private readonly modulesByPath = new Map<string, ModuleFacts>();
  private readonly schemaFacts: SchemaFacts | undefined;
  private readonly schemaModuleFacts: ModuleFacts | undefined;
  /** What the rule running now has read; undefined outside a rule run (fix builders are not tracked). */
  private recording: Set<string> | undefined;
  private readonly memos = new Map<symbol, { value: unknown; dependencies: string[] }>();

  /**
   * The project as it was when the index was built. Rules read other modules only through the
   * methods below (which are tracked); fix builders, computed on demand, may read it directly.
   */
  constructor(readonly project: ConvexProject) {
    this.schemaModuleFacts = project.schemaModule;
    this.schemaFacts = this.schemaModuleFacts?.schema;
    for (const table of this.schemaFacts?.tables ?? []) this.tables.set(table.name, table);
    for (const module of project.modules.values()) {
      this.modulesByPath.set(module.modulePath, module);
      for (const reference of module.references) add(this.serverRefs, key(reference.path), { module, reference });
    }
    for (const module of project.clients.values()) {
      for (const reference of module.references) add(this.clientRefs, key(reference.path), { module, reference });
    }
  }

  /** Runs `fn` and returns what it read through this index, as dependency keys. */
  recordDependencies(fn: () => void): string[] | undefined {
    const deps = new Set<string>();
    this.recording = deps;
    try {
      fn();
    } finally {
      this.recording = undefined;
    }
    return deps.size === 0 ? undefined : [...deps];
  }

  /**
   * A value computed once per analysis and shared by every rule run (a walk over all modules). The
   * dependencies recorded while computing it are charged to every run that asks for it.
   */
  memo<T>(key: symbol, compute: () => T): T {
    let entry = this.memos.get(key);
    if (!entry) {
      const outer = this.recording;
      const deps = new Set<string>();
      this.recording = deps;
      try {
        entry = { value: compute(), dependencies: [...deps] };
      } finally {
        this.recording = outer;
      }
      this.memos.set(key, entry);
    }
    for (const d of entry.dependencies) this.read(d);
    return entry.value as T;
  }

  private read(dependency: string): void {
    this.recording?.add(dependency);
  }

  // Project-wide settings: a change to any of them makes the engine start over, so no tracking.
  get isComponent(): boolean {
    return this.project.isComponent;
  }

  get convexVersion(): string | undefined {
    return this.project.convexVersion;
  }

  /** The project root (where convex.json or package.json is), for paths in messages. */
  get root(): string {
    return this.project.location.root;
  }

  get schema(): SchemaFacts | undefined {
    this.read(DEPENDS_ON_SCHEMA);
    return this.schemaFacts;
  }

  /** The schema module's facts (its imports, for cycle checks). */
  get schemaModule(): ModuleFacts | undefined {
    this.read(DEPENDS_ON_SCHEMA);
    return this.schemaModuleFacts;
  }

  /** The schema when every table in it could be read; undefined when rules must not trust it. */
  get trustedSchema(): SchemaFacts | undefined {
    const schema = this.schema;
    return schema?.complete ? schema : undefined;
  }

  table(name: string): SchemaTable | undefined {
    this.read(DEPENDS_ON_SCHEMA);
    return this.tables.get(name);
  }

  /** Every module of the functions folder; a rule that reads them all is re-run after any change. */
  allModules(): IterableIterator<ModuleFacts> {
    this.read(DEPENDS_ON_ALL_MODULES);
    return this.project.modules.values();
  }

  /** `api.x.y` / `internal.x.y` sites inside the functions folder that name `modulePath:name`. */
  serverReferencesTo(module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
    const k = key([...module.modulePath.split("/"), fn.name]);
    this.read(serverReferencesKey(k));
    return this.serverRefs.get(k) ?? [];
  }

  clientReferencesTo(module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
    const k = key([...module.modulePath.split("/"), fn.name]);
    this.read(clientReferencesKey(k));
    return this.clientRefs.get(k) ?? [];
  }

  /** The module of this project a relative import in `from` leads to (`./x`, `../lib/x.js`, `./dir`). */
  resolveImport(from: ModuleFacts, specifier: string): ModuleFacts | undefined {
    const candidates = candidateModulePaths(from.modulePath, specifier);
    for (const candidate of candidates ?? []) {
      this.read(moduleKey(candidate));
      const module = this.modulesByPath.get(candidate);
      if (module) return module;
    }
    return undefined;
  }

  /** The function a reference names, if it exists in this project. */
  resolve(reference: FunctionReference): { module: ModuleFacts; fn: RegisteredFunction } | undefined {
    if (reference.path.length < 2) return undefined;
    const modulePath = reference.path.slice(0, -1).join("/");
    this.read(moduleKey(modulePath));
    const module = this.modulesByPath.get(modulePath);
    const name = reference.path[reference.path.length - 1];
    const fn = module?.functions.find((f) => f.name === name);
    return module && fn ? { module, fn } : undefined;
  }
}

export function key(path: readonly string[]): string {
  return path.join("/");
}

function add<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
