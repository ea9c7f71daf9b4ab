// Moving top-level Convex function definitions from one module into a new module: the definitions,
// the module-local helpers only they use, the imports they need (relative specifiers re-aimed), and
// every `api.x.f` / `internal.x.f` reference across the workspace re-pointed at the new module.
import * as path from "node:path";
import ts = require("typescript");
import type { AnalysisIndex } from "../engine/index";
import { walkTree } from "../project/extract/ast";
import { modulePathOf } from "../project/paths";
import type { ModuleFacts, RegisteredFunction, Span } from "../project/types";
import type { FileEdit } from "../rules/types";
import { isPropertyName, newlineOf, quoteOf, sourceFileOf, usesSemicolons } from "./source";
import { referencesTo, rewriteReferences } from "./references";
import { localNameOf } from "./imports";

export interface MoveOptions {
  /** Directive the new module starts with (`use node`). */
  directive?: string;
  /**
   * Imports (by specifier) that must leave the module entirely: they go to the new module even when
   * nothing uses them, and the move is refused when code that stays uses them.
   */
  mustLeave?: (specifier: string) => boolean;
  /** Imports (by specifier) the moved code may not take along: the move is refused when it uses them. */
  mustStay?: (specifier: string) => boolean;
}

/** A free path for a new module next to `module`: `<dir>/<name><suffix>.<ext>`, then `…2`, `…3`. */
export function freeSiblingPath(index: AnalysisIndex, module: ModuleFacts, suffix: string): string | undefined {
  const dir = path.posix.dirname(module.path);
  const base = path.posix.basename(module.path);
  const ext = /\.[^.]+$/.exec(base)?.[0] ?? ".ts";
  const name = base.slice(0, base.length - ext.length);
  for (const n of ["", "2", "3"]) {
    const candidate = `${dir}/${name}${suffix}${n}${ext}`;
    const taken = (p: string) => index.project.modules.has(p) || index.project.clients.has(p) || index.project.fs.isFile(p);
    // Also refuse a sibling with another extension: both would be the same module path.
    if (![".ts", ".tsx", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"].some((e) => taken(`${dir}/${name}${suffix}${n}${e}`)) && !taken(candidate)) return candidate;
  }
  return undefined;
}

interface Binding {
  local: string;
  /** Source text of the binding: `x`, `* as x`, `a as b`, `type T`. */
  text: string;
  kind: "default" | "namespace" | "named";
}

/**
 * Edits that move `fns` (each an `export const name = builder(…)` statement of `module`) into a new
 * module at `targetPath`; undefined when it cannot be done safely: a definition in another form, a
 * helper the moved code shares with code that stays, an exported helper, code that stays using a
 * moved name, an import the move cannot split, or another module importing a moved name.
 */
export function moveDefinitions(index: AnalysisIndex, module: ModuleFacts, fns: readonly RegisteredFunction[], targetPath: string, options: MoveOptions = {}): FileEdit[] | undefined {
  if (fns.length === 0 || module.parseProblems.length > 0 || module.exportsStar) return undefined;
  const sourceFile = sourceFileOf(module);
  const text = module.text;
  const statements = [...sourceFile.statements];
  const statementOf = (span: Span) => statements.find((s) => s.getStart(sourceFile) <= span.start && span.end <= s.getEnd());

  // The statements that define the functions.
  const moved = new Set<ts.Statement>();
  for (const fn of fns) {
    const statement = statementOf(fn.nameSpan);
    if (!statement || !ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
    const declaration = statement.declarationList.declarations[0];
    if (!ts.isIdentifier(declaration.name) || declaration.name.text !== fn.name) return undefined;
    moved.add(statement);
  }
  const registered = new Set(module.functions.map((f) => statementOf(f.nameSpan)));

  // What each top-level statement declares and uses.
  const declared = new Map<string, ts.Statement>();
  const usesOf = new Map<ts.Statement, Set<string>>();
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement)) continue;
    for (const name of declaredNames(statement)) declared.set(name, statement);
    usesOf.set(statement, identifiersIn(statement));
  }
  // Helpers only the moved code uses go along.
  const queue = [...moved];
  while (queue.length > 0) {
    const statement = queue.pop()!;
    for (const name of usesOf.get(statement)!) {
      const helper = declared.get(name);
      if (!helper || moved.has(helper)) continue;
      if (registered.has(helper) || isExported(helper) || !isMovableHelper(helper)) return undefined;
      moved.add(helper);
      queue.push(helper);
    }
  }
  const staying = statements.filter((s) => !ts.isImportDeclaration(s) && !moved.has(s));
  const movedNames = new Set([...moved].flatMap((s) => declaredNames(s)));
  const usedBy = (list: readonly ts.Statement[], name: string) => list.some((s) => usesOf.get(s)!.has(name));
  for (const name of movedNames) {
    if (usedBy(staying, name)) return undefined;
  }
  // Re-exports of a module the move must take out cannot be split.
  if (staying.some((s) => ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && options.mustLeave?.(s.moduleSpecifier.text))) return undefined;
  // Other modules importing a moved name from this one would break.
  for (const other of index.project.modules.values()) {
    if (other === module) continue;
    for (const imp of other.imports) {
      if (!imp.specifier.startsWith(".") || index.resolveImport(other, imp.specifier) !== module) continue;
      if (imp.names.some((n) => n.imported === "*" || movedNames.has(n.imported))) return undefined;
    }
  }

  const nl = newlineOf(text);
  const quote = quoteOf(text);
  const semi = usesSemicolons(text) ? ";" : "";
  const edits: FileEdit[] = [];
  const movedList = statements.filter((s) => moved.has(s));
  const movedOrder = [...movedList];

  // Imports: split each declaration between the modules.
  const newImports: string[] = [];
  for (const declaration of statements.filter(ts.isImportDeclaration)) {
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    const mustLeave = options.mustLeave?.(specifier) ?? false;
    const clause = declaration.importClause;
    if (!clause) {
      if (mustLeave) return undefined;
      continue;
    }
    const bindings = bindingsOf(clause, sourceFile);
    const goes: Binding[] = [];
    const stays: Binding[] = [];
    for (const binding of bindings) {
      const byMoved = usedBy(movedOrder, binding.local);
      const byStaying = usedBy(staying, binding.local);
      if (byMoved && options.mustStay?.(specifier)) return undefined;
      if (mustLeave) {
        if (byStaying) return undefined;
        goes.push(binding);
      } else {
        if (byMoved) goes.push(binding);
        if (byStaying || !byMoved) stays.push(binding);
      }
    }
    if (goes.length > 0) newImports.push(importText(clause.isTypeOnly, goes, retarget(specifier, module.path, targetPath), quote, semi));
    if (stays.length === bindings.length) continue;
    const { start, end } = lineRange(text, declaration.getStart(sourceFile), declaration.getEnd());
    const kept = stays.length === 0 ? "" : importText(clause.isTypeOnly, stays, (declaration.moduleSpecifier as ts.StringLiteral).getText(sourceFile).slice(1, -1), quote, semi, (declaration.moduleSpecifier as ts.StringLiteral).getText(sourceFile)) + nl;
    edits.push({ path: module.path, start, end, newText: kept });
  }

  // References: inside the moved code they are rewritten in the new text, elsewhere by edits.
  const targetModulePath = modulePathOf(path.posix.relative(index.project.functionsDir, targetPath));
  const inside: { span: Span; newText: string }[] = [];
  for (const fn of fns) {
    const sites = referencesTo(index, module, fn);
    const outside = sites.filter((site) => site.module !== module || !movedOrder.some((s) => s.getStart(sourceFile) <= site.reference.span.start && site.reference.span.end <= s.getEnd()));
    for (const site of sites) {
      if (outside.includes(site)) continue;
      const root = localNameOf(module, "api", site.reference.root) ?? site.reference.root;
      inside.push({ span: site.reference.span, newText: [root, ...targetModulePath.split("/"), fn.name].join(".") });
    }
    for (const root of ["api", "internal"] as const) {
      const rootSites = outside.filter((s) => s.reference.root === root);
      if (rootSites.length > 0) edits.push(...rewriteReferences(index, rootSites, { root, path: [...targetModulePath.split("/"), fn.name] }));
    }
  }

  // The moved statements leave the module, each with the blank lines after it (and, at the end of
  // the file, the ones before it)…
  const blocks: string[] = [];
  const removals: { start: number; end: number }[] = [];
  for (const statement of movedOrder) {
    const start = leadingCommentStart(text, statement, sourceFile);
    const range = lineRange(text, start, statement.getEnd());
    range.end += /^(?:[ \t]*\r?\n)*/.exec(text.slice(range.end))![0].length;
    const last = removals[removals.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else removals.push(range);
    let block = text.slice(start, statement.getEnd());
    for (const r of inside.filter((i) => i.span.start >= start && i.span.end <= statement.getEnd()).sort((a, b) => b.span.start - a.span.start)) {
      block = block.slice(0, r.span.start - start) + r.newText + block.slice(r.span.end - start);
    }
    blocks.push(block);
  }
  const last = removals[removals.length - 1];
  if (text.slice(last.end).trim() === "") {
    last.end = text.length;
    const before = /(?:\r?\n[ \t]*)+$/.exec(text.slice(0, last.start));
    if (before && last.start - before[0].length > 0) last.start -= before[0].length - nl.length;
  }
  for (const r of removals) edits.push({ path: module.path, ...r, newText: "" });
  // …and make up the new one.
  const header = options.directive ? `${quote}${options.directive}${quote}${semi}${nl}${nl}` : "";
  const newText = `${header}${newImports.join(nl)}${newImports.length > 0 ? nl + nl : ""}${blocks.join(nl + nl)}${nl}`;
  edits.push({ path: targetPath, start: 0, end: 0, newText, create: true });
  return edits;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) return [statement.name.text];
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

function isMovableHelper(statement: ts.Statement): boolean {
  return declaredNames(statement).length > 0;
}

function isExported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Identifier names the statement mentions (property names excluded; over-approximates, which only ever keeps more). */
function identifiersIn(statement: ts.Node): Set<string> {
  const names = new Set<string>();
  walkTree(statement, (node) => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) names.add(node.text);
  });
  return names;
}


