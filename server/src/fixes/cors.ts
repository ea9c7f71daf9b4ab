// CORS for an HTTP router: an OPTIONS preflight route for a path, and the
// `Access-Control-Allow-Origin` header on the responses a route's handler builds.
import ts = require("typescript");
import { propertyName, unwrap, walkTree } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { HttpRoute, ModuleFacts } from "../project/types";
import type { FileEdit, Fix } from "../rules/types";
import { changeGeneratedImport, localNameOf } from "./imports";
import { expressionAtSpan } from "./rewrites";
import { indentAt, indentUnitOf, newlineOf, quoteOf, sourceFileOf, usesSemicolons } from "./source";

const ORIGIN_VALUE = "process.env.CLIENT_ORIGIN ?? ";

function quoted(text: string, q: string): string {
  return `${q}${text.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), `\\${q}`)}${q}`;
}

/** The `http.route(…)` call of `route` and the statement holding it. */
function routeCall(module: ModuleFacts, route: HttpRoute): { call: ts.CallExpression; statement: ts.ExpressionStatement; spec: ts.ObjectLiteralExpression } | undefined {
  const node = expressionAtSpan(sourceFileOf(module), route.span);
  if (!node || !ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  let statement: ts.Node = node;
  while (ts.isParenthesizedExpression(statement.parent)) statement = statement.parent;
  const spec = node.arguments[0] && unwrap(node.arguments[0]);
  if (!ts.isExpressionStatement(statement.parent) || !spec || !ts.isObjectLiteralExpression(spec)) return undefined;
  return { call: node, statement: statement.parent, spec };
}

/**
 * `http.route({ path, method: "OPTIONS", handler })` after the route's statement, answering the
 * preflight for every browser method routed on that path, with the origin header.
 */
export function preflightRoute(project: ConvexProject, module: ModuleFacts, route: HttpRoute, methods: string[]): FileEdit[] | undefined {
  const found = routeCall(module, route);
  if (!found) return undefined;
  const text = module.text;
  const sourceFile = sourceFileOf(module);
  const router = (found.call.expression as ts.PropertyAccessExpression).expression.getText(sourceFile);
  const q = quoteOf(text);
  const nl = newlineOf(text);
  const u = indentUnitOf(text);
  const semi = usesSemicolons(text) ? ";" : "";
  const at = found.statement.getEnd();
  const ind = indentAt(text, found.statement.getStart(sourceFile));
  const httpAction = localNameOf(module, "server", "httpAction") ?? "httpAction";
  const pathKey = route.path !== undefined ? "path" : "pathPrefix";
  const lines = [
    `${router}.route({`,
    `${u}${pathKey}: ${quoted((route.path ?? route.pathPrefix)!, q)},`,
    `${u}method: ${q}OPTIONS${q},`,
    `${u}handler: ${httpAction}(async () =>`,
    `${u}${u}new Response(null, {`,
    `${u}${u}${u}status: 204,`,
    `${u}${u}${u}headers: {`,
    `${u}${u}${u}${u}${q}Access-Control-Allow-Origin${q}: ${ORIGIN_VALUE}${q}*${q},`,
    `${u}${u}${u}${u}${q}Access-Control-Allow-Methods${q}: ${quoted([...methods, "OPTIONS"].join(", "), q)},`,
    `${u}${u}${u}${u}${q}Access-Control-Allow-Headers${q}: ${q}Content-Type, Authorization${q},`,
    `${u}${u}${u}},`,
    `${u}${u}}),`,
    `${u}),`,
    `})${semi}`,
  ];
  return [
    { path: module.path, start: at, end: at, newText: lines.map((l) => `${nl}${ind}${l}`).join("") },
    ...changeGeneratedImport(project, module, "server", { add: ["httpAction"] }),
  ];
}

/** The function a route's `handler` runs: inline `httpAction(fn)`, or a module constant holding one. */
function handlerFunction(module: ModuleFacts, spec: ts.ObjectLiteralExpression): ts.FunctionLikeDeclaration | undefined {
  const sourceFile = sourceFileOf(module);
  const property = spec.properties.find((p) => propertyName(p.name) === "handler");
  let value: ts.Expression | undefined;
  if (property && ts.isPropertyAssignment(property)) value = unwrap(property.initializer);
  else if (property && ts.isShorthandPropertyAssignment(property)) value = property.name;
  if (value && ts.isIdentifier(value)) {
    const name = value.text;
    value = undefined;
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) value = unwrap(d.initializer);
    }
  }
  if (!value || !ts.isCallExpression(value) || !ts.isIdentifier(value.expression) || value.expression.text !== (localNameOf(module, "server", "httpAction") ?? "")) return undefined;
  const fn = value.arguments[0] && unwrap(value.arguments[0]);
  return fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn : undefined;
}

