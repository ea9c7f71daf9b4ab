import { hasUseNode } from "./nodeBuiltins";
import type { Rule } from "./types";

/** Modules Convex always loads in its default runtime. */
const DEFAULT_RUNTIME_MODULES = new Set(["http", "crons"]);

export const useNodeOnlyActions: Rule = {
  meta: {
    id: "use-node-only-actions",
    description: "A `\"use node\"` module that defines queries or mutations, or `\"use node\"` where it is not allowed.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    deploy: true,
  },
  check({ module, report }) {
    if (!hasUseNode(module.directives) || module.role === "client") return;
    const directive = module.directives.find((d) => d.value === "use node")!;
    const fileName = module.path.slice(module.path.lastIndexOf("/") + 1);
    if (module.role !== "function" || DEFAULT_RUNTIME_MODULES.has(module.modulePath)) {
      report(
        directive.span,
        `"use node" is not allowed in ${fileName}: Convex loads it in the default runtime and rejects the push. ` +
          `Remove the directive and move any Node.js code into an action module.`,
      );
      return;
    }
    for (const fn of module.functions) {
      if (fn.kind !== "query" && fn.kind !== "mutation") continue;
      report(
        fn.nameSpan,
        `"${fn.name}" is a ${fn.kind}, but this module has "use node": Node.js modules may only define actions, and ` +
          `Convex rejects the push. Move the ${fn.kind} into a module without "use node".`,
      );
    }
  },
};
