// Rewriting `db.query("t").filter((q) => …)` to `db.query("t").withIndex("by_a", (q) => q.eq("a", x))`:
// equalities become the index prefix, one field's bounds may end the range, and every other
// condition stays in a `.filter` after it.
import ts = require("typescript");
import { readFilterPredicate, type FilterCondition } from "../project/extract/filterPredicate";
import { stringValue, unwrap, walkTree } from "../project/extract/ast";
import type { AnalysisIndex } from "../engine/index";
import type { ModuleFacts, QueryChain, QueryStep, SchemaTable } from "../project/types";
import { conventionalIndexName } from "../rules/indexNaming";
import type { FileEdit, Fix } from "../rules/types";
import { addIndex, freeIndexName, quoted } from "./schemaEdits";
import { quoteOf, sourceFileOf } from "./source";

export interface IndexPlan {
  module: ModuleFacts;
  call: ts.CallExpression;
  param: string;
  /** Equality conditions, one per field, in source order. */
  equalities: FilterCondition[];
  /** The field whose bounds end the range, with at most one lower and one upper bound. */
  rangeField?: string;
  lower?: FilterCondition;
  upper?: FilterCondition;
  /** Conditions that stay in `.filter`. */
  rest: FilterCondition[];
}

/** The fields an index needs for the plan: the equality fields in source order, then the range field. */
export function planFields(plan: IndexPlan): string[] {
  return [...plan.equalities.map((c) => c.field!), ...(plan.rangeField !== undefined ? [plan.rangeField] : [])];
}

/**
 * How a `.filter` step of a query chain could use an index; undefined unless the filter is applied
 * directly to `db.query("t")` and has at least one condition an index can take.
 */
export function planIndexRewrite(module: ModuleFacts, step: QueryStep): IndexPlan | undefined {
  if (step.method !== "filter") return undefined;
  const sourceFile = sourceFileOf(module);
  const call = findCall(sourceFile, step);
  if (!call) return undefined;
  const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  // Only right after `db.query("t")`: `withIndex` must come before `order` and any other step.
  if (!ts.isCallExpression(receiver) || !ts.isPropertyAccessExpression(receiver.expression) || receiver.expression.name.text !== "query" ||
    receiver.arguments.length !== 1 || stringValue(receiver.arguments[0]) === undefined || call.arguments.length !== 1) return undefined;
  const predicate = readFilterPredicate(call.arguments[0]);
  if (!predicate) return undefined;
  const plan: IndexPlan = { module, call, param: predicate.param, equalities: [], rest: [] };
  for (const c of predicate.conditions) {
    if (c.op === "eq" && !plan.equalities.some((e) => e.field === c.field)) plan.equalities.push(c);
  }
  const eqFields = new Set(plan.equalities.map((c) => c.field));
  for (const c of predicate.conditions) {
    if (plan.equalities.includes(c)) continue;
    const bound = c.op === "gt" || c.op === "gte" ? "lower" : c.op === "lt" || c.op === "lte" ? "upper" : undefined;
    if (bound && !eqFields.has(c.field) && (plan.rangeField === undefined || plan.rangeField === c.field) && !plan[bound]) {
      plan.rangeField = c.field;
      plan[bound] = c;
    } else {
      plan.rest.push(c);
    }
  }
  return plan.equalities.length > 0 || plan.rangeField !== undefined ? plan : undefined;
}

