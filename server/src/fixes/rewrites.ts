// Small in-place rewrites for single findings: adding `await`, renaming a validator, swapping a
// terminal query step, turning a `throw` into a `return`, reading a secret from the environment.
import ts = require("typescript");
import { isFunctionLike, unwrap, walkTree } from "../project/extract/ast";
import type { CtxCall, ModuleFacts, RegisteredFunction, Span, ValidatorCall } from "../project/types";
import type { Fix } from "../rules/types";
import { nodeAtSpan, quoteOf, sourceFileOf } from "./source";

/**
 * The expression at `span`: like `nodeAtSpan`, but looking through a statement that is nothing but
 * that expression (without a semicolon both have the same span).
 */
export function expressionAtSpan(sourceFile: ts.SourceFile, span: Span): ts.Node | undefined {
  const node = nodeAtSpan(sourceFile, span);
  return node && ts.isExpressionStatement(node) ? node.expression : node;
}

/** The function whose body holds `node` (arrow, function, method, accessor), if any. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current) || ts.isGetAccessor(current) || ts.isSetAccessor(current) || ts.isConstructorDeclaration(current)) return current;
    if (ts.isClassStaticBlockDeclaration(current)) return undefined;
  }
  return undefined;
}

function isAsync(fn: ts.SignatureDeclaration): boolean {
  return (ts.canHaveModifiers(fn) ? ts.getModifiers(fn) ?? [] : []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/**
 * `await ` in front of a floating ctx call (in front of the whole chain it starts). Only inside an
 * async function: elsewhere `await` does not parse, and making the function async changes what it returns.
 */
export function addAwait(module: ModuleFacts, call: CtxCall): Fix[] {
  const node = expressionAtSpan(sourceFileOf(module), call.span);
  if (!node) return [];
  const fn = enclosingFunction(node);
  if (!fn || !isAsync(fn) || (ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).asteriskToken)) return [];
  return [{ title: "Add `await`", safe: true, edits: [{ path: module.path, start: call.span.start, end: call.span.start, newText: "await " }] }];
}

/** The method name of a `v.method(…)` call at `span`. */
function validatorName(module: ModuleFacts, span: Span): ts.MemberName | undefined {
  const node = expressionAtSpan(sourceFileOf(module), span);
  if (!node || !ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  return node.expression.name;
}

/** `v.bigint()` → `v.int64()`. */
export function bigintToInt64(module: ModuleFacts, call: ValidatorCall): Fix[] {
  const name = validatorName(module, call.span);
  if (!name || name.text !== "bigint") return [];
  const sourceFile = sourceFileOf(module);
  return [{ title: "Replace `v.bigint()` with `v.int64()`", safe: true, edits: [{ path: module.path, start: name.getStart(sourceFile), end: name.getEnd(), newText: "int64" }] }];
}

/** `v.string()` → `v.id("_storage")`, keeping the validator object's local name. */
export function stringToStorageId(module: ModuleFacts, call: ValidatorCall): Fix[] {
  const node = expressionAtSpan(sourceFileOf(module), call.span);
  if (!node || !ts.isCallExpression(node) || node.arguments.length > 0 || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== "string") return [];
  const sourceFile = sourceFileOf(module);
  const q = quoteOf(module.text);
  const name = node.expression.name;
  return [{
    title: 'Use `v.id("_storage")`',
    safe: true,
    edits: [{ path: module.path, start: name.getStart(sourceFile), end: node.getEnd(), newText: `id(${q}_storage${q})` }],
  }];
}

/**
 * `ctx.storage.getMetadata(id)` → `ctx.db.system.get("_storage", id)` (`ctx.db.system.get(id)` before
 * convex 1.31, which has no table-name form). Only where `ctx.db` exists (queries and mutations) and
 * `ctx` is reached by name.
 */
export function getMetadataToSystemGet(module: ModuleFacts, fn: RegisteredFunction, call: CtxCall, tableNameForm: boolean): Fix[] {
  if (fn.kind !== "query" && fn.kind !== "mutation") return [];
  if (call.via !== undefined || call.argCount !== 1) return [];
  const node = expressionAtSpan(sourceFileOf(module), call.span);
  if (!node || !ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return [];
  const area = unwrap(node.expression.expression);
  if (!ts.isPropertyAccessExpression(area) || area.name.text !== "storage" || !ts.isIdentifier(unwrap(area.expression))) return [];
  const sourceFile = sourceFileOf(module);
  if (readsOldMetadataShape(module, fn, node)) return [];
  const ctx = (unwrap(area.expression) as ts.Identifier).text;
  const q = quoteOf(module.text);
  const arg = node.arguments[0];
  const edits = [{ path: module.path, start: node.expression.getStart(sourceFile), end: node.expression.getEnd(), newText: `${ctx}.db.system.get` }];
  if (tableNameForm) edits.push({ path: module.path, start: arg.getStart(sourceFile), end: arg.getStart(sourceFile), newText: `${q}_storage${q}, ` });
  return [{ title: tableNameForm ? `Use \`${ctx}.db.system.get(${q}_storage${q}, …)\`` : `Use \`${ctx}.db.system.get(…)\``, safe: true, edits }];
}

/**
 * Whether the code reads what only `getMetadata`'s result has: its `storageId` (the document has
 * `_id`), or a `contentType` compared with `null` (the document leaves it out instead).
 */
function readsOldMetadataShape(module: ModuleFacts, fn: RegisteredFunction, call: ts.Node): boolean {
  const handler = fn.handlerSpan ? module.text.slice(fn.handlerSpan.start, fn.handlerSpan.end) : module.text;
  if (/\bcontentType\s*[!=]==?\s*null\b|\bnull\s*[!=]==?\s*[\w$.?]*contentType\b/.test(handler)) return true;
  let holder: ts.Node = call;
  while (ts.isAwaitExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent)) holder = holder.parent;
  const parent = holder.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === holder) {
    if (ts.isObjectBindingPattern(parent.name)) return parent.name.elements.some((e) => (e.propertyName ?? e.name).getText() === "storageId");
    if (ts.isIdentifier(parent.name)) return new RegExp(`\\b${parent.name.text.replace(/\$/g, "\\$")}\\s*\\??\\.\\s*storageId\\b`).test(handler);
    return true;
  }
  // Used in place: `(await ctx.storage.getMetadata(id))?.storageId`.
  return ts.isPropertyAccessExpression(parent) && parent.name.text === "storageId";
}

