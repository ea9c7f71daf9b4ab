// Go to definition: `api.x.y` → the export in its module; a table name → its key in the schema; an
// index name → its `.index("…")` in the schema (on the table the query reads); a field name in an
// index range or a filter → the field in the table's definition.
import { AnalysisIndex } from "../engine/index";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, RegisteredFunction, SchemaField, SchemaIndex, SchemaTable, Span } from "../project/types";
import { innerSpan, moduleOf, symbolAt, type NavSymbol } from "./symbols";

/** A place in a module of the project. */
export interface NavLocation {
  module: ModuleFacts;
  span: Span;
}

export function definitionAt(project: ConvexProject, file: string, offset: number): NavLocation[] {
  const module = moduleOf(project, file);
  const symbol = module && symbolAt(module, offset);
  if (!symbol) return [];
  const target = definitionOf(project, symbol);
  return target ? [target] : [];
}

/** Where the symbol is defined, if the project defines it. */
export function definitionOf(project: ConvexProject, symbol: NavSymbol): NavLocation | undefined {
  switch (symbol.kind) {
    case "function": {
      const resolved = resolveFunction(project, symbol.path);
      return resolved && { module: resolved.module, span: resolved.fn.nameSpan };
    }
    case "table": {
      const found = schemaTable(project, symbol.name);
      return found && { module: found.module, span: innerSpan(found.module.text, found.table.nameSpan) };
    }
    case "index": {
      const found = schemaIndex(project, symbol.table, symbol.name);
      return found && { module: found.module, span: innerSpan(found.module.text, found.index.nameSpan) };
    }
    case "field": {
      const found = symbol.table !== undefined ? schemaTable(project, symbol.table) : undefined;
      const field = found?.table.fields.find((f) => f.name === symbol.name);
      return found && field && { module: found.module, span: fieldKeySpan(found.module.text, field) };
    }
  }
}

export function resolveFunction(project: ConvexProject, path: string[]): { module: ModuleFacts; fn: RegisteredFunction } | undefined {
  return new AnalysisIndex(project).resolve({ root: "api", path, span: { start: 0, end: 0 } });
}

export function schemaTable(project: ConvexProject, name: string): { module: ModuleFacts; table: SchemaTable } | undefined {
  const module = project.schemaModule;
  const table = module?.schema?.tables.find((t) => t.name === name);
  return module && table ? { module, table } : undefined;
}

export function schemaIndex(project: ConvexProject, tableName: string | undefined, name: string): { module: ModuleFacts; table: SchemaTable; index: SchemaIndex } | undefined {
  const found = tableName !== undefined ? schemaTable(project, tableName) : undefined;
  const index = found?.table.indexes.find((i) => i.name === name);
  return found && index ? { ...found, index } : undefined;
}

/** The key of a field's `key: validator` property. */
function fieldKeySpan(text: string, field: SchemaField): Span {
  const quoted = text[field.span.start] === '"' || text[field.span.start] === "'";
  const start = field.span.start + (quoted ? 1 : 0);
  return { start, end: start + field.name.length };
}
