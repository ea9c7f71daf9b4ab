// `args` validators read off a handler's parameter annotation: `{ id }: { id: Id<"t"> }` →
// `{ id: v.id("t") }`. Only the plain shapes have one right answer; anything else gives up.
import ts = require("typescript");
import type { ModuleFacts, RegisteredFunction, Span } from "../project/types";
import type { FileEdit } from "../rules/types";
import { insertionAfterImports } from "./imports";
import { findNodeAtSpan, newlineOf, quoteOf, sourceFileOf, usesSemicolons } from "./source";

/** The function declared exactly at `span` (a handler). */
export function functionAtSpan(sourceFile: ts.SourceFile, span: Span): ts.FunctionLikeDeclaration | undefined {
  return findNodeAtSpan(sourceFile, span, (node): node is ts.FunctionLikeDeclaration =>
    ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node));
}

/**
 * The `args` object literal for `fn` from its handler's second parameter's type annotation, with `v`
 * standing for the validators import; undefined when the handler has no such annotation or it uses
 * a type with no obvious validator.
 */
export function inferArgs(module: ModuleFacts, fn: RegisteredFunction, v: string): string | undefined {
  if (!fn.handlerSpan || fn.handlerParams !== 2) return undefined;
  const sourceFile = sourceFileOf(module);
  const handler = functionAtSpan(sourceFile, fn.handlerSpan);
  const type = handler?.parameters[1]?.type;
  if (!type || !ts.isTypeLiteralNode(type)) return undefined;
  const fields: string[] = [];
  for (const member of type.members) {
    if (!ts.isPropertySignature(member) || !member.type) return undefined;
    const name = ts.isIdentifier(member.name) ? member.name.text : ts.isStringLiteral(member.name) ? JSON.stringify(member.name.text) : undefined;
    if (name === undefined) return undefined;
    let memberType = member.type;
    let optional = member.questionToken !== undefined;
    if (ts.isUnionTypeNode(memberType) && memberType.types.some(isUndefined)) {
      const rest = memberType.types.filter((t) => !isUndefined(t));
      if (rest.length !== 1) {
        const validator = unionValidator(rest, v);
        if (!validator) return undefined;
        fields.push(`${name}: ${v}.optional(${validator})`);
        continue;
      }
      memberType = rest[0];
      optional = true;
    }
    const validator = validatorFor(memberType, v);
    if (!validator) return undefined;
    fields.push(`${name}: ${optional ? `${v}.optional(${validator})` : validator}`);
  }
  return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
}

function isUndefined(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.UndefinedKeyword;
}

function validatorFor(type: ts.TypeNode, v: string): string | undefined {
  if (ts.isParenthesizedTypeNode(type)) return validatorFor(type.type, v);
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return `${v}.string()`;
    case ts.SyntaxKind.NumberKeyword:
      return `${v}.number()`;
    case ts.SyntaxKind.BooleanKeyword:
      return `${v}.boolean()`;
  }
  if (ts.isLiteralTypeNode(type)) {
    if (type.literal.kind === ts.SyntaxKind.NullKeyword) return `${v}.null()`;
    if (ts.isStringLiteral(type.literal)) return `${v}.literal(${JSON.stringify(type.literal.text)})`;
    return undefined;
  }
  if (ts.isArrayTypeNode(type)) {
    const element = validatorFor(type.elementType, v);
    return element && `${v}.array(${element})`;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeArguments?.length === 1) {
    const [argument] = type.typeArguments;
    if (type.typeName.text === "Id" && ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
      return `${v}.id(${JSON.stringify(argument.literal.text)})`;
    }
    if (type.typeName.text === "Array") {
      const element = validatorFor(argument, v);
      return element && `${v}.array(${element})`;
    }
    return undefined;
  }
  if (ts.isUnionTypeNode(type)) return unionValidator(type.types, v);
  return undefined;
}

function unionValidator(types: readonly ts.TypeNode[], v: string): string | undefined {
  const members = types.map((t) => validatorFor(t, v));
  if (members.some((m) => m === undefined)) return undefined;
  return members.length === 1 ? members[0] : `${v}.union(${members.join(", ")})`;
}

/**
 * The local name of `v` from "convex/values", and the edit that imports it when the module does not
 * yet (added to an existing `convex/values` import, or as a new import line).
 */
export function ensureValuesImport(module: ModuleFacts): { v: string; edits: FileEdit[] } {
  for (const imp of module.imports) {
    if (imp.typeOnly || imp.specifier !== "convex/values") continue;
    const name = imp.names.find((n) => n.imported === "v");
    if (name) return { v: name.local, edits: [] };
  }
  const sourceFile = sourceFileOf(module);
  const existing = sourceFile.statements.find((s): s is ts.ImportDeclaration =>
    ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === "convex/values" &&
    !s.importClause?.isTypeOnly && s.importClause?.namedBindings !== undefined && ts.isNamedImports(s.importClause.namedBindings));
  if (existing) {
    const bindings = existing.importClause!.namedBindings as ts.NamedImports;
    const at = bindings.elements.length > 0 ? bindings.elements[bindings.elements.length - 1].getEnd() : bindings.getStart(sourceFile) + 1;
    return { v: "v", edits: [{ path: module.path, start: at, end: at, newText: bindings.elements.length > 0 ? ", v" : " v " }] };
  }
  const text = module.text;
  const quote = quoteOf(text);
  const line = `import { v } from ${quote}convex/values${quote}${usesSemicolons(text) ? ";" : ""}${newlineOf(text)}`;
  return { v: "v", edits: [{ path: module.path, ...insertionAfterImports(sourceFile, text), newText: line }] };
}
