// What a rule's result on a module depends on besides the module itself, and which of those things
// differ between two states of a project. Facts objects are immutable and replaced whenever their
// file's text changes, so comparing them by identity tells what changed.
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, SchemaFacts, SchemaTable } from "../project/types";

/** The rule read the whole schema module (its imports, every table). */
export const DEPENDS_ON_SCHEMA = "schema";
/** The rule asked whether there is a schema and whether every table in it could be read. */
export const DEPENDS_ON_SCHEMA_TRUST = "schema:trust";
/** The rule read the list of table names. */
export const DEPENDS_ON_TABLE_NAMES = "schema:tables";
/** The rule read what the schema module imports. */
export const DEPENDS_ON_SCHEMA_IMPORTS = "schema:imports";
/** The rule read one table's fields and indexes (or found it missing). */
export const tableKey = (table: string) => `table:${table}`;

/** Dependencies that are answered by the schema alone. */
export function isSchemaDependency(dependency: string): boolean {
  return dependency === DEPENDS_ON_SCHEMA || dependency === DEPENDS_ON_SCHEMA_IMPORTS || dependency === DEPENDS_ON_SCHEMA_TRUST || dependency === DEPENDS_ON_TABLE_NAMES || dependency.startsWith("table:");
}
/** The rule looked at every module of the functions folder. */
export const DEPENDS_ON_ALL_MODULES = "*";

/**
 * Narrower ways of looking at every module: each names the part of a module's facts it reads, so
 * that an edit elsewhere in a module (the usual keystroke) does not re-run it. A module's aspect is
 * compared before and after a change; only a difference invalidates `all:<aspect>`.
 */
export const ASPECTS = {
  /** Public mutations that schedule work, and what they write and call (job-status checks). */
  schedulers: (m: ModuleFacts) => JSON.stringify(m.role === "function" ? m.functions
    .filter((f) => f.kind === "mutation" && f.visibility === "public" && f.ctxCalls.some((c) => c.area === "scheduler"))
    .map((f) => [f.name, f.ctxCalls.map((c) => [c.area, c.method, c.stringArgs, c.functionArg?.root, c.functionArg?.path])]) : null),
  /** The fields each table is filtered by with `.filter` (foreign-key index hints). */
  filters: (m: ModuleFacts) => JSON.stringify(m.role === "function" ? m.functions.map((f) => f.queries
    .map((q) => [q.table, q.steps.filter((s) => s.method === "filter").map((s) => s.fields.map((x) => x.name))])) : null),
  /** Whether the module sets or imports something that sets the CORS header. */
  cors: (m: ModuleFacts) => JSON.stringify([m.setsCorsHeader, m.imports.map((i) => i.specifier)]),
} satisfies Record<string, (m: ModuleFacts) => string>;

export type Aspect = keyof typeof ASPECTS;
export const aspectKey = (aspect: Aspect) => `all:${aspect}`;
/** The rule looked up the module at this module path (`lib/util`), present or not. */
export const moduleKey = (modulePath: string) => `module:${modulePath}`;
/** The rule asked only which functions a module registers, with their kinds and visibilities. */
export const shapeKey = (modulePath: string) => `shape:${modulePath}`;
const shapeOf = (m: ModuleFacts) => JSON.stringify(m.functions.map((f) => [f.name, f.kind, f.visibility]));

/** Signatures per facts object: each is computed once, when the module changes, not again on the next edit. */
const signatures = new WeakMap<ModuleFacts, Partial<Record<Aspect | "shape", string>>>();

function aspectOf(facts: ModuleFacts, aspect: Aspect | "shape"): string {
  let cached = signatures.get(facts);
  if (!cached) signatures.set(facts, (cached = {}));
  return (cached[aspect] ??= aspect === "shape" ? shapeOf(facts) : ASPECTS[aspect](facts));
}
/** The rule asked who in the functions folder refers to `modulePath/name`. */
export const serverReferencesKey = (functionKey: string) => `server-refs:${functionKey}`;
/** The rule asked which client files refer to `modulePath/name`. */
export const clientReferencesKey = (functionKey: string) => `client-refs:${functionKey}`;

/** The rule used a value shared by all runs of an analysis (index.memo). */
export const memoKey = (name: string) => `memo:${name}`;

/** The facts an analysis was computed from. */
export interface ProjectSnapshot {
  modules: ReadonlyMap<string, ModuleFacts>;
  clients: ReadonlyMap<string, ModuleFacts>;
  unrouted: ReadonlyMap<string, ModuleFacts>;
  schemaModule: ModuleFacts | undefined;
}

export function snapshotOf(project: ConvexProject): ProjectSnapshot {
  return {
    modules: new Map(project.modules),
    clients: new Map(project.clients),
    unrouted: new Map(project.unrouted),
    schemaModule: project.schemaModule,
  };
}

