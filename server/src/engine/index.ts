// Cross-module facts of one project, built once per analysis run from the per-module facts:
// the schema's tables and which modules refer to which functions. Every lookup a rule makes here is
// recorded as a dependency, so a rule's result on a module can be reused until what it read changes.
import { candidateModulePaths } from "../project/paths";
import { LayeredMap } from "./layeredMap";
import type { ConvexProject } from "../project/project";
import type { FunctionKind, FunctionReference, ModuleFacts, RegisteredFunction, SchemaFacts, SchemaTable } from "../project/types";
import { DEPENDS_ON_ALL_MODULES, DEPENDS_ON_SCHEMA, DEPENDS_ON_SCHEMA_IMPORTS, DEPENDS_ON_SCHEMA_TRUST, DEPENDS_ON_TABLE_NAMES, aspectKey, clientReferencesKey, moduleKey, memoKey, serverReferencesKey, shapeKey, tableKey, type Aspect, type FactsChange } from "./dependencies";

export interface ReferenceSite {
  module: ModuleFacts;
  reference: FunctionReference;
}

/** Tables Convex defines itself; code may name them without declaring them. */
export const SYSTEM_TABLES = new Set(["_storage", "_scheduled_functions"]);
/** Indexes every table has. */
export const BUILTIN_INDEXES = new Set(["by_creation_time", "by_id"]);

/** A recording that has not read anything yet. */
const NOT_YET: unique symbol = Symbol("nothing read yet");

export class AnalysisIndex {
  private readonly tables = new Map<string, SchemaTable>();
  // Layered: derived from the previous index's maps with only what the edit changed (see layeredMap.ts).
  private readonly serverRefs: LayeredMap<string, ReferenceSite[]>;
  private readonly clientRefs: LayeredMap<string, ReferenceSite[]>;
  private readonly modulesByPath: LayeredMap<string, ModuleFacts>;
  private readonly schemaFacts: SchemaFacts | undefined;
  private readonly schemaModuleFacts: ModuleFacts | undefined;
  /** What the rule running now has read; undefined outside a rule run (fix builders are not tracked). */
  private recording: Set<string> | typeof NOT_YET | undefined;
  private readonly memos = new Map<symbol, { value: unknown }>();

  /**
   * The project as it was when the index was built. Rules read other modules only through the
   * methods below (which are tracked); fix builders, computed on demand, may read it directly.
   * Given the previous index and the files changed since, the maps are copied and patched rather
   * than rebuilt, and shared values (memos) that nothing changed under are carried over.
   */
  constructor(readonly project: ConvexProject, base?: { index: AnalysisIndex; changes: { modules: FactsChange[]; clients: FactsChange[] }; staleMemos: ReadonlySet<string> }) {
    this.schemaModuleFacts = project.schemaModule;
    this.schemaFacts = this.schemaModuleFacts?.schema;
    for (const table of this.schemaFacts?.tables ?? []) this.tables.set(table.name, table);
    if (base) {
      this.modulesByPath = LayeredMap.derive(base.index.modulesByPath);
      this.serverRefs = patchReferences(base.index.serverRefs, base.changes.modules);
      this.clientRefs = patchReferences(base.index.clientRefs, base.changes.clients);
      for (const { before, after } of base.changes.modules) {
        if (before && this.modulesByPath.get(before.modulePath) === before) this.modulesByPath.delete(before.modulePath);
        if (after) this.modulesByPath.set(after.modulePath, after);
      }
      for (const [key, entry] of base.index.memos) if (!base.staleMemos.has(key.description ?? "")) this.memos.set(key, entry);
      return;
    }
    const modulesByPath = new Map<string, ModuleFacts>();
    const serverRefs = new Map<string, ReferenceSite[]>();
    const clientRefs = new Map<string, ReferenceSite[]>();
    for (const module of project.modules.values()) {
      modulesByPath.set(module.modulePath, module);
      for (const reference of module.references) add(serverRefs, key(reference.path), { module, reference });
    }
    for (const module of project.clients.values()) {
      for (const reference of module.references) add(clientRefs, key(reference.path), { module, reference });
    }
    for (const sites of serverRefs.values()) sites.sort(bySite);
    for (const sites of clientRefs.values()) sites.sort(bySite);
    this.modulesByPath = LayeredMap.of(modulesByPath);
    this.serverRefs = LayeredMap.of(serverRefs);
    this.clientRefs = LayeredMap.of(clientRefs);
  }

  /** Runs `fn` and returns what it read through this index, as dependency keys. */
  recordDependencies(fn: () => void): string[] | undefined {
    // Most runs read nothing beyond their module: the set is made on the first read only.
    this.recording = NOT_YET;
    try {
      fn();
      const deps = this.recording as Set<string> | typeof NOT_YET;
      return deps === NOT_YET ? undefined : [...deps];
    } finally {
      this.recording = undefined;
    }
  }

