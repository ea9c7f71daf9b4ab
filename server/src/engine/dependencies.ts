// What a rule's result on a module depends on besides the module itself, and which of those things
// differ between two states of a project. Facts objects are immutable and replaced whenever their
// file's text changes, so comparing them by identity tells what changed.
import type { ConvexProject } from "../project/project";
import type { ModuleFacts } from "../project/types";

/** The rule read the schema (tables, fields, indexes, the schema module's imports). */
export const DEPENDS_ON_SCHEMA = "schema";
/** The rule looked at every module of the functions folder. */
export const DEPENDS_ON_ALL_MODULES = "*";
/** The rule looked up the module at this module path (`lib/util`), present or not. */
export const moduleKey = (modulePath: string) => `module:${modulePath}`;
/** The rule asked who in the functions folder refers to `modulePath/name`. */
export const serverReferencesKey = (functionKey: string) => `server-refs:${functionKey}`;
/** The rule asked which client files refer to `modulePath/name`. */
export const clientReferencesKey = (functionKey: string) => `client-refs:${functionKey}`;

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
export function changedDependencies(before: ProjectSnapshot, after: ProjectSnapshot): Set<string> {
  const changed = new Set<string>();
  if (before.schemaModule !== after.schemaModule) changed.add(DEPENDS_ON_SCHEMA);
  const moduleChanged = (facts: ModuleFacts) => {
    changed.add(DEPENDS_ON_ALL_MODULES);
    changed.add(moduleKey(facts.modulePath));
    for (const reference of facts.references) changed.add(serverReferencesKey(reference.path.join("/")));
  };
  const clientChanged = (facts: ModuleFacts) => {
    for (const reference of facts.references) changed.add(clientReferencesKey(reference.path.join("/")));
  };
  diff(before.modules, after.modules, moduleChanged);
  diff(before.clients, after.clients, clientChanged);
  return changed;
}

/** Calls `changed` with the old and the new facts of every file whose facts are not the same object. */
function diff(before: ReadonlyMap<string, ModuleFacts>, after: ReadonlyMap<string, ModuleFacts>, changed: (facts: ModuleFacts) => void): void {
  for (const [file, facts] of after) {
    const old = before.get(file);
    if (old === facts) continue;
    if (old) changed(old);
    changed(facts);
  }
  for (const [file, facts] of before) if (!after.has(file)) changed(facts);
}
