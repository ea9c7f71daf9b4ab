// Reads `schema.ts`: `export default defineSchema({ table: defineTable({...}).index(...) })`.
// Anything not written out literally (a spread, a table from another module) is recorded as
// unknown so rules never report "no such table" on a guess.
import ts = require("typescript");
import type { ParseProblem, SchemaFacts, SchemaField, SchemaIndex, SchemaTable } from "../types";
import { propertyName, spanOf, stringValue, unwrap } from "./ast";

export function extractSchema(sourceFile: ts.SourceFile, problems: ParseProblem[]): SchemaFacts {
  const facts: SchemaFacts = { path: sourceFile.fileName, tables: [], complete: true };
  const incomplete = (reason: string) => {
    facts.complete = false;
    facts.incompleteReason ??= reason;
  };
  if (problems.length > 0) incomplete(`schema has a syntax error: ${problems[0].message}`);

  const constants = topLevelConstants(sourceFile);
  const defineSchemaCall = findDefineSchema(sourceFile, constants);
  if (!defineSchemaCall) {
    incomplete("no `export default defineSchema({...})` found");
    return facts;
  }
  const tablesArg = defineSchemaCall.arguments[0] && resolve(defineSchemaCall.arguments[0], constants);
  if (!tablesArg || !ts.isObjectLiteralExpression(tablesArg)) {
    incomplete("the tables passed to defineSchema are not an object literal");
    return facts;
  }
  for (const property of tablesArg.properties) {
    if (ts.isSpreadAssignment(property)) {
      incomplete("the schema spreads tables defined elsewhere");
      continue;
    }
    const name = propertyName(property.name);
    if (name === undefined || !property.name) {
      incomplete("a table name is computed");
      continue;
    }
    let value: ts.Expression | undefined;
    if (ts.isPropertyAssignment(property)) value = property.initializer;
    else if (ts.isShorthandPropertyAssignment(property)) value = property.name;
    facts.tables.push(readTable(name, property, value ? resolve(value, constants) : undefined, sourceFile, constants));
  }
  return facts;
}

function topLevelConstants(sourceFile: ts.SourceFile): Map<string, ts.Expression> {
  const constants = new Map<string, ts.Expression>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer) constants.set(d.name.text, d.initializer);
    }
  }
  return constants;
}

/** Follows an identifier to the top-level constant it names (a few hops at most). */
function resolve(expr: ts.Expression, constants: Map<string, ts.Expression>): ts.Expression {
  let current = unwrap(expr);
  for (let hops = 0; hops < 8 && ts.isIdentifier(current) && constants.has(current.text); hops++) {
    current = unwrap(constants.get(current.text)!);
  }
  return current;
}

function findDefineSchema(sourceFile: ts.SourceFile, constants: Map<string, ts.Expression>): ts.CallExpression | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const expr = resolve(statement.expression, constants);
      if (ts.isCallExpression(expr) && calleeName(expr) === "defineSchema") return expr;
    }
  }
  return undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** `defineTable({...}).index("a", [...]).searchIndex("b", {...})`, read from the outside in. */
function readTable(
  name: string,
  property: ts.ObjectLiteralElementLike,
  value: ts.Expression | undefined,
  sourceFile: ts.SourceFile,
  constants: Map<string, ts.Expression>,
): SchemaTable {
  const table: SchemaTable = {
    name,
    span: spanOf(property, sourceFile),
    nameSpan: spanOf(property.name!, sourceFile),
    fields: [],
    fieldsKnown: false,
    indexes: [],
    indexesKnown: false,
  };
  const chain: ts.CallExpression[] = [];
  let current = value;
  while (current && ts.isCallExpression(current)) {
    chain.unshift(current);
    const callee = unwrap(current.expression);
    current = ts.isPropertyAccessExpression(callee) ? resolve(callee.expression, constants) : undefined;
  }
  const define = chain[0];
  if (!define || calleeName(define) !== "defineTable") return table;
  table.indexesKnown = true;
  const fields = define.arguments[0] && resolve(define.arguments[0], constants);
  if (fields && ts.isObjectLiteralExpression(fields)) readFields(fields, table, sourceFile);
  else if (fields && ts.isCallExpression(fields) && calleeName(fields) === "object") {
    const inner = fields.arguments[0] && unwrap(fields.arguments[0]);
    if (inner && ts.isObjectLiteralExpression(inner)) readFields(inner, table, sourceFile);
  }
  for (const call of chain.slice(1)) {
    const method = calleeName(call);
    if (method !== "index" && method !== "searchIndex" && method !== "vectorIndex") {
      table.indexesKnown = false;
      continue;
    }
    const indexName = stringValue(call.arguments[0]);
    if (indexName === undefined) {
      table.indexesKnown = false;
      continue;
    }
    table.indexes.push({
      name: indexName,
      kind: method,
      ...indexFields(method, call.arguments[1]),
      span: spanOf(call, sourceFile),
      nameSpan: spanOf(call.arguments[0], sourceFile),
    });
  }
  return table;
}

function readFields(object: ts.ObjectLiteralExpression, table: SchemaTable, sourceFile: ts.SourceFile): void {
  table.fieldsKnown = true;
  for (const property of object.properties) {
    const name = propertyName(property.name);
    if (name === undefined || !ts.isPropertyAssignment(property)) {
      table.fieldsKnown = false;
      continue;
    }
    const validator = property.initializer.getText(sourceFile);
    const field: SchemaField = {
      name,
      span: spanOf(property, sourceFile),
      validator,
      optional: /^\w+\.optional\(/.test(validator),
    };
    table.fields.push(field);
  }
}

function indexFields(kind: SchemaIndex["kind"], arg: ts.Expression | undefined): Pick<SchemaIndex, "fields" | "fieldsKnown" | "dimensions"> {
  if (!arg) return { fields: [], fieldsKnown: false };
  const value = unwrap(arg);
  const literals = (list: ts.ArrayLiteralExpression) => {
    const fields = list.elements.map((e) => stringValue(e)).filter((s): s is string => s !== undefined);
    return { fields, known: fields.length === list.elements.length };
  };
  if (kind === "index") {
    // `.index("name", ["a", "b"])` or the object form `.index("name", { fields: [...] })`.
    let list: ts.Expression | undefined = value;
    if (ts.isObjectLiteralExpression(value)) {
      const fields = value.properties.find((p) => propertyName(p.name) === "fields");
      list = fields && ts.isPropertyAssignment(fields) ? unwrap(fields.initializer) : undefined;
    }
    if (list && ts.isArrayLiteralExpression(list)) {
      const { fields, known } = literals(list);
      return { fields, fieldsKnown: known };
    }
    return { fields: [], fieldsKnown: false };
  }
  if (!ts.isObjectLiteralExpression(value)) return { fields: [], fieldsKnown: false };
  const out: string[] = [];
  let known = true;
  let dimensions: number | undefined;
  for (const p of value.properties) {
    if (!ts.isPropertyAssignment(p)) {
      known = false;
      continue;
    }
    const key = propertyName(p.name);
    const init = unwrap(p.initializer);
    if (key === "searchField" || key === "vectorField") {
      const s = stringValue(init);
      if (s !== undefined) out.unshift(s);
      else known = false;
    } else if (key === "filterFields") {
      if (ts.isArrayLiteralExpression(init)) {
        const { fields, known: all } = literals(init);
        out.push(...fields);
        known &&= all;
      } else known = false;
    } else if (key === "dimensions" && ts.isNumericLiteral(init)) {
      dimensions = Number(init.text);
    }
  }
  return { fields: out, fieldsKnown: known, ...(dimensions !== undefined ? { dimensions } : {}) };
}
