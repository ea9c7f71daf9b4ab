// Changing the builder a function is registered with (`query` → `mutation`, `action` →
// `internalAction`), with the `_generated/server` import following.
import type { ConvexProject } from "../project/project";
import { BUILDERS, type ModuleFacts, type RegisteredFunction } from "../project/types";
import type { FileEdit } from "../rules/types";
import { changeGeneratedImport, localNameOf } from "./imports";

/** The builder of that kind and visibility: `internalMutation` for ("mutation", "internal"). */
export function builderName(kind: RegisteredFunction["kind"], visibility: RegisteredFunction["visibility"]): string | undefined {
  return Object.entries(BUILDERS).find(([, b]) => b.kind === kind && b.visibility === visibility)?.[0];
}

/**
 * Edits that register `fn` with `newBuilder` instead; undefined when `fn` uses a custom builder
 * (a `customQuery` wrapper) whose counterpart cannot be known.
 */
export function changeBuilder(project: ConvexProject, module: ModuleFacts, fn: RegisteredFunction, newBuilder: string): FileEdit[] | undefined {
  const imported = Object.keys(BUILDERS).find((name) => localNameOf(module, "server", name) === fn.builder);
  if (!imported || !BUILDERS[newBuilder]) return undefined;
  const local = localNameOf(module, "server", newBuilder) ?? newBuilder;
  return [
    { path: module.path, start: fn.builderSpan.start, end: fn.builderSpan.end, newText: local },
    ...changeGeneratedImport(project, module, "server", { add: [newBuilder], removeIfUnused: [imported], rewritten: [fn.builderSpan] }),
  ];
}
