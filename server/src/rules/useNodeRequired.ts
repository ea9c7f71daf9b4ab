import { hasUseNode, isNodeBuiltin } from "./nodeBuiltins";
import type { Rule } from "./types";

export const useNodeRequired: Rule = {
  meta: {
    id: "use-node-required",
    description: "A module that imports Node.js built-ins without `\"use node\"`.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    deploy: true,
  },
  check({ module, report }) {
    if (module.role !== "function" || hasUseNode(module.directives)) return;
    for (const imp of module.imports) {
      if (imp.typeOnly || !isNodeBuiltin(imp.specifier)) continue;
      report(
        imp.specifierSpan,
        `"${imp.specifier}" is a Node.js built-in, but without "use node" this module runs in Convex's default ` +
          `runtime, which has no Node.js APIs: \`npx convex deploy\` fails to bundle it. Add "use node"; as the first ` +
          `line (the module may then define only actions), or move the Node code into its own action module.`,
      );
    }
  },
};
