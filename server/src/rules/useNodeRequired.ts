import { moveNodeActionsFix } from "../fixes/moveToNodeModule";
import { hasUseNode, isNodeBuiltin } from "./nodeBuiltins";
import type { Fix, Rule } from "./types";

export const useNodeRequired: Rule = {
  meta: {
    id: "use-node-required",
    description: "A module that imports Node.js built-ins without `\"use node\"`.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    deploy: true,
  },
  check({ module, index, report }) {
    if (module.role !== "function" || hasUseNode(module.directives)) return;
    // The directive alone is only right when the module defines nothing but actions.
    const onlyActions = module.functions.length > 0 && module.functions.every((f) => f.kind === "action");
    const at = firstStatementOffset(module.text);
    // Otherwise the actions move into a new "use node" module (built once, when asked for, for every finding).
    let split: Fix[] | undefined;
    const fixes = onlyActions
      ? [{ title: 'Add "use node"', safe: true, edits: [{ path: module.path, start: at, end: at, newText: `"use node";${module.text.includes("\r\n") ? "\r\n" : "\n"}` }] }]
      : () => (split ??= [moveNodeActionsFix(index, module)].filter((f): f is Fix => f !== undefined));
    for (const imp of module.imports) {
      if (imp.typeOnly || !isNodeBuiltin(imp.specifier)) continue;
      report(
        imp.specifierSpan,
        `"${imp.specifier}" is a Node.js built-in, but without "use node" this module runs in Convex's default ` +
          `runtime, which has no Node.js APIs: \`npx convex deploy\` fails to bundle it. Add "use node"; as the first ` +
          `line (the module may then define only actions), or move the Node code into its own action module.`,
        { fixes },
      );
    }
  },
};

/** Where the first statement starts: after a shebang, a BOM, leading comments and blank lines. */
function firstStatementOffset(text: string): number {
  const match = /^(?:\ufeff)?(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(text);
  return match ? match[0].length : 0;
}
