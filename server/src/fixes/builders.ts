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
  return changeBuilders(project, module, [{ fn, newBuilder }]);
}

/**
 * Several functions of one module changing builder in one fix, with one edit to the import; undefined
 * when any of them uses a custom builder.
 */
export function changeBuilders(project: ConvexProject, module: ModuleFacts, changes: readonly { fn: RegisteredFunction; newBuilder: string }[]): FileEdit[] | undefined {
  const edits: FileEdit[] = [];
  const removed: string[] = [];
  for (const { fn, newBuilder } of changes) {
    const imported = Object.keys(BUILDERS).find((name) => localNameOf(module, "server", name) === fn.builder);
    if (!imported || !BUILDERS[newBuilder]) return undefined;
    removed.push(imported);
    const local = localNameOf(module, "server", newBuilder) ?? newBuilder;
    edits.push({ path: module.path, start: fn.builderSpan.start, end: fn.builderSpan.end, newText: local });
  }
  return [
    ...edits,
    ...changeGeneratedImport(project, module, "server", {
      add: [...new Set(changes.map((c) => c.newBuilder))],
      removeIfUnused: [...new Set(removed)],
      rewritten: changes.map((c) => c.fn.builderSpan),
    }),
  ];
}
