// Moving an expression of a handler into a new internal function of the same module, called in its
// place: `ctx.db…` of an action into an internalQuery/internalMutation run with `ctx.runQuery/
// runMutation`, `fetch(…)` of a mutation into an internalAction scheduled with the scheduler.
import ts = require("typescript");
import type { AnalysisIndex } from "../engine/index";
import { walkTree } from "../project/extract/ast";
import type { ModuleFacts, RegisteredFunction } from "../project/types";
import { hasUseNode } from "../rules/nodeBuiltins";
import type { FileEdit } from "../rules/types";
import { changeGeneratedImport, localNameOf } from "./imports";
import { identifierUses, indentUnitOf, isPropertyName, newlineOf, nodeAtSpan, sourceFileOf, usesSemicolons } from "./source";

/** Globals an extracted expression may use (everything else must be module-level or an argument). */
const GLOBALS = new Set([
  "undefined", "NaN", "Infinity", "Date", "Math", "JSON", "Number", "String", "Boolean", "Object", "Array", "Promise",
  "Error", "URL", "URLSearchParams", "Headers", "Request", "Response", "fetch", "process", "console", "encodeURIComponent",
  "decodeURIComponent", "TextEncoder", "TextDecoder", "Blob", "FormData", "AbortController", "crypto", "atob", "btoa",
]);

export interface Handler {
  fn: RegisteredFunction;
  statement: ts.Statement;
  handler: ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;
  ctxName: string;
  /** The second parameter: a name (`args`), or the names it destructures (`{ id, text }`). */
  argsParam?: { kind: "name"; name: string } | { kind: "destructured"; names: Set<string> };
  /** Validator source text of each argument, from the `args: { … }` object literal. */
  validators: Map<string, string>;
}

/** The handler's syntax, when it is a plain `(ctx, args)` / `(ctx, { a, b })` function of an `export const`. */
export function handlerOf(module: ModuleFacts, fn: RegisteredFunction): Handler | undefined {
  if (!fn.handlerSpan || !fn.optionsSpan || fn.syntax !== "object") return undefined;
  const sourceFile = sourceFileOf(module);
  const statement = sourceFile.statements.find((s) => s.getStart(sourceFile) <= fn.nameSpan.start && fn.nameSpan.end <= s.getEnd());
  if (!statement || !ts.isVariableStatement(statement)) return undefined;
  const options = nodeAtSpan(sourceFile, fn.optionsSpan);
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  let handler: Handler["handler"] | undefined;
  const validators = new Map<string, string>();
  for (const property of options.properties) {
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    if (name === "handler") {
      if (ts.isPropertyAssignment(property) && (ts.isArrowFunction(property.initializer) || ts.isFunctionExpression(property.initializer))) handler = property.initializer;
      else if (ts.isMethodDeclaration(property)) handler = property;
    }
    if (name === "args" && ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.initializer)) {
      for (const arg of property.initializer.properties) {
        if (!ts.isPropertyAssignment(arg) || !(ts.isIdentifier(arg.name) || ts.isStringLiteral(arg.name))) return undefined;
        validators.set(arg.name.text, arg.initializer.getText(sourceFile));
      }
    }
  }
  if (!handler || handler.parameters.length === 0 || !ts.isIdentifier(handler.parameters[0].name)) return undefined;
  const ctxName = handler.parameters[0].name.text;
  let argsParam: Handler["argsParam"];
  const second = handler.parameters[1]?.name;
  if (second && ts.isIdentifier(second)) argsParam = { kind: "name", name: second.text };
  else if (second && ts.isObjectBindingPattern(second)) {
    const names = new Set<string>();
    for (const element of second.elements) {
      if (element.propertyName || element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name)) return undefined;
      names.add(element.name.text);
    }
    argsParam = { kind: "destructured", names };
  } else if (second) return undefined;
  return { fn, statement, handler, ctxName, argsParam, validators };
}

/**
 * The arguments an expression of the handler needs, when every free name in it is the context, an
 * argument of the function, something declared at module level, or a global: `{ names, call }`,
 * `names` the argument names and `call` the object literal that passes them. Undefined otherwise.
 */