/** `.collect()` → `.take(100)`: the step's span runs from the method name to the end of its call. */
export function collectToTake(module: ModuleFacts, step: Span): Fix[] {
  if (!/^collect\s*\(\s*\)$/.test(module.text.slice(step.start, step.end))) return [];
  return [{ title: "Replace `.collect()` with `.take(100)`", safe: false, edits: [{ path: module.path, start: step.start, end: step.end, newText: "take(100)" }] }];
}

/** Whether a returned expression is visibly a list: `[…]`, `….collect()`, `….take(n)`, `….map(…)`, `….filter(…)`. */
function returnsList(expr: ts.Expression): boolean {
  let e = unwrap(expr);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isArrayLiteralExpression(e)) return true;
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ["collect", "take", "map", "filter", "flatMap", "slice"].includes(e.expression.name.text);
}

function returnsNonList(expr: ts.Expression): boolean {
  let e = unwrap(expr);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (e.kind === ts.SyntaxKind.NullKeyword || ts.isObjectLiteralExpression(e) || ts.isStringLiteral(e) || ts.isNumericLiteral(e)) return true;
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ["get", "first", "unique", "paginate"].includes(e.expression.name.text);
}

/**
 * `throw …;` → `return null;`, or `return [];` when the handler's other returns are visibly lists.
 * A declared `returns` validator decides instead: `v.array(…)` → `[]`, one that allows `v.null()` →
 * `null`, anything else → no fix.
 */
export function throwToReturn(module: ModuleFacts, fn: RegisteredFunction, thrown: Span): Fix[] {
  const sourceFile = sourceFileOf(module);
  const node = nodeAtSpan(sourceFile, thrown);
  if (!node || !ts.isThrowStatement(node) || !fn.handlerSpan) return [];
  const handler = nodeAtSpan(sourceFile, fn.handlerSpan);
  if (!handler || enclosingFunction(node) !== handler) return [];
  let value: "null" | "[]" | undefined;
  const options = fn.optionsSpan && nodeAtSpan(sourceFile, fn.optionsSpan);
  const returnsProperty = options && ts.isObjectLiteralExpression(options)
    ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "returns")
    : undefined;
  if (returnsProperty) {
    const validator = returnsProperty.initializer.getText(sourceFile).replace(/\s+/g, "");
    if (/^\w+\.array\(/.test(validator)) value = "[]";
    else if (/\.null\(\)/.test(validator)) value = "null";
    else return [];
  } else {
    let list = false;
    let other = false;
    const body = (handler as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body)) {
      walkTree(body, (n) => {
        if (isFunctionLike(n)) return false;
        if (ts.isReturnStatement(n) && n.expression) {
          if (returnsList(n.expression)) list = true;
          else if (returnsNonList(n.expression)) other = true;
        }
        return true;
      });
    }
    value = list && !other ? "[]" : "null";
  }
  const semicolon = module.text.slice(thrown.start, thrown.end).trimEnd().endsWith(";") ? ";" : "";
  return [{ title: `Return \`${value}\` instead of throwing`, safe: false, edits: [{ path: module.path, start: thrown.start, end: thrown.end, newText: `return ${value}${semicolon}` }] }];
}

/** `Bearer ` and the like in front of a token: kept as text around `${process.env.X}`. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|token|Bot) $/;

/**
 * The literal replaced by `process.env.NAME` (or `` `Bearer ${process.env.NAME}` `` when the literal
 * holds a scheme before the token). Not offered in client code, which has no `process.env` at run
 * time, nor where an expression cannot stand (a property name, a type, an enum member).
 */
export function secretToEnv(module: ModuleFacts, span: Span, env: string, secret: { index: number; length: number } | undefined): Fix[] {
  if (module.role === "client" || module.role === "generated") return [];
  if (!/^[A-Z_][A-Z0-9_]*$/.test(env)) return [];
  const sourceFile = sourceFileOf(module);
  const node = nodeAtSpan(sourceFile, span);
  if (!node || !(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return [];
  const parent = node.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return [];
  if (ts.isLiteralTypeNode(parent) || ts.isEnumMember(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return [];
  if (ts.isExpressionStatement(parent) || ts.isCaseClause(parent)) return [];
  let expression = `process.env.${env}`;
  if (secret && secret.index > 0 && secret.index + secret.length === node.text.length && AUTH_SCHEME.test(node.text.slice(0, secret.index))) {
    expression = `\`${node.text.slice(0, secret.index)}\${process.env.${env}}\``;
  }
  const newText = ts.isJsxAttribute(parent) ? `{${expression}}` : expression;
  return [{ title: `Read it from \`process.env.${env}\``, safe: false, edits: [{ path: module.path, start: span.start, end: span.end, newText }] }];
}
