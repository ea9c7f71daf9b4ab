// Completion inside the strings that name Convex things: table names in db calls and `v.id("…")`,
// index names in `.withIndex("…")` / `.withSearchIndex("…")` for the table the query reads, field
// names in an index range (the index's fields in order, the next one first) and in `q.field("…")`
// inside a filter (the table's fields).
import type { ConvexProject } from "../project/project";
import type { SchemaIndex, SchemaTable, Span } from "../project/types";
import { schemaIndex, schemaTable } from "./definition";
import { moduleOf, symbolAt, type NavSymbol } from "./symbols";

export interface NavCompletion {
  label: string;
  kind: "table" | "index" | "field";
  /** A table's fields, an index's fields, a field's validator. */
  detail: string;
  /** The text between the quotes, which the label replaces. */
  replace: Span;
  /** The field an index range needs next. */
  preselect?: boolean;
}

/** Fields every document has. */
const SYSTEM_FIELDS = (table: string) => [
  { name: "_id", validator: `v.id("${table}")` },
  { name: "_creationTime", validator: "v.number()" },
];

export function completionsAt(project: ConvexProject, file: string, offset: number): NavCompletion[] {
  const module = moduleOf(project, file);
  const symbol = module && symbolAt(module, offset);
  if (!symbol || symbol.kind === "function") return [];
  // Only between the quotes of the string itself.
  const quote = module.text[symbol.span.start - 1];
  if (quote !== '"' && quote !== "'" && quote !== "`") return [];
  return itemsFor(project, symbol);
}

function itemsFor(project: ConvexProject, symbol: Exclude<NavSymbol, { kind: "function" }>): NavCompletion[] {
  const replace = symbol.span;
  switch (symbol.kind) {
    case "table": {
      if (symbol.role === "schema") return [];
      return (project.schema?.tables ?? []).map((t) => ({ label: t.name, kind: "table", detail: tableDetail(t), replace }));
    }
    case "index": {
      if (symbol.role === "schema" || symbol.table === undefined) return [];
      const table = schemaTable(project, symbol.table)?.table;
      if (!table) return [];
      const wanted: SchemaIndex["kind"] = symbol.role === "withIndex" ? "index" : "searchIndex";
      const items: NavCompletion[] = table.indexes.filter((i) => i.kind === wanted).map((i) => ({ label: i.name, kind: "index", detail: indexDetail(i), replace }));
      if (wanted === "index") items.push({ label: "by_creation_time", kind: "index", detail: "_creationTime (built in)", replace });
      return items;
    }
    case "field": {
      if (symbol.table === undefined) return [];
      const table = schemaTable(project, symbol.table)?.table;
      if (!table) return [];
      const validatorOf = (name: string) =>
        table.fields.find((f) => f.name === name)?.validator ?? SYSTEM_FIELDS(table.name).find((f) => f.name === name)?.validator ?? "";
      if (symbol.role === "filter") {
        return [...table.fields, ...SYSTEM_FIELDS(table.name)].map((f) => ({ label: f.name, kind: "field", detail: oneLine(f.validator), replace }));
      }
      const fields = symbol.index === undefined ? undefined : rangeFieldsOf(project, table, symbol.index);
      if (!fields) return [];
      const next = fields[symbol.position ?? 0];
      const ordered = next === undefined ? fields : [next, ...fields.filter((f) => f !== next)];
      return ordered.map((name) => ({ label: name, kind: "field", detail: oneLine(validatorOf(name)), replace, ...(name === next ? { preselect: true } : {}) }));
    }
  }
}

/** The fields an index range may name, in order: an index's fields then `_creationTime`; a search index's. */
function rangeFieldsOf(project: ConvexProject, table: SchemaTable, indexName: string): string[] | undefined {
  if (indexName === "by_creation_time") return ["_creationTime"];
  const index = schemaIndex(project, table.name, indexName)?.index;
  if (!index) return undefined;
  return index.kind === "index" ? [...index.fields, "_creationTime"] : index.fields;
}

function tableDetail(table: SchemaTable): string {
  return table.fields.map((f) => f.name).join(", ") || "table";
}

function indexDetail(index: SchemaIndex): string {
  if (index.kind === "index") return index.fields.join(", ");
  const [main, ...filters] = index.fields;
  return `search ${main ?? "?"}${filters.length > 0 ? `; filter ${filters.join(", ")}` : ""}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
