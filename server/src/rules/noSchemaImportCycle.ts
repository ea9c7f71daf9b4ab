import type { AnalysisIndex } from "../engine/index";
import type { ModuleFacts } from "../project/types";
import type { Rule, RuleContext } from "./types";

/** A schema's import closure is normally a handful of files; stop walking a pathological graph. */
const MAX_MODULES = 500;

interface Reach {
  schema: ModuleFacts;
  /** Module → the chain of module paths from the schema to it (schema first). */
  chains: Map<ModuleFacts, string[]>;
}

/** The memo key of the schema's reach in an analysis. */
const REACH = Symbol("schema reach");

/** The file's path inside the functions folder, with its extension: `lib/validators.ts`. */
function fileName(module: ModuleFacts): string {
  const dot = module.path.lastIndexOf(".");
  return module.modulePath + (dot > module.path.lastIndexOf("/") ? module.path.slice(dot) : "");
}

/** Every module the schema loads through relative value imports (and re-exports), with how. */
function reachFromSchema(index: AnalysisIndex): Reach | null {
  return index.memo(REACH, () => walkFromSchema(index));
}

function walkFromSchema(index: AnalysisIndex): Reach | null {
  const schema = index.schemaModule;
  let reach: Reach | null = null;
  if (schema) {
    const chains = new Map<ModuleFacts, string[]>([[schema, [fileName(schema)]]]);
    const queue = [schema];
    while (queue.length > 0 && chains.size < MAX_MODULES) {
      const current = queue.shift()!;
      for (const imp of current.imports) {
        if (imp.typeOnly) continue;
        const target = index.resolveImport(current, imp.specifier);
        if (!target || chains.has(target)) continue;
        chains.set(target, [...chains.get(current)!, fileName(target)]);
        queue.push(target);
      }
    }
    reach = { schema, chains };
  }
  return reach;
}

/**
 * The shortest cycle: schema.ts importing itself and using its own default export while it loads,
 * before `export default defineSchema(…)` has run.
 */
function checkSelfImport(schema: ModuleFacts, index: AnalysisIndex, report: RuleContext["report"]): void {
  for (const imp of schema.imports) {
    if (imp.typeOnly || !(imp.specifier.startsWith("./") || imp.specifier.startsWith("../"))) continue;
    const used = imp.names.find((n) => n.imported === "default" && schema.loadTimeImportUses.includes(n.local));
    if (!used || index.resolveImport(schema, imp.specifier) !== schema) continue;
    const file = fileName(schema);
    report(
      imp.specifierSpan,
      `${file} imports itself (${file} → ${file}), so while it loads, its own \`export default defineSchema(…)\` has not run ` +
        `and \`${used.local}\` (its default export) is not defined yet. Using it at the top level fails when Convex loads the ` +
        `schema ("Cannot access '${used.local}' before initialization"). Refer to the validators directly instead of through ` +
        `\`${used.local}\`, and remove the import.`,
    );
  }
}

export const noSchemaImportCycle: Rule = {
  meta: {
    id: "no-schema-import-cycle",
    description: "A module imported by schema.ts that uses the schema's default export (or another of its exports) while it loads.",
    category: "application-patterns",
    defaultSeverity: "error",
    fixKind: "none",
    eslint: true,
  },
  check({ module, index, report }) {
    if (module.role === "schema") {
      checkSelfImport(module, index, report);
      return;
    }
    if (module.role !== "function") return;
    const schemaImports = module.imports.filter((i) => !i.typeOnly && (i.specifier.startsWith("./") || i.specifier.startsWith("../")));
    if (schemaImports.length === 0) return;
    const reach = reachFromSchema(index);
    if (!reach) return;
    const chain = reach.chains.get(module);
    if (!chain) return;
    for (const imp of schemaImports) {
      if (index.resolveImport(module, imp.specifier) !== reach.schema) continue;
      // The default export first: `schema.tables.x.validator` is the usual way in.
      const used = imp.names
        .filter((n) => module.loadTimeImportUses.includes(n.local))
        .sort((a, b) => Number(b.imported === "default") - Number(a.imported === "default"));
      if (used.length === 0) continue;
      const name = used[0].local;
      const what = used[0].imported === "default" ? "its default export" : used[0].imported === "*" ? "its exports" : `its export "${used[0].imported}"`;
      const schemaFile = fileName(reach.schema);
      const how = [...chain, schemaFile].join(" → ");
      report(
        imp.specifierSpan,
        `${schemaFile} imports this module (${how}), so while this module loads, ${schemaFile} has not finished and \`${name}\` ` +
          `(${what}) is not defined yet. Using it at the top level of this module fails when Convex loads the ` +
          `schema ("Cannot access '${name}' before initialization" or "Cannot read properties of undefined"). Use the ` +
          `validators directly (\`v.id("table")\` rather than a lookup through \`${name}\`), or move this code into a module ` +
          `that ${schemaFile} does not import.`,
      );
    }
  },
};
