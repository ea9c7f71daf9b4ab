import { importsPackages, moveOutOfNodeModuleFix, needsNode, removeUseNodeEdits } from "../fixes/moveToNodeModule";
import type { ModuleFacts } from "../project/types";
import type { AnalysisIndex } from "../engine/index";
import { hasUseNode } from "./nodeBuiltins";
import type { Fix, Rule } from "./types";

/** Modules Convex always loads in its default runtime. */
const DEFAULT_RUNTIME_MODULES = new Set(["http", "crons"]);

/**
 * `Remove "use node"` when no Node.js built-in is imported (safe unless an npm package is imported,
 * which might need Node.js); for a function module that needs Node.js, or might, moving the queries
 * and mutations out instead.
 */
function fixesFor(index: AnalysisIndex, module: ModuleFacts, restricted: boolean): Fix[] {
  const fixes: Fix[] = [];
  const node = needsNode(module);
  const packages = importsPackages(module);
  const removal = node ? undefined : removeUseNodeEdits(module);
  if (removal) fixes.push({ title: 'Remove "use node"', safe: restricted || !packages, edits: removal });
  if (!restricted && (node || packages)) {
    const move = moveOutOfNodeModuleFix(index, module);
    if (move) fixes.push(move);
  }
  return fixes;
}

export const useNodeOnlyActions: Rule = {
  meta: {
    id: "use-node-only-actions",
    description: "A `\"use node\"` module that defines queries or mutations, or `\"use node\"` where it is not allowed.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    deploy: true,
  },
  check({ module, index, report }) {
    if (!hasUseNode(module.directives) || module.role === "client") return;
    const directive = module.directives.find((d) => d.value === "use node")!;
    const fileName = module.path.slice(module.path.lastIndexOf("/") + 1);
    let built: Fix[] | undefined;
    if (module.role !== "function" || DEFAULT_RUNTIME_MODULES.has(module.modulePath)) {
      report(
        directive.span,
        `"use node" is not allowed in ${fileName}: Convex loads it in the default runtime and rejects the push. ` +
          `Remove the directive and move any Node.js code into an action module.`,
        { fixes: () => (built ??= fixesFor(index, module, true)) },
      );
      return;
    }
    for (const fn of module.functions) {
      if (fn.kind !== "query" && fn.kind !== "mutation") continue;
      report(
        fn.nameSpan,
        `"${fn.name}" is a ${fn.kind}, but this module has "use node": Node.js modules may only define actions, and ` +
          `Convex rejects the push. Move the ${fn.kind} into a module without "use node".`,
        { fixes: () => (built ??= fixesFor(index, module, false)) },
      );
    }
  },
};