export function argumentsOf(module: ModuleFacts, h: Handler, expression: ts.Node, options: { ctxDb: boolean } = { ctxDb: true }): { names: string[]; call: string; params: string } | undefined {
  const sourceFile = sourceFileOf(module);
  const moduleLevel = new Set<string>();
  for (const imp of module.imports) for (const n of imp.names) moduleLevel.add(n.local);
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) moduleLevel.add(d.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      moduleLevel.add(statement.name.text);
    }
  }
  const declaredInside = new Set<string>();
  walkTree(expression, (node) => {
    if ((ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) declaredInside.add(node.name.text);
  });
  const names = new Set<string>();
  let unclear = false;
  walkTree(expression, (node) => {
    if (node.kind === ts.SyntaxKind.ThisKeyword || ts.isAwaitExpression(node)) unclear = true;
    if (ts.isIdentifier(node) && !isPropertyName(node)) {
      const name = node.text;
      if (name === h.ctxName) {
        // Only `ctx.db` may be used: the new function has its own context.
        if (!options.ctxDb || !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && node.parent.name.text === "db")) unclear = true;
      } else if (h.argsParam?.kind === "name" && name === h.argsParam.name) {
        const parent = node.parent;
        if (ts.isPropertyAccessExpression(parent) && parent.expression === node && h.validators.has(parent.name.text)) names.add(parent.name.text);
        else unclear = true;
      } else if (h.argsParam?.kind === "destructured" && h.argsParam.names.has(name) && !declaredInside.has(name)) {
        if (!h.validators.has(name)) unclear = true;
        names.add(name);
      } else if (!declaredInside.has(name) && !moduleLevel.has(name) && !GLOBALS.has(name)) {
        unclear = true;
      }
    }
  });
  if (unclear) return undefined;
  const list = [...names];
  if (list.length === 0) return { names: list, call: "{}", params: "" };
  const argsName = h.argsParam?.kind === "name" ? h.argsParam.name : undefined;
  return {
    names: list,
    call: argsName ? `{ ${list.map((n) => `${n}: ${argsName}.${n}`).join(", ")} }` : `{ ${list.join(", ")} }`,
    params: argsName ?? `{ ${list.join(", ")} }`,
  };
}


/** A name for a new export of the module: `<base>`, then `<base>2`, `<base>3`. */
export function freeExportName(module: ModuleFacts, base: string): string | undefined {
  const sourceFile = sourceFileOf(module);
  for (const n of ["", "2", "3"]) {
    const name = `${base}${n}`;
    if (!module.exportNames.includes(name) && identifierUses(sourceFile, name) === 0 && !module.imports.some((i) => i.names.some((x) => x.local === name))) return name;
  }
  return undefined;
}

export interface NewFunction {
  name: string;
  builder: "internalQuery" | "internalMutation" | "internalAction";
  /** `args: { … }` entries. */
  args: string[];
  params: string;
  ctxName: string;
  /** The handler's body: an expression (`=> expr`) or statements (`=> { … }`). */
  body: { expression: string } | { statements: string };
}

/**
 * Edits that add `fn` as a new `export const` after `after` (a top-level statement), and replace
 * [start, end) of the module with `replacement` (which refers to `internal.<module>.<name>`), with
 * the imports of the builder and of `internal` added.
 */
export function addInternalFunction(index: AnalysisIndex, module: ModuleFacts, after: ts.Statement, fn: NewFunction, replace: { start: number; end: number; newText: (internalRef: string) => string }): FileEdit[] | undefined {
  if (hasUseNode(module.directives) && fn.builder !== "internalAction") return undefined;
  const text = module.text;
  const sourceFile = sourceFileOf(module);
  const nl = newlineOf(text);
  const unit = indentUnitOf(text);
  const semi = usesSemicolons(text) ? ";" : "";
  const builder = localNameOf(module, "server", fn.builder) ?? fn.builder;
  const internalRoot = localNameOf(module, "api", "internal") ?? "internal";
  if (localNameOf(module, "server", fn.builder) === undefined && identifierUses(sourceFile, fn.builder) > 0) return undefined;
  if (localNameOf(module, "api", "internal") === undefined && identifierUses(sourceFile, "internal") > 0) return undefined;
  const reference = [internalRoot, ...module.modulePath.split("/"), fn.name].join(".");
  const args = fn.args.length === 0 ? "{}" : `{ ${fn.args.join(", ")} }`;
  const params = fn.params ? `${fn.ctxName}, ${fn.params}` : fn.ctxName;
  const body = "expression" in fn.body ? fn.body.expression : `{${nl}${fn.body.statements}${nl}${unit}}`;
  const definition = `${nl}${nl}export const ${fn.name} = ${builder}({${nl}${unit}args: ${args},${nl}${unit}handler: async (${params}) => ${body},${nl}})${semi}`;
  const end = after.getEnd();
  return [
    { path: module.path, start: replace.start, end: replace.end, newText: replace.newText(reference) },
    { path: module.path, start: end, end, newText: definition },
    ...changeGeneratedImport(index.project, module, "server", { add: [fn.builder] }),
    ...changeGeneratedImport(index.project, module, "api", { add: ["internal"] }),
  ];
}