  /**
   * A value computed once per analysis and shared by every rule run (a walk over all modules). A run
   * that asks for it depends on `memo:<name>`, which changes when anything the computation read
   * changes (see `memoDependencies`).
   */
  memo<T>(key: symbol, compute: () => T): T {
    const name = key.description ?? "memo";
    this.read(memoKey(name));
    let entry = this.memos.get(key);
    if (!entry) {
      const outer = this.recording;
      const deps = new Set<string>();
      this.recording = deps;
      try {
        entry = { value: compute() };
      } finally {
        this.recording = outer;
      }
      this.memos.set(key, entry);
      this.memoDependencies.set(name, [...deps]);
    }
    return entry.value as T;
  }

  /** What each memo computed in this analysis read, by memo name. */
  readonly memoDependencies = new Map<string, string[]>();

  private read(dependency: string): void {
    if (this.recording === undefined) return;
    if (this.recording === NOT_YET) this.recording = new Set();
    this.recording.add(dependency);
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

  /** The schema module's facts, for what it imports (cycle checks): only its path and imports may be read. */
  get schemaModule(): ModuleFacts | undefined {
    this.read(DEPENDS_ON_SCHEMA_IMPORTS);
    return this.schemaModuleFacts;
  }

  /** The schema when every table in it could be read; undefined when rules must not trust it. */
  get trustedSchema(): SchemaFacts | undefined {
    const schema = this.schema;
    return schema?.complete ? schema : undefined;
  }

  /** Whether there is a schema.ts. */
  get hasSchema(): boolean {
    this.read(DEPENDS_ON_SCHEMA_TRUST);
    return this.schemaFacts !== undefined;
  }

  /** Whether every table of the schema could be read, so that "no such table/index" can be said. */
  get schemaTrusted(): boolean {
    this.read(DEPENDS_ON_SCHEMA_TRUST);
    return this.schemaFacts?.complete === true;
  }

  tableNames(): string[] {
    this.read(DEPENDS_ON_TABLE_NAMES);
    return [...this.tables.keys()];
  }

  table(name: string): SchemaTable | undefined {
    this.read(tableKey(name));
    return this.tables.get(name);
  }

  /**
   * Every module of the functions folder. A rule that reads them all is re-run after any change,
   * unless it names the aspect it reads (and reads nothing else of the modules it does not resolve).
   */
  allModules(aspect?: Aspect): IterableIterator<ModuleFacts> {
    this.read(aspect ? aspectKey(aspect) : DEPENDS_ON_ALL_MODULES);
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

  /** The kind of the function a reference names, if it exists in this project (reads less than `resolve`). */
  kindOf(reference: FunctionReference): FunctionKind | undefined {
    if (reference.path.length < 2) return undefined;
    const modulePath = reference.path.slice(0, -1).join("/");
    this.read(shapeKey(modulePath));
    const name = reference.path[reference.path.length - 1];
    return this.modulesByPath.get(modulePath)?.functions.find((f) => f.name === name)?.kind;
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

/** Reference sites in a stable order (file, then position), however the files were loaded. */
function bySite(a: ReferenceSite, b: ReferenceSite): number {
  return a.module.path < b.module.path ? -1 : a.module.path > b.module.path ? 1 : a.reference.span.start - b.reference.span.start;
}

/** A copy of `map` without the changed files' old sites and with their new ones; untouched lists are shared. */
function patchReferences(map: LayeredMap<string, ReferenceSite[]>, changes: readonly FactsChange[]): LayeredMap<string, ReferenceSite[]> {
  const out = LayeredMap.derive(map);
  if (changes.length === 0) return out;
  const gone = new Set<ModuleFacts>();
  const touched = new Set<string>();
  for (const { before, after } of changes) {
    if (before) {
      gone.add(before);
      for (const r of before.references) touched.add(key(r.path));
    }
    for (const r of after?.references ?? []) touched.add(key(r.path));
  }
  for (const k of touched) {
    const kept = (out.get(k) ?? []).filter((site) => !gone.has(site.module));
    out.set(k, kept);
  }
  for (const { after } of changes) {
    for (const reference of after?.references ?? []) out.get(key(reference.path))!.push({ module: after!, reference });
  }
  for (const k of touched) {
    const sites = out.get(k)!;
    if (sites.length === 0) out.delete(k);
    else sites.sort(bySite);
  }
  return out;
}

export function key(path: readonly string[]): string {
  return path.join("/");
}

function add<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
