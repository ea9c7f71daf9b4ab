// Edits to `schema.ts`: add an index to a table, remove or rename one, add a table, or write a new
// schema. Each edit is placed and shaped like the code around it (an index chain one call per line
// stays so, an inline one stays inline, CRLF stays CRLF); when the place cannot be found exactly,
// the builder returns undefined and no fix is offered.
import * as path from "node:path";
import ts = require("typescript");
import { unwrap } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, SchemaIndex, SchemaTable, Span } from "../project/types";
import type { FileEdit } from "../rules/types";
import { findNodeAtSpan, identifierUses, indentAt, indentUnitOf, newlineOf, quoteOf, sourceFileOf, usesSemicolons } from "./source";

const INDEX_METHODS = new Set(["index", "searchIndex", "vectorIndex"]);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal in the file's quote style. */
export function quoted(value: string, quote: '"' | "'"): string {
  const json = JSON.stringify(value);
  return quote === '"' ? json : `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** `by_a_and_b`, or `by_a_and_b_2` (then `_3` …) when a table already has an index of that name. */
export function freeIndexName(table: SchemaTable, base: string): string {
  const taken = new Set(table.indexes.map((i) => i.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

interface TableChain {
  /** The outermost call: `defineTable({...}).index(…)…`. */
  outer: ts.CallExpression;
  /** The `.index/.searchIndex/.vectorIndex` calls, inner to outer. */
  indexCalls: ts.CallExpression[];
}

/** The `defineTable(…)` chain of a table, following a shorthand or identifier to the one top-level constant it names. */
function tableChain(schemaModule: ModuleFacts, table: SchemaTable): TableChain | undefined {
  const sourceFile = sourceFileOf(schemaModule);
  const property = findNode(sourceFile, table.span, (n): n is ts.PropertyAssignment | ts.ShorthandPropertyAssignment =>
    ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n));
  if (!property) return undefined;
  let value: ts.Expression = unwrap(ts.isPropertyAssignment(property) ? property.initializer : property.name);
  if (ts.isIdentifier(value)) {
    const name = value.text;
    // Only a constant this table alone uses: editing it must not change another table.
    const declaration = sourceFile.statements.filter(ts.isVariableStatement).flatMap((s) => [...s.declarationList.declarations])
      .find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (!declaration?.initializer || identifierUses(sourceFile, name) !== 2) return undefined;
    value = unwrap(declaration.initializer);
  }
  if (!ts.isCallExpression(value)) return undefined;
  const outer = value;
  const indexCalls: ts.CallExpression[] = [];
  let current: ts.Expression = value;
  while (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
    if (!INDEX_METHODS.has(current.expression.name.text)) return undefined;
    indexCalls.unshift(current);
    current = current.expression.expression;
  }
  if (!ts.isCallExpression(current) || !ts.isIdentifier(current.expression) || current.expression.text !== "defineTable") return undefined;
  return { outer, indexCalls };
}

/** The first node (outermost first) of the kind wanted that starts and ends exactly at `span`. */
function findNode<T extends ts.Node>(sourceFile: ts.SourceFile, span: Span, is: (n: ts.Node) => n is T): T | undefined {
  return findNodeAtSpan(sourceFile, span, is);
}

/** The text between a chained call's receiver and its `.method`, when it is only whitespace and the dot. */
function gapBefore(text: string, call: ts.CallExpression): { start: number; gap: string } | undefined {
  const access = call.expression as ts.PropertyAccessExpression;
  const start = access.expression.getEnd();
  const gap = text.slice(start, access.name.getStart());
  return /^\s*\.\s*$/.test(gap) ? { start, gap } : undefined;
}

/**
 * The edit that adds `.index(name, fields)` to a table's chain, after its last index; undefined when
 * the schema is not trusted or the table's definition cannot be located exactly.
 */
export function addIndex(project: ConvexProject, tableName: string, name: string, fields: readonly string[]): FileEdit | undefined {
  const schemaModule = project.schemaModule;
  const table = schemaModule?.schema?.complete ? schemaModule.schema.tables.find((t) => t.name === tableName) : undefined;
  if (!schemaModule || !table || !table.indexesKnown || fields.length === 0) return undefined;
  const chain = tableChain(schemaModule, table);
  if (!chain) return undefined;
  const text = schemaModule.text;
  const quote = quoteOf(text);
  const call = `.index(${quoted(name, quote)}, [${fields.map((f) => quoted(f, quote)).join(", ")}])`;
  const last = chain.indexCalls[chain.indexCalls.length - 1];
  const gap = last && gapBefore(text, last);
  // Each existing index call on a line of its own: the new one too, indented the same.
  const ownLine = gap !== undefined && gap.gap.includes("\n");
  const at = chain.outer.getEnd();
  const newText = ownLine ? `${newlineOf(text)}${indentAt(text, (last.expression as ts.PropertyAccessExpression).name.getStart())}${call}` : call;
  return { path: schemaModule.path, start: at, end: at, newText };
}

/** Every `withIndex("name", …)` on the table across the project's modules (each site once). */
export function withIndexSites(project: ConvexProject, tableName: string, indexName: string): { path: string; span: Span }[] | undefined {
  const sites = new Map<string, { path: string; span: Span }>();
  for (const module of project.modules.values()) {
    for (const fn of module.functions) {
      for (const chain of fn.queries) {
        for (const step of chain.steps) {
          if (step.method !== "withIndex" || step.indexName !== indexName || !step.indexNameSpan) continue;
          // A chain whose table is unknown may mean this index: renaming or removing it is then a guess.
          if (chain.table === undefined) return undefined;
          if (chain.table !== tableName) continue;
          sites.set(`${module.path}:${step.indexNameSpan.start}`, { path: module.path, span: step.indexNameSpan });
        }
      }
    }
  }
  return [...sites.values()];
}

/** The edit that removes an index call from its table's chain (its whole line when it has one of its own). */
export function removeIndex(project: ConvexProject, tableName: string, index: SchemaIndex): FileEdit | undefined {
  const schemaModule = project.schemaModule;
  const table = schemaModule?.schema?.tables.find((t) => t.name === tableName);
  if (!schemaModule || !table) return undefined;
  const chain = tableChain(schemaModule, table);
  const call = chain?.indexCalls.find((c) => c.getEnd() === index.span.end);
  if (!call) return undefined;
  const gap = gapBefore(schemaModule.text, call);
  if (!gap) return undefined;
  return { path: schemaModule.path, start: gap.start, end: call.getEnd(), newText: "" };
}

/** Edits that rename an index in the schema and in every `withIndex` naming it; undefined when a use is ambiguous. */
export function renameIndex(project: ConvexProject, tableName: string, index: SchemaIndex, newName: string): FileEdit[] | undefined {
  const schemaModule = project.schemaModule;
  const sites = withIndexSites(project, tableName, index.name);
  if (!schemaModule || !sites) return undefined;
  const rename = (path: string, text: string, span: Span): FileEdit => {
    const quote = text[span.start] === "'" ? "'" : '"';
    return { path, start: span.start, end: span.end, newText: quoted(newName, quote) };
  };
  const edits = [rename(schemaModule.path, schemaModule.text, index.nameSpan)];
  for (const site of sites) edits.push(rename(site.path, project.modules.get(site.path)!.text, site.span));
  return edits;
}

/** A table to declare: its name and its fields as `name: validator` source (in order). */
export interface TableToAdd {
  name: string;
  fields: { name: string; validator: string }[];
  /** Database indexes to declare with it. */
  indexes?: { name: string; fields: string[] }[];
}

function propertyKey(name: string, quote: '"' | "'"): string {
  return IDENTIFIER.test(name) ? name : quoted(name, quote);
}

function tableSource(table: TableToAdd, quote: '"' | "'"): string {
  const fields = table.fields.map((f) => `${propertyKey(f.name, quote)}: ${f.validator}`).join(", ");
  const indexes = (table.indexes ?? []).map((i) => `.index(${quoted(i.name, quote)}, [${i.fields.map((f) => quoted(f, quote)).join(", ")}])`).join("");
  return `${propertyKey(table.name, quote)}: defineTable({${fields ? ` ${fields} ` : ""}})${indexes}`;
}

/**
 * Edits that add a table to `defineSchema({…})` after its last table, with `defineTable` (and `v`
 * when a field needs it) imported; undefined when the schema is not trusted or not written out.
 */
export function addTable(project: ConvexProject, table: TableToAdd): FileEdit[] | undefined {
  const schemaModule = project.schemaModule;
  if (!schemaModule?.schema?.complete) return undefined;
  const sourceFile = sourceFileOf(schemaModule);
  const text = schemaModule.text;
  const tables = defineSchemaTables(sourceFile);
  if (!tables) return undefined;
  const quote = quoteOf(text);
  const nl = newlineOf(text);
  const entry = tableSource(table, quote);
  const edits: FileEdit[] = [];
  const properties = tables.properties;
  const last = properties[properties.length - 1];
  const multiline = text.slice(tables.getStart(sourceFile), tables.getEnd()).includes("\n");
  if (!last) {
    const indent = indentAt(text, tables.getStart(sourceFile));
    edits.push({ path: schemaModule.path, start: tables.getStart(sourceFile), end: tables.getEnd(), newText: `{${nl}${indent}${indentUnitOf(text)}${entry},${nl}${indent}}` });
  } else if (multiline) {
    const indent = indentAt(text, last.getStart(sourceFile));
    const trailingComma = properties.hasTrailingComma;
    const at = trailingComma ? text.indexOf(",", last.getEnd()) + 1 : last.getEnd();
    edits.push({ path: schemaModule.path, start: at, end: at, newText: `${trailingComma ? "" : ","}${nl}${indent}${entry}${trailingComma ? "," : ""}` });
  } else {
    edits.push({ path: schemaModule.path, start: last.getEnd(), end: last.getEnd(), newText: `, ${entry}` });
  }
  const imports = importEdits(schemaModule, sourceFile, table.fields.some((f) => /^v\./.test(f.validator)));
  if (!imports) return undefined;
  return [...edits, ...imports];
}

function defineSchemaTables(sourceFile: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isExportAssignment(statement) || statement.isExportEquals) continue;
    const call = unwrap(statement.expression);
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== "defineSchema") return undefined;
    const arg = call.arguments[0] && unwrap(call.arguments[0]);
    return arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
  }
  return undefined;
}

/** Imports `defineTable` from "convex/server" (and `v` from "convex/values" when wanted) unless already bound; undefined when bound under another name. */
function importEdits(module: ModuleFacts, sourceFile: ts.SourceFile, wantsV: boolean): FileEdit[] | undefined {
  const edits: FileEdit[] = [];
  const text = module.text;
  const local = (specifier: string, imported: string) => module.imports.find((i) => i.specifier === specifier && !i.typeOnly)?.names.find((n) => n.imported === imported)?.local;
  const needs: [string, string][] = [];
  const defineTable = local("convex/server", "defineTable");
  if (defineTable !== undefined && defineTable !== "defineTable") return undefined;
  if (defineTable === undefined) needs.push(["convex/server", "defineTable"]);
  if (wantsV) {
    const v = local("convex/values", "v");
    if (v !== undefined && v !== "v") return undefined;
    if (v === undefined) needs.push(["convex/values", "v"]);
  }
  const lines: string[] = [];
  for (const [specifier, name] of needs) {
    const declaration = sourceFile.statements.find((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === specifier && !s.importClause?.isTypeOnly &&
      s.importClause?.namedBindings !== undefined && ts.isNamedImports(s.importClause.namedBindings));
    const bindings = declaration?.importClause?.namedBindings as ts.NamedImports | undefined;
    if (bindings && bindings.elements.length > 0) {
      const lastElement = bindings.elements[bindings.elements.length - 1];
      edits.push({ path: module.path, start: lastElement.getEnd(), end: lastElement.getEnd(), newText: `, ${name}` });
    } else if (bindings) {
      edits.push({ path: module.path, start: bindings.getStart(sourceFile), end: bindings.getEnd(), newText: `{ ${name} }` });
    } else {
      lines.push(`import { ${name} } from ${quoted(specifier, quoteOf(text))}${usesSemicolons(text) ? ";" : ""}${newlineOf(text)}`);
    }
  }
  if (lines.length > 0) {
    const imports = sourceFile.statements.filter(ts.isImportDeclaration);
    let at = imports.length > 0 ? imports[imports.length - 1].getEnd() : 0;
    if (imports.length > 0) at += text.startsWith("\r\n", at) ? 2 : text[at] === "\n" ? 1 : 0;
    const prefix = imports.length > 0 && at === imports[imports.length - 1].getEnd() ? newlineOf(text) : "";
    edits.push({ path: module.path, start: at, end: at, newText: prefix + lines.join("") });
  }
  return edits;
}

/** The file-creating edit of a new `schema.ts` in the functions folder declaring the tables. */
export function createSchema(project: ConvexProject, tables: readonly TableToAdd[]): FileEdit | undefined {
  const file = path.posix.join(project.functionsDir, "schema.ts");
  if (project.fs.isFile(file) || project.fs.isFile(path.posix.join(project.functionsDir, "schema.js"))) return undefined;
  // Follow the style of the project's modules: quotes, semicolons, line breaks.
  const sample = [...project.modules.values()].find((m) => m.role === "function")?.text ?? "";
  const quote = quoteOf(sample);
  const semi = usesSemicolons(sample) ? ";" : "";
  const nl = newlineOf(sample);
  const indent = indentUnitOf(sample);
  const needsV = tables.some((t) => t.fields.length > 0);
  const lines = [
    `import { defineSchema, defineTable } from ${quoted("convex/server", quote)}${semi}`,
    ...(needsV ? [`import { v } from ${quoted("convex/values", quote)}${semi}`] : []),
    "",
    `export default defineSchema({`,
    ...tables.map((t) => `${indent}${tableSource(t, quote)},`),
    `})${semi}`,
    "",
  ];
  return { path: file, start: 0, end: 0, newText: lines.join(nl), create: true };
}
