// Edits to a module's imports from the functions folder's `_generated/` files: add a name, drop a
// name nothing uses any more, keeping the clause's layout.
import * as path from "node:path";
import ts = require("typescript");
import { isGeneratedImport } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, Span } from "../project/types";
import type { FileEdit } from "../rules/types";
import { identifierUses, newlineOf, quoteOf, sourceFileOf, usesSemicolons } from "./source";

export type GeneratedFile = "api" | "server";

/** How `module` imports `_generated/<file>`: `./_generated/api` from `convex/x.ts`, `../convex/_generated/api` from `src/App.tsx`. */
export function generatedSpecifier(project: ConvexProject, module: ModuleFacts, file: GeneratedFile): string {
  const existing = module.imports.find((i) => isGeneratedImport(i.specifier, file));
  if (existing) return existing.specifier;
  const sibling = module.imports.find((i) => isGeneratedImport(i.specifier, file === "api" ? "server" : "api"));
  if (sibling) return sibling.specifier.replace(/_generated\/(api|server)/, `_generated/${file}`);
  const relative = path.posix.relative(path.posix.dirname(module.path), `${project.functionsDir}/_generated/${file}`);
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** The local name `module` binds to `imported` from `_generated/<file>`, if it imports it. */
export function localNameOf(module: ModuleFacts, file: GeneratedFile, imported: string): string | undefined {
  for (const imp of module.imports) {
    if (imp.typeOnly || !isGeneratedImport(imp.specifier, file)) continue;
    const name = imp.names.find((n) => n.imported === imported);
    if (name) return name.local;
  }
  return undefined;
}

export interface ImportChange {
  /** Names to import (skipped when already imported). */
  add?: string[];
  /** Names to drop when, outside `rewritten`, nothing in the module uses them any more. */
  removeIfUnused?: string[];
  /** Spans the same fix rewrites (uses inside them are going away). */
  rewritten?: readonly Span[];
}

/**
 * One edit (or none) that brings the module's import of `_generated/<file>` in line with `change`:
 * the named-import clause is rewritten whole, or a new import is added after the last one, or the
 * declaration is removed when nothing is left in it.
 */
export function changeGeneratedImport(project: ConvexProject, module: ModuleFacts, file: GeneratedFile, change: ImportChange): FileEdit[] {
  const sourceFile = sourceFileOf(module);
  const declaration = sourceFile.statements.find((s): s is ts.ImportDeclaration =>
    ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && isGeneratedImport(s.moduleSpecifier.text, file) &&
    !s.importClause?.isTypeOnly && s.importClause?.namedBindings !== undefined && ts.isNamedImports(s.importClause.namedBindings));
  const elements = declaration ? [...(declaration.importClause!.namedBindings as ts.NamedImports).elements] : [];
  const imported = (e: ts.ImportSpecifier) => (e.propertyName ?? e.name).text;
  const additions = (change.add ?? []).filter((name) => localNameOf(module, file, name) === undefined && !elements.some((e) => imported(e) === name));
  const removals = new Set((change.removeIfUnused ?? []).filter((name) => {
    const element = elements.find((e) => imported(e) === name);
    return element !== undefined && identifierUses(sourceFile, element.name.text, change.rewritten) === 0;
  }));
  if (additions.length === 0 && removals.size === 0) return [];
  const text = module.text;
  const kept = elements.filter((e) => !removals.has(imported(e))).map((e) => ({ key: imported(e), text: e.getText(sourceFile) }));
  const names = withAdditions(kept, additions).map((n) => n.text);
  if (!declaration) {
    const quote = quoteOf(text);
    const line = `import { ${names.join(", ")} } from ${quote}${generatedSpecifier(project, module, file)}${quote}${usesSemicolons(text) ? ";" : ""}${newlineOf(text)}`;
    return [{ path: module.path, ...insertionAfterImports(sourceFile, text), newText: line }];
  }
  const clause = declaration.importClause!;
  if (names.length === 0 && !clause.name) {
    // Nothing left to import: remove the declaration and its line break.
    const start = declaration.getStart(sourceFile);
    let end = declaration.getEnd();
    if (text.startsWith("\r\n", end)) end += 2;
    else if (text[end] === "\n") end += 1;
    return [{ path: module.path, start, end, newText: "" }];
  }
  const bindings = clause.namedBindings as ts.NamedImports;
  const original = bindings.getText(sourceFile);
  let newText: string;
  if (original.includes("\n")) {
    const indent = /\n([ \t]*)\S/.exec(original)?.[1] ?? "  ";
    const nl = newlineOf(text);
    newText = `{${nl}${names.map((n) => `${indent}${n},`).join(nl)}${nl}}`;
  } else {
    newText = names.length === 0 ? "{}" : `{ ${names.join(", ")} }`;
  }
  return [{ path: module.path, start: bindings.getStart(sourceFile), end: bindings.getEnd(), newText }];
}

/**
 * The kept names with the additions: in sorted position when the clause is sorted (ignoring case),
 * at the end otherwise.
 */
function withAdditions(kept: { key: string; text: string }[], additions: string[]): { key: string; text: string }[] {
  const lower = (s: string) => s.toLowerCase();
  const sorted = kept.every((n, i) => i === 0 || lower(kept[i - 1].key) <= lower(n.key));
  const names = [...kept];
  for (const name of additions) {
    const at = sorted ? names.findIndex((n) => lower(n.key) > lower(name)) : -1;
    names.splice(at === -1 ? names.length : at, 0, { key: name, text: name });
  }
  return names;
}

/** Where a new import line goes: after the last import, or at the first statement. */
export function insertionAfterImports(sourceFile: ts.SourceFile, text: string): { start: number; end: number } {
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  if (imports.length > 0) {
    let at = imports[imports.length - 1].getEnd();
    if (text.startsWith("\r\n", at)) at += 2;
    else if (text[at] === "\n") at += 1;
    else return { start: at, end: at };
    return { start: at, end: at };
  }
  // After directives such as "use node".
  const directives = sourceFile.statements.filter((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression));
  let at = directives.length > 0 ? directives[directives.length - 1].getEnd() : (sourceFile.statements[0]?.getStart(sourceFile) ?? text.length);
  if (directives.length > 0) {
    if (text.startsWith("\r\n", at)) at += 2;
    else if (text[at] === "\n") at += 1;
  }
  return { start: at, end: at };
}
