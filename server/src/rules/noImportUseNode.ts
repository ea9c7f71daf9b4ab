import { hasUseNode } from "./nodeBuiltins";
import type { Rule } from "./types";

export const noImportUseNode: Rule = {
  meta: {
    id: "no-import-use-node",
    description: 'A module without `"use node"` that imports a module of the functions folder that has it.',
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "none",
    eslint: true,
  },
  check({ module, index, report }) {
    if (module.role !== "function" || hasUseNode(module.directives)) return;
    const imports = module.imports.filter((i) => !i.typeOnly && i.specifier.startsWith("."));
    if (imports.length === 0) return;
    for (const imp of imports) {
      const target = index.resolveImport(module, imp.specifier);
      if (!target || target === module || !hasUseNode(target.directives)) continue;
      report(
        imp.specifierSpan,
        `This module runs in Convex's default runtime, but it imports convex/${target.modulePath}, which has "use node". ` +
          `Convex bundles every file together with the code it imports, so the Node.js module's code is bundled for the ` +
          `default runtime too, where Node.js built-ins and Node-only packages are not available: the push fails or the ` +
          `import breaks at run time. Move the shared code into a module without "use node", call the Node.js action ` +
          `with \`ctx.runAction\` / the scheduler instead of importing it, or add "use node" here if this module only defines actions.`,
      );
    }
  },
};
