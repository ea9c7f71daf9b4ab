// The table an id belongs to, when the code says so: an `args` validator `v.id("t")` or an
// `Id<"t">` annotation. Used to add the table name to `db.get(id)` and friends.
import ts = require("typescript");
import { isFunctionLike, propertyName, stringValue, unwrap } from "../project/extract/ast";
import type { CtxCall, ModuleFacts } from "../project/types";
import type { Fix } from "../rules/types";
import { expressionAtSpan } from "./rewrites";
import { quoteOf, sourceFileOf } from "./source";

/** `Id<"t">` (or `Id<'t'>`, `GenericId<"t">`) → "t". */
function tableOfType(type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type) || type.typeArguments?.length !== 1) return undefined;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  if (name !== "Id" && name !== "GenericId") return undefined;
  const arg = type.typeArguments[0];
  return ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) ? arg.literal.text : undefined;
}

/** The type of member `key` of a type literal `{ key: Id<"t"> }`. */
function memberType(type: ts.TypeNode | undefined, key: string): ts.TypeNode | undefined {
  if (!type || !ts.isTypeLiteralNode(type)) return undefined;
  for (const member of type.members) {
    if (ts.isPropertySignature(member) && propertyName(member.name) === key && !member.questionToken) return member.type;
  }
  return undefined;
}

/** `v.id("t")` → "t" (not `v.optional(v.id("t"))`: the value may be undefined). */
function tableOfValidator(expr: ts.Expression | undefined): string | undefined {
  const e = expr && unwrap(expr);
  if (!e || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== "id") return undefined;
  if (!ts.isIdentifier(e.expression.expression) || e.arguments.length !== 1) return undefined;
  return stringValue(e.arguments[0]);
}

/** When `fn` is the handler of a registered function (`{ args: {…}, handler: fn }`), the validator of its arg `key`. */
function argValidator(fn: ts.SignatureDeclaration, key: string): ts.Expression | undefined {
  const holder = fn.parent;
  let options: ts.Node | undefined;
  if (ts.isPropertyAssignment(holder) && propertyName(holder.name) === "handler") options = holder.parent;
  else if (ts.isMethodDeclaration(fn) && propertyName(fn.name) === "handler") options = fn.parent;
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const args = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === "args");
  const init = args && unwrap(args.initializer);
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  const arg = init.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === key);
  return arg?.initializer;
}

type Declaration =
  | { kind: "parameter"; fn: ts.SignatureDeclaration; parameter: ts.ParameterDeclaration }
  | { kind: "binding"; fn: ts.SignatureDeclaration; parameter: ts.ParameterDeclaration; key: string }
  | { kind: "variable"; declaration: ts.VariableDeclaration }
  | { kind: "other" };

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (ts.isIdentifier(name)) return name.text === wanted;
  return name.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, wanted));
}

/** The nearest declaration of `name` visible from `from`, walking out through blocks and functions. */
function declarationOf(name: string, from: ts.Node): Declaration | undefined {
  for (let node: ts.Node | undefined = from.parent; node; node = node.parent) {
    if (isFunctionLike(node) || ts.isFunctionExpression(node)) {
      const fn = node as ts.SignatureDeclaration;
      for (const parameter of fn.parameters) {
        if (ts.isIdentifier(parameter.name)) {
          if (parameter.name.text === name) return { kind: "parameter", fn, parameter };
        } else if (bindsName(parameter.name, name)) {
          // Only `{ id }` / `{ taskId: id }` directly in the parameter's object pattern.
          const element = ts.isObjectBindingPattern(parameter.name)
            ? parameter.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === name && !e.dotDotDotToken && !e.initializer)
            : undefined;
          const key = element ? propertyName(element.propertyName ?? element.name) : undefined;
          return key !== undefined ? { kind: "binding", fn, parameter, key } : { kind: "other" };
        }
      }
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) {
        if (node.name?.text === name) return { kind: "other" };
      }
    }
    const statements = ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) || ts.isModuleBlock(node) ? node.statements : undefined;
    for (const statement of statements ?? []) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (!bindsName(declaration.name, name)) continue;
          return ts.isIdentifier(declaration.name) ? { kind: "variable", declaration } : { kind: "other" };
        }
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name) {
        return { kind: "other" };
      } else if (ts.isImportDeclaration(statement) && statement.importClause && importBinds(statement.importClause, name)) {
        return { kind: "other" };
      }
    }
    if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const declaration of node.initializer.declarations) if (bindsName(declaration.name, name)) return { kind: "other" };
    }
    if (ts.isCatchClause(node) && node.variableDeclaration && bindsName(node.variableDeclaration.name, name)) return { kind: "other" };
  }
  return undefined;
}

function importBinds(clause: ts.ImportClause, name: string): boolean {
  if (clause.name?.text === name) return true;
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  return ts.isNamespaceImport(bindings) ? bindings.name.text === name : bindings.elements.some((e) => e.name.text === name);
}

/** The table of the id `expr` evaluates to, when a validator or an annotation names it. */
export function tableOfId(expr: ts.Expression, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const e = ts.isAsExpression(expr) || ts.isTypeAssertionExpression(expr) ? undefined : unwrap(expr);
  if (ts.isAsExpression(expr) || ts.isTypeAssertionExpression(expr)) return tableOfType(expr.type);
  if (!e) return undefined;
  if (ts.isIdentifier(e)) {
    const declaration = declarationOf(e.text, e);
    if (!declaration) return undefined;
    switch (declaration.kind) {
      case "parameter":
        return tableOfType(declaration.parameter.type);
      case "binding":
        return tableOfType(memberType(declaration.parameter.type, declaration.key)) ??
          (declaration.parameter.type === undefined && declaration.fn.parameters.indexOf(declaration.parameter) === 1
            ? tableOfValidator(argValidator(declaration.fn, declaration.key))
            : undefined);
      case "variable": {
        const d = declaration.declaration;
        if (d.type) return tableOfType(d.type);
        const constant = ts.isVariableDeclarationList(d.parent) && (d.parent.flags & ts.NodeFlags.Const) !== 0;
        return constant && d.initializer ? tableOfId(d.initializer, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    // `args.id` where `args` is the handler's second parameter.
    const declaration = declarationOf(e.expression.text, e.expression);
    if (!declaration || declaration.kind !== "parameter") return undefined;
    const key = e.name.text;
    if (declaration.parameter.type) return tableOfType(memberType(declaration.parameter.type, key));
    return declaration.fn.parameters.indexOf(declaration.parameter) === 1 ? tableOfValidator(argValidator(declaration.fn, key)) : undefined;
  }
  return undefined;
}

/** `db.get(id)` → `db.get("tasks", id)` when the id's table is known. */
export function addTableName(module: ModuleFacts, call: CtxCall): Fix[] {
  const sourceFile = sourceFileOf(module);
  const node = expressionAtSpan(sourceFile, call.span);
  if (!node || !ts.isCallExpression(node) || node.arguments.length === 0) return [];
  const first = node.arguments[0];
  if (ts.isSpreadElement(first)) return [];
  const table = tableOfId(first);
  if (table === undefined) return [];
  const q = quoteOf(module.text);
  const quoted = `${q}${table.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), `\\${q}`)}${q}`;
  const at = first.getStart(sourceFile);
  return [{ title: `Add the table name ${quoted}`, safe: true, edits: [{ path: module.path, start: at, end: at, newText: `${quoted}, ` }] }];
}