function bindingsOf(clause: ts.ImportClause, sourceFile: ts.SourceFile): Binding[] {
  const out: Binding[] = [];
  if (clause.name) out.push({ local: clause.name.text, text: clause.name.text, kind: "default" });
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) out.push({ local: bindings.name.text, text: bindings.getText(sourceFile), kind: "namespace" });
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) out.push({ local: element.name.text, text: element.getText(sourceFile), kind: "named" });
  }
  return out;
}

function importText(typeOnly: boolean, bindings: Binding[], specifier: string, quote: string, semi: string, literal?: string): string {
  const parts: string[] = [];
  const def = bindings.find((b) => b.kind === "default");
  if (def) parts.push(def.text);
  const ns = bindings.find((b) => b.kind === "namespace");
  if (ns) parts.push(ns.text);
  const named = bindings.filter((b) => b.kind === "named");
  if (named.length > 0) parts.push(`{ ${named.map((b) => b.text).join(", ")} }`);
  return `import ${typeOnly ? "type " : ""}${parts.join(", ")} from ${literal ?? `${quote}${specifier}${quote}`}${semi}`;
}

/** A relative specifier as seen from the new module's folder. */
function retarget(specifier: string, fromPath: string, toPath: string): string {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return specifier;
  const fromDir = path.posix.dirname(fromPath);
  const toDir = path.posix.dirname(toPath);
  if (fromDir === toDir) return specifier;
  const relative = path.posix.relative(toDir, path.posix.join(fromDir, specifier));
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** From the start of the line of `start` (when only whitespace precedes it) to after the line break following `end`. */
function lineRange(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const from = /^[ \t]*$/.test(text.slice(lineStart, start)) ? lineStart : start;
  let to = end;
  const rest = /^[ \t]*(\r?\n)?/.exec(text.slice(end))!;
  if (rest[1]) to += rest[0].length;
  return { start: from, end: to };
}

/** Where the comments that lead a statement on their own lines begin (the statement itself otherwise). */
function leadingCommentStart(text: string, statement: ts.Statement, sourceFile: ts.SourceFile): number {
  const start = statement.getStart(sourceFile);
  const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  // Only comments after the last blank line belong to the statement.
  let first = start;
  for (let i = comments.length - 1; i >= 0; i--) {
    const between = text.slice(comments[i].end, first);
    if (/\n[ \t]*\r?\n/.test(between)) break;
    first = comments[i].pos;
  }
  return first;
}