/**
 * Edits adding the origin header to every `new Response(…)` / `Response.json(…)` the handler of
 * `route` builds; undefined when the handler is not visible here or one of its responses cannot be
 * edited safely (headers from a variable, a `Headers` object, a spread).
 */
export function originHeaderEdits(module: ModuleFacts, route: HttpRoute): FileEdit[] | undefined {
  const found = routeCall(module, route);
  const fn = found && handlerFunction(module, found.spec);
  if (!fn?.body) return undefined;
  const sourceFile = sourceFileOf(module);
  const text = module.text;
  const q = quoteOf(text);
  const header = `${q}Access-Control-Allow-Origin${q}: ${ORIGIN_VALUE}${q}*${q}`;
  const edits: FileEdit[] = [];
  let feasible = true;
  const insertFirst = (object: ts.ObjectLiteralExpression, entry: string) => {
    const first = object.properties[0];
    if (!first) {
      edits.push({ path: module.path, start: object.getStart(sourceFile), end: object.getEnd(), newText: `{ ${entry} }` });
      return;
    }
    const start = first.getStart(sourceFile);
    const multiline = text.slice(object.getStart(sourceFile), start).includes("\n");
    edits.push({ path: module.path, start, end: start, newText: multiline ? `${entry},${newlineOf(text)}${indentAt(text, start)}` : `${entry}, ` });
  };
  walkTree(fn.body, (node) => {
    let args: readonly ts.Expression[] | undefined;
    let closeAt: number | undefined;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Response") {
      args = node.arguments ?? [];
      closeAt = node.getEnd() - 1;
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === "Response" && node.expression.name.text === "json") {
      args = node.arguments;
      closeAt = node.getEnd() - 1;
    }
    if (args !== undefined && closeAt !== undefined) {
      if (text[closeAt] !== ")" || args.some(ts.isSpreadElement)) feasible = false;
      else if (args.length === 0) edits.push({ path: module.path, start: closeAt, end: closeAt, newText: `null, { headers: { ${header} } }` });
      else if (args.length === 1) edits.push({ path: module.path, start: args[0].getEnd(), end: args[0].getEnd(), newText: `, { headers: { ${header} } }` });
      else {
        const init = unwrap(args[1]);
        if (!ts.isObjectLiteralExpression(init) || init.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))) feasible = false;
        else {
          const headers = init.properties.find((p) => propertyName(p.name) === "headers");
          if (!headers) insertFirst(init, `headers: { ${header} }`);
          else {
            const value = ts.isPropertyAssignment(headers) ? unwrap(headers.initializer) : undefined;
            if (!value || !ts.isObjectLiteralExpression(value) || value.properties.some((p) => !ts.isPropertyAssignment(p))) feasible = false;
            else insertFirst(value, header);
          }
        }
      }
    }
  });
  return feasible && edits.length > 0 ? edits : undefined;
}

/** The fixes for one route's http-cors finding. */
export function corsFixes(project: ConvexProject, module: ModuleFacts, route: HttpRoute, options: { needsPreflight: boolean; needsHeader: boolean; methods: string[] }): Fix[] {
  const where = route.path ?? `${route.pathPrefix}*`;
  const header = options.needsHeader ? originHeaderEdits(module, route) : undefined;
  if (options.needsPreflight) {
    const preflight = preflightRoute(project, module, route, options.methods);
    if (!preflight) return [];
    return [{ title: `Add an OPTIONS route for ${where}${header ? " and the `Access-Control-Allow-Origin` header" : ""}`, safe: true, edits: [...preflight, ...(header ?? [])] }];
  }
  return header ? [{ title: "Add the `Access-Control-Allow-Origin` header to the handler's responses", safe: true, edits: header }] : [];
}
