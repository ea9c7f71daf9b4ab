// Rewriting `api.x.y` / `internal.x.y` references across the workspace when a function changes
// visibility, module or name, with each touched file's imports kept in step.
import type { AnalysisIndex, ReferenceSite } from "../engine/index";
import type { ModuleFacts, RegisteredFunction } from "../project/types";
import type { FileEdit } from "../rules/types";
import { changeGeneratedImport, localNameOf } from "./imports";

/**
 * References in files of the functions folder that Convex does not bundle but that still compile
 * against `_generated/api` (tests such as `convex/jobs.test.ts`).
 */
export function unroutedReferencesTo(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
  const key = [...module.modulePath.split("/"), fn.name].join("/");
  const sites: ReferenceSite[] = [];
  for (const other of index.project.unrouted.values()) {
    if (other.role !== "unrouted") continue;
    for (const reference of other.references) if (reference.path.join("/") === key) sites.push({ module: other, reference });
  }
  return sites;
}

/** Every reference to the function: server code first, then client code outside the functions folder. */
export function referencesTo(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
  return [...index.serverReferencesTo(module, fn), ...index.clientReferencesTo(module, fn)];
}

export interface ReferenceTarget {
  root: "api" | "internal";
  /** Module path segments then the export name. */
  path: string[];
}

/**
 * Edits that make each site name `target` instead: the reference text, plus per file the import of
 * the new root and the removal of the old root's import when nothing else uses it.
 */
export function rewriteReferences(index: AnalysisIndex, sites: readonly ReferenceSite[], target: ReferenceTarget): FileEdit[] {
  const edits: FileEdit[] = [];
  const byModule = new Map<ModuleFacts, ReferenceSite[]>();
  for (const site of sites) byModule.set(site.module, [...(byModule.get(site.module) ?? []), site]);
  for (const [module, moduleSites] of byModule) {
    const rootLocal = localNameOf(module, "api", target.root) ?? target.root;
    for (const { reference } of moduleSites) {
      edits.push({ path: module.path, start: reference.span.start, end: reference.span.end, newText: [rootLocal, ...target.path].join(".") });
    }
    const oldRoots = [...new Set(moduleSites.map((s) => s.reference.root))].filter((r) => r !== target.root);
    edits.push(...changeGeneratedImport(index.project, module, "api", {
      add: [target.root],
      removeIfUnused: oldRoots,
      rewritten: moduleSites.map((s) => s.reference.span),
    }));
  }
  return edits;
}
