// Small syntax helpers shared by the extractors.
import ts = require("typescript");
import type { Span } from "../types";

export function spanOf(node: ts.Node, sourceFile: ts.SourceFile): Span {
  return { start: node.getStart(sourceFile), end: node.getEnd() };
}

/** Strips parentheses, `as`, `satisfies`, `!` and type assertions around an expression. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const kind = current.kind;
    if (kind === PARENTHESIZED || kind === AS || kind === NON_NULL || kind === SATISFIES || kind === TYPE_ASSERTION) {
      current = (current as ts.ParenthesizedExpression).expression;
    } else {
      return current;
    }
  }
}

// Kinds compared directly in the helpers every walk calls for most nodes.
const PARENTHESIZED = ts.SyntaxKind.ParenthesizedExpression;
const AS = ts.SyntaxKind.AsExpression;
const NON_NULL = ts.SyntaxKind.NonNullExpression;
const SATISFIES = ts.SyntaxKind.SatisfiesExpression;
const TYPE_ASSERTION = ts.SyntaxKind.TypeAssertionExpression;

export function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/** `a.b.c` → ["a", "b", "c"]; undefined when the chain contains anything but identifiers. */
export function propertyChain(node: ts.Expression): string[] | undefined {
  const parts: string[] = [];
  let current: ts.Expression = unwrap(node);
  while (ts.isPropertyAccessExpression(current)) {
    parts.unshift(current.name.text);
    current = unwrap(current.expression);
  }
  if (!ts.isIdentifier(current)) return undefined;
  parts.unshift(current.text);
  return parts;
}

export function propertyName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  return undefined;
}

const ARROW_FUNCTION = ts.SyntaxKind.ArrowFunction;
const FUNCTION_EXPRESSION = ts.SyntaxKind.FunctionExpression;
const FUNCTION_DECLARATION = ts.SyntaxKind.FunctionDeclaration;
const METHOD_DECLARATION = ts.SyntaxKind.MethodDeclaration;

export function isFunctionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration {
  const kind = node.kind;
  return kind === ARROW_FUNCTION || kind === FUNCTION_EXPRESSION || kind === FUNCTION_DECLARATION || kind === METHOD_DECLARATION;
}

/** Module specifier ends in `_generated/<name>` (relative at any depth, with or without an extension). */
export function isGeneratedImport(specifier: string, name: "server" | "api"): boolean {
  return new RegExp(`(^|/)_generated/${name}(\\.[cm]?[jt]s)?$`).test(specifier);
}

/**
 * Calls `visit` on `root` and every node below it, depth-first in source order, without recursion:
 * TypeScript parses left-deep binary expressions and member or call chains without recursing, so a
 * tree can be deeper than the call stack allows. `visit` returns false to skip a node's children.
 */
export function walkTree(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  const push = (child: ts.Node) => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const from = stack.length;
    ts.forEachChild(node, push);
    // Children go on the stack in reverse, so they come off it in source order.
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i];
      stack[i] = stack[j];
      stack[j] = t;
    }
  }
}
