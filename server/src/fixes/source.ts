// Syntax and layout of a module's text for shaping edits. Facts say what to change; a fix builder
// re-parses (only when fixes are asked for) to find exact places and to match the file's style.
import ts = require("typescript");
import { walkTree } from "../project/extract/ast";
import { parseModule } from "../project/parse";
import type { ModuleFacts, Span } from "../project/types";

const parsed = new WeakMap<ModuleFacts, ts.SourceFile>();

/** The module's syntax tree, parsed once per facts object. */
export function sourceFileOf(module: ModuleFacts): ts.SourceFile {
  let sourceFile = parsed.get(module);
  if (!sourceFile) {
    sourceFile = parseModule(module.path, module.text);
    parsed.set(module, sourceFile);
  }
  return sourceFile;
}

/** The outermost node that starts and ends exactly at `span` (tokens excluded). */
export function nodeAtSpan(sourceFile: ts.SourceFile, span: Span): ts.Node | undefined {
  return findNodeAtSpan(sourceFile, span, (_node): _node is ts.Node => true);
}

/**
 * The outermost node below the file (the file itself excluded) that starts and ends exactly at
 * `span` and is of the kind wanted. Walks only the nodes around the span, without recursion.
 */
export function findNodeAtSpan<T extends ts.Node>(sourceFile: ts.SourceFile, span: Span, is: (node: ts.Node) => node is T): T | undefined {
  let found: T | undefined;
  walkTree(sourceFile, (node) => {
    if (node === sourceFile) return true;
    if (found || node.getStart(sourceFile) > span.start || node.getEnd() < span.end) return false;
    if (node.getStart(sourceFile) === span.start && node.getEnd() === span.end && is(node)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/** The line break the file uses. */
export function newlineOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** The whitespace that starts the line `offset` is on. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One level of indentation as the file writes it (a tab, or the smallest run of leading spaces). */
export function indentUnitOf(text: string): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/\n( +|\t)\S/g)) {
    if (match[1] === "\t") return "\t";
    smallest = Math.min(smallest, match[1].length);
  }
  return " ".repeat(Number.isFinite(smallest) ? Math.min(smallest, 8) : 2);
}

/** The quote character the file prefers for strings. */
export function quoteOf(text: string): '"' | "'" {
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  return singles > doubles ? "'" : '"';
}

/** Whether the file ends statements with semicolons (judged by its import lines). */
export function usesSemicolons(text: string): boolean {
  const imports = [...text.matchAll(/^import .*?(;?)[ \t]*$/gm)];
  return imports.length === 0 || imports.some((m) => m[1] === ";");
}

/**
 * Identifiers in the module that refer to `name` (not property names, not the import that binds
 * it), outside the given spans. Over-counts shadowed names, which only ever keeps an import.
 */
export function identifierUses(sourceFile: ts.SourceFile, name: string, outside: readonly Span[] = []): number {
  let count = 0;
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isImportDeclaration(node)) continue;
    if (ts.isIdentifier(node) && node.text === name && !isPropertyName(node)) {
      const start = node.getStart(sourceFile);
      if (!outside.some((s) => start >= s.start && start < s.end)) count++;
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return count;
}

/** Whether the identifier names a property (`x.name`, `{ name: … }`, `A.B` in a type) rather than a binding. */
export function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isMethodDeclaration(parent) && parent.name === node) ||
    (ts.isPropertySignature(parent) && parent.name === node) ||
    (ts.isPropertyDeclaration(parent) && parent.name === node) ||
    (ts.isQualifiedName(parent) && parent.right === node);
}