function findCall(sourceFile: ts.SourceFile, step: QueryStep): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  walkTree(sourceFile, (node) => {
    if (found || node.getStart(sourceFile) > step.nameSpan.start || node.getEnd() < step.span.end) return false;
    if (ts.isCallExpression(node) && node.getEnd() === step.span.end && ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.getStart(sourceFile) === step.nameSpan.start) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/** An existing database index the plan can use as is: its leading fields are the equality fields (any order), then the range field. */
export function reusableIndex(table: SchemaTable, plan: IndexPlan): string | undefined {
  const eq = new Set(plan.equalities.map((c) => c.field!));
  const fits = table.indexes.filter((i) => i.kind === "index" && i.fieldsKnown &&
    i.fields.length >= eq.size + (plan.rangeField !== undefined ? 1 : 0) &&
    i.fields.slice(0, eq.size).every((f) => eq.has(f)) &&
    (plan.rangeField === undefined || i.fields[eq.size] === plan.rangeField));
  return fits.sort((a, b) => a.fields.length - b.fields.length)[0]?.name;
}

/** The edit that replaces the `filter(…)` call (from its name to its end) with `withIndex(…)` and the remaining `.filter(…)`. */
export function rewriteToWithIndex(plan: IndexPlan, indexName: string, indexFields: readonly string[]): FileEdit {
  const { module, call, param } = plan;
  const sourceFile = sourceFileOf(module);
  const text = module.text;
  const quote = quoteOf(text);
  const source = (c: FilterCondition) => c.node.getText(sourceFile);
  const byField = new Map(plan.equalities.map((c) => [c.field!, c]));
  let range = param;
  // Equalities in the index's field order, then the bounds (lower first, as Convex requires).
  for (const field of indexFields.slice(0, byField.size)) range += `.eq(${quoted(field, quote)}, ${byField.get(field)!.value!.getText(sourceFile)})`;
  for (const bound of [plan.lower, plan.upper]) {
    if (bound) range += `.${bound.op}(${quoted(bound.field!, quote)}, ${bound.value!.getText(sourceFile)})`;
  }
  const fn = unwrap(call.arguments[0]);
  const async = ts.getModifiers(fn as ts.ArrowFunction)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ? "async " : "";
  const paramText = `(${param})`;
  let newText = `withIndex(${quoted(indexName, quote)}, ${paramText} => ${range})`;
  if (plan.rest.length > 0) {
    const access = call.expression as ts.PropertyAccessExpression;
    const gap = text.slice(access.expression.getEnd(), access.name.getStart(sourceFile));
    const predicate = plan.rest.length === 1 ? source(plan.rest[0]) : `${param}.and(${plan.rest.map(source).join(", ")})`;
    // The chain's layout: on a line of its own when the filter was.
    const separator = /^\s*\.\s*$/.test(gap) ? gap : ".";
    newText += `${separator}filter(${async}${paramText} => ${predicate})`;
  }
  return { path: module.path, start: (call.expression as ts.PropertyAccessExpression).name.getStart(sourceFile), end: call.getEnd(), newText };
}

/**
 * The fixes for a `.filter` on a database query: use an existing index whose leading fields fit, or
 * add the conventional index to the schema and use it. None when the schema is not trusted, the
 * table's definition cannot be located, or the filter has no condition an index can take.
 */
export function filterToIndexFixes(index: AnalysisIndex, module: ModuleFacts, chain: QueryChain, step: QueryStep): Fix[] {
  const table = index.trustedSchema && chain.table !== undefined ? index.table(chain.table) : undefined;
  // Only the chain's first step can follow `db.query("t")` directly (see planIndexRewrite): the
  // others are not looked for in the tree, which for a chain thousands of calls long is costly.
  if (!table || !table.indexesKnown || chain.steps[0] !== step) return [];
  const plan = planIndexRewrite(module, step);
  if (!plan) return [];
  const reuse = reusableIndex(table, plan);
  if (reuse) {
    const fields = table.indexes.find((i) => i.name === reuse)!.fields;
    return [{ title: `Use index "${reuse}"`, safe: true, edits: [rewriteToWithIndex(plan, reuse, fields)] }];
  }
  const fields = planFields(plan);
  if (!fieldsExist(table, fields)) return [];
  const name = freeIndexName(table, conventionalIndexName(fields));
  const schemaEdit = addIndex(index.project, table.name, name, fields);
  if (!schemaEdit) return [];
  return [{ title: `Add index "${name}" to "${table.name}" and use it`, safe: true, edits: [schemaEdit, rewriteToWithIndex(plan, name, fields)] }];
}

/** Every field (the top of a nested `a.b`) is declared by the table, when its fields are known. */
export function fieldsExist(table: SchemaTable, fields: readonly string[]): boolean {
  return !table.fieldsKnown || fields.every((f) => table.fields.some((d) => d.name === f.split(".")[0]));
}

/**
 * The fixes for `withIndex("name", range)` naming an index the table lacks: use an existing index
 * whose leading fields are the range's fields, or add one with the range's fields in order (under
 * the given name when it is the conventional one, else under the conventional name, which the call
 * then uses).
 */
export function unknownIndexFixes(index: AnalysisIndex, module: ModuleFacts, table: SchemaTable, step: QueryStep): Fix[] {
  if (step.indexName === undefined || !step.indexNameSpan || !step.fieldsKnown || step.fields.length === 0) return [];
  const fields = [...new Set(step.fields.map((f) => f.name))];
  if (fields.some((f) => f.startsWith("_")) || !fieldsExist(table, fields)) return [];
  const quote = module.text[step.indexNameSpan.start] === "'" ? "'" : '"';
  const useName = (name: string): FileEdit => ({ path: module.path, start: step.indexNameSpan!.start, end: step.indexNameSpan!.end, newText: quoted(name, quote) });
  const existing = table.indexes.find((i) => i.kind === "index" && i.fieldsKnown && fields.every((f, n) => i.fields[n] === f));
  if (existing) return [{ title: `Use index "${existing.name}"`, safe: true, edits: [useName(existing.name)] }];
  const conventional = conventionalIndexName(fields);
  const name = step.indexName === conventional ? conventional : freeIndexName(table, conventional);
  const schemaEdit = addIndex(index.project, table.name, name, fields);
  if (!schemaEdit) return [];
  return name === step.indexName
    ? [{ title: `Add index "${name}" to "${table.name}"`, safe: true, edits: [schemaEdit] }]
    : [{ title: `Add index "${name}" to "${table.name}" and use it`, safe: true, edits: [schemaEdit, useName(name)] }];
}
