// Making a public function internal: its builder (and the `_generated/server` import) plus every
// `api.x.y` reference in server code rewritten to `internal.x.y`. Shared by prefer-internal,
// schedule-internal-only and the "Convert to internal…" refactoring.
import * as path from "node:path";
import type { AnalysisIndex, ReferenceSite } from "../engine/index";
import { positionAt } from "../project/parse";
import type { ModuleFacts, RegisteredFunction } from "../project/types";
import type { Fix } from "../rules/types";
import { builderName, changeBuilder } from "./builders";
import { rewriteReferences, unroutedReferencesTo } from "./references";

export type ConvertToInternal = { fix: Fix; blocked?: undefined } | { fix?: undefined; blocked: string };

/** `Convert "sendEmail" to internalAction`. */
export function convertToInternalTitle(fn: RegisteredFunction): string {
  return `Convert "${fn.name}" to ${builderName(fn.kind, "internal") ?? "an internal function"}`;
}

/**
 * The conversion of `fn`, or why it cannot be made: client code calls it (it would stop compiling
 * and working), the project is a component (its public functions are the installing app's API), or
 * it is registered with a custom builder whose internal counterpart cannot be known. Undefined when
 * there is nothing to convert (already internal, an httpAction).
 */
export function convertToInternal(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction): ConvertToInternal | undefined {
  if (fn.visibility !== "public" || fn.kind === "httpAction") return undefined;
  const target = builderName(fn.kind, "internal");
  if (!target) return undefined;
  if (index.project.isComponent) {
    return { blocked: "This is a component: its public functions are the API the installing app calls through `components.*`." };
  }
  const clients = index.clientReferencesTo(module, fn);
  if (clients.length > 0) {
    const first = clients[0];
    const where = `${path.posix.relative(index.project.location.root, first.module.path)}:${positionAt(first.module.lineStarts, first.reference.span.start).line + 1}`;
    const more = clients.length > 1 ? ` and ${clients.length - 1} more place${clients.length > 2 ? "s" : ""}` : "";
    return { blocked: `"${fn.name}" is called from client code in ${where}${more}; internal functions cannot be called from clients.` };
  }
  const builder = changeBuilder(index.project, module, fn, target);
  if (!builder) {
    return { blocked: `"${fn.name}" is registered with the custom builder \`${fn.builder}\`, whose internal counterpart is not known.` };
  }
  const sites = serverSites(index, module, fn).filter((s) => s.reference.root === "api");
  const references = rewriteReferences(index, sites, { root: "internal", path: [...module.modulePath.split("/"), fn.name] });
  return { fix: { title: convertToInternalTitle(fn), safe: true, edits: [...builder, ...references] } };
}

/** References in the functions folder: its modules, and files Convex does not bundle (tests). */
function serverSites(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction): ReferenceSite[] {
  return [...index.serverReferencesTo(module, fn), ...unroutedReferencesTo(index, module, fn)];
}
