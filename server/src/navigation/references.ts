// Find references: every place the project names the function, table, index or field under the
// cursor (server modules and, for functions, client files too), the definition first when asked.
import type { ConvexProject } from "../project/project";
import type { ModuleFacts } from "../project/types";
import { definitionOf, type NavLocation } from "./definition";
import { moduleOf, symbolAt, symbolsOf, type NavSymbol } from "./symbols";

export function referencesAt(project: ConvexProject, file: string, offset: number, includeDeclaration: boolean): NavLocation[] {
  const module = moduleOf(project, file);
  const symbol = module && symbolAt(module, offset);
  if (!symbol) return [];
  return referencesOf(project, symbol, includeDeclaration);
}

export function referencesOf(project: ConvexProject, symbol: NavSymbol, includeDeclaration: boolean): NavLocation[] {
  if ((symbol.kind === "index" || symbol.kind === "field") && symbol.table === undefined) return [];
  const declaration = definitionOf(project, symbol);
  const out: NavLocation[] = [];
  if (includeDeclaration && declaration) out.push(declaration);
  const modules: ModuleFacts[] = [...project.modules.values()];
  if (symbol.kind === "function") modules.push(...project.clients.values());
  modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const module of modules) {
    for (const other of symbolsOf(module)) {
      if (!sameSymbol(symbol, other)) continue;
      if (declaration && declaration.module === module && declaration.span.start === other.span.start) continue;
      out.push({ module, span: other.span });
    }
  }
  return out;
}

/** Same function, table, index of the same table, or field of the same table; never a definition site. */
function sameSymbol(a: NavSymbol, b: NavSymbol): boolean {
  switch (a.kind) {
    case "function":
      return b.kind === "function" && b.role === "reference" && b.path.join("/") === a.path.join("/");
    case "table":
      return b.kind === "table" && b.role !== "schema" && b.name === a.name;
    case "index":
      return b.kind === "index" && b.role !== "schema" && b.name === a.name && b.table === a.table;
    case "field":
      return b.kind === "field" && b.name === a.name && b.table === a.table;
  }
}