/**
 * The dependency keys whose answers may differ between `before` and `after`, or "everything" when
 * the answer to any key may have. Conservative: a module that changed in any way invalidates every
 * key it could have contributed to, before and after the change.
 */
export function changedDependencies(
  before: ProjectSnapshot,
  after: ProjectSnapshot,
  files: { modules: readonly FactsChange[]; clients: readonly FactsChange[] } = changedFiles(before, after),
  memos: ReadonlyMap<string, readonly string[]> = new Map(),
): Set<string> {
  const changed = new Set<string>();
  if (before.schemaModule !== after.schemaModule) {
    schemaChanged(before.schemaModule?.schema, after.schemaModule?.schema, changed);
    const imports = (m: ModuleFacts | undefined) => JSON.stringify([m?.path, m?.imports.map((i) => [i.specifier, i.typeOnly, i.names])]);
    if (imports(before.schemaModule) !== imports(after.schemaModule)) changed.add(DEPENDS_ON_SCHEMA_IMPORTS);
  }
  const moduleChanged = (facts: ModuleFacts, other: ModuleFacts | undefined) => {
    changed.add(DEPENDS_ON_ALL_MODULES);
    for (const aspect of Object.keys(ASPECTS) as Aspect[]) {
      if (!other || aspectOf(facts, aspect) !== aspectOf(other, aspect)) changed.add(aspectKey(aspect));
    }
    changed.add(moduleKey(facts.modulePath));
    if (!other || other.modulePath !== facts.modulePath || aspectOf(facts, "shape") !== aspectOf(other, "shape")) changed.add(shapeKey(facts.modulePath));
    for (const reference of facts.references) changed.add(serverReferencesKey(reference.path.join("/")));
  };
  const clientChanged = (facts: ModuleFacts, _other: ModuleFacts | undefined) => {
    for (const reference of facts.references) changed.add(clientReferencesKey(reference.path.join("/")));
  };
  // Each changed file invalidates what its old and its new facts could have answered.
  for (const { before: old, after: now } of files.modules) {
    if (old) moduleChanged(old, now);
    if (now) moduleChanged(now, old);
  }
  for (const { before: old, after: now } of files.clients) {
    if (old) clientChanged(old, now);
    if (now) clientChanged(now, old);
  }
  // A shared value is stale when anything it read changed (memos do not read other memos).
  for (const [name, read] of memos) if (read.some((d) => changed.has(d))) changed.add(memoKey(name));
  return changed;
}

/**
 * A schema edit re-runs only what read the parts that changed: typing in one table's fields does not
 * touch the modules that query another. Positions are left out: findings elsewhere never quote them.
 */
function schemaChanged(before: SchemaFacts | undefined, after: SchemaFacts | undefined, changed: Set<string>): void {
  changed.add(DEPENDS_ON_SCHEMA);
  const trust = (s: SchemaFacts | undefined) => (s === undefined ? "none" : String(s.complete));
  if (trust(before) !== trust(after)) changed.add(DEPENDS_ON_SCHEMA_TRUST);
  const tables = (s: SchemaFacts | undefined) => new Map((s?.tables ?? []).map((t) => [t.name, signature(t)]));
  const old = tables(before);
  const now = tables(after);
  if ([...old.keys()].join("\u0000") !== [...now.keys()].join("\u0000")) changed.add(DEPENDS_ON_TABLE_NAMES);
  for (const [name, sig] of now) if (old.get(name) !== sig) changed.add(tableKey(name));
  for (const name of old.keys()) if (!now.has(name)) changed.add(tableKey(name));
}

function signature(table: SchemaTable): string {
  return JSON.stringify(table, (key, value: unknown) => (key === "span" || key.endsWith("Span") ? undefined : value));
}

/** A file whose facts are not the same object in two states: `before` or `after` is undefined when it appeared or went away. */
export interface FactsChange {
  before?: ModuleFacts;
  after?: ModuleFacts;
}

/** The function modules and the client files whose facts differ between two states. */
export function changedFiles(before: ProjectSnapshot, after: ProjectSnapshot): { modules: FactsChange[]; clients: FactsChange[] } {
  const collect = (a: ReadonlyMap<string, ModuleFacts>, b: ReadonlyMap<string, ModuleFacts>) => {
    const changes: FactsChange[] = [];
    for (const [file, facts] of b) {
      const old = a.get(file);
      if (old !== facts) changes.push({ before: old, after: facts });
    }
    for (const [file, facts] of a) if (!b.has(file)) changes.push({ before: facts });
    return changes;
  };
  return { modules: collect(before.modules, after.modules), clients: collect(before.clients, after.clients) };
}

