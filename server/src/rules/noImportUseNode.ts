import type { ModuleFacts } from "../project/types";
import { hasUseNode } from "./nodeBuiltins";
import type { Rule } from "./types";

/** Extensions an import specifier may carry for a module of the functions folder. */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * The module paths (relative to the functions folder, without extension, as `modulePath` spells
 * them) a relative specifier can mean, most likely first: `./x`, `./x.js` → `x`; `./dir` →
 * `dir`, then `dir/index`. Undefined for a bare specifier or one that leaves the functions folder.
 */
export function candidateModulePaths(fromModulePath: string, specifier: string): string[] | undefined {
  if (specifier !== "." && specifier !== ".." && !specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const segments = fromModulePath.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(part);
  }
  const joined = segments.join("/");
  const candidates: string[] = [];
  const ext = EXTENSIONS.find((e) => joined.endsWith(e));
  if (ext) candidates.push(joined.slice(0, -ext.length));
  if (joined !== "") candidates.push(joined);
  candidates.push(joined === "" ? "index" : `${joined}/index`);
  return candidates;
}

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
    const byPath = new Map<string, ModuleFacts>();
    for (const m of index.project.modules.values()) byPath.set(m.modulePath, m);
    for (const imp of imports) {
      const candidates = candidateModulePaths(module.modulePath, imp.specifier);
      if (!candidates) continue;
      const target = candidates.map((c) => byPath.get(c)).find((m) => m !== undefined);
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
