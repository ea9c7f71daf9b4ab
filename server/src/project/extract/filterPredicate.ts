// Reads a database filter predicate `(q) => q.and(q.eq(q.field("a"), x), q.gt(q.field("b"), y))`
// into the conditions an index range could express and the rest. Shared by the module extractor
// (facts for no-filter-in-query) and the fix that rewrites a filter to `withIndex`.
import ts = require("typescript");
import { stringValue, unwrap, walkTree } from "./ast";

export type RangeOp = "eq" | "gt" | "gte" | "lt" | "lte";

export interface FilterCondition {
  /** The condition as written (one argument of a top-level `q.and`, or the whole body). */
  node: ts.Expression;
  /** Set when the condition compares one document field with a value: `q.gt(q.field("b"), y)`. */
  field?: string;
  /** The comparison read field-first: `q.lt(y, q.field("b"))` is `gt`. */
  op?: RangeOp;
  /** The value compared with (mentions no document field). */
  value?: ts.Expression;
}

export interface FilterPredicate {
  /** The predicate's parameter name (`q`). */
  param: string;
  conditions: FilterCondition[];
}

const OPS = new Set<string>(["eq", "gt", "gte", "lt", "lte"]);
const FLIPPED: Record<RangeOp, RangeOp> = { eq: "eq", gt: "lt", gte: "lte", lt: "gt", lte: "gte" };

/** The predicate's conditions; undefined when it is not `(q) => expression` (or a block that only returns one). */
export function readFilterPredicate(predicate: ts.Expression | undefined): FilterPredicate | undefined {
  const fn = predicate && unwrap(predicate);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length !== 1) return undefined;
  const parameter = fn.parameters[0];
  if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken || parameter.initializer) return undefined;
  const param = parameter.name.text;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1 || !ts.isReturnStatement(body.statements[0]) || !body.statements[0].expression) return undefined;
    body = body.statements[0].expression;
  }
  const conditions: FilterCondition[] = [];
  const add = (expr: ts.Expression): void => {
    const node = unwrap(expr);
    if (isParamCall(node, param, "and")) {
      for (const arg of (node as ts.CallExpression).arguments) add(arg);
      return;
    }
    conditions.push(readCondition(expr, param));
  };
  add(body as ts.Expression);
  return { param, conditions };
}

function isParamCall(node: ts.Expression, param: string, method?: string): boolean {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) && node.expression.expression.text === param &&
    (method === undefined || node.expression.name.text === method);
}

/** `q.field("f")` → "f". */
function fieldOf(node: ts.Expression, param: string): string | undefined {
  const expr = unwrap(node);
  if (!isParamCall(expr, param, "field")) return undefined;
  const call = expr as ts.CallExpression;
  return call.arguments.length === 1 ? stringValue(call.arguments[0]) : undefined;
}

function mentions(node: ts.Node, name: string): boolean {
  let found = false;
  walkTree(node, (n) => {
    if (!found && ts.isIdentifier(n) && n.text === name) found = true;
    return !found;
  });
  return found;
}

function readCondition(expr: ts.Expression, param: string): FilterCondition {
  const node = unwrap(expr);
  if (!isParamCall(node, param)) return { node: expr };
  const call = node as ts.CallExpression;
  const method = (call.expression as ts.PropertyAccessExpression).name.text;
  if (!OPS.has(method) || call.arguments.length !== 2) return { node: expr };
  const [left, right] = call.arguments;
  const leftField = fieldOf(left, param);
  const rightField = fieldOf(right, param);
  // System fields cannot be index fields; a spread argument is no value.
  const usable = (field: string | undefined, value: ts.Expression) =>
    field !== undefined && !field.startsWith("_") && !ts.isSpreadElement(value) && !mentions(value, param);
  if (usable(leftField, right)) return { node: expr, field: leftField, op: method as RangeOp, value: right };
  if (usable(rightField, left)) return { node: expr, field: rightField, op: FLIPPED[method as RangeOp], value: left };
  return { node: expr };
}
