// What a position in a module names, in Convex terms: a function (`api.x.y`, or its export), a
// table (a db call's or `v.id`'s string, or the schema key), an index (`withIndex("…")`, or the
// schema's `.index("…")`), or a field (`q.eq("…")` in an index range, `q.field("…")` in a filter).
// Definition, references, hover and completion all start here. Strings are read syntactically from
// the module's tree, so helpers outside handlers and half-typed code count too.
import ts = require("typescript");
import { stringValue, unwrap, walkTree } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, Span } from "../project/types";
import { sourceFileOf } from "../fixes/source";

/** `db.<method>("table", …)` calls whose first argument names a table. */
export const TABLE_METHODS = new Set(["query", "insert", "get", "patch", "replace", "delete"]);
/** Index range methods whose first argument names a field. */
const RANGE_METHODS = new Set(["eq", "gt", "gte", "lt", "lte", "search"]);

export type NavSymbol =
  | {
      kind: "function";
      /** Module path segments then the export name. */
      path: string[];
      /** The whole `api.x.y` chain, or the export's name at its definition. */
      span: Span;
      role: "reference" | "definition";
    }
  | {
      kind: "table";
      name: string;
      /** The name without its quotes. */
      span: Span;
      role: "db" | "id" | "schema";
      /** For `db`: the method (`query`, `insert`, …). */
      method?: string;
    }
  | {
      kind: "index";
      name: string;
      /** Undefined when the chain's table could not be followed. */
      table?: string;
      span: Span;
      role: "withIndex" | "withSearchIndex" | "schema";
    }
  | {
      kind: "field";
      name: string;
      table?: string;
      span: Span;
      role: "range" | "filter";
      /** For `range`: the index the range is over, and how many range calls come before this one. */
      index?: string;
      position?: number;
    };

const cache = new WeakMap<ModuleFacts, NavSymbol[]>();

/** Every Convex symbol the module names, in source order (cached per module version). */
export function symbolsOf(module: ModuleFacts): NavSymbol[] {
  let symbols = cache.get(module);
  if (!symbols) {
    symbols = collect(module);
    cache.set(module, symbols);
  }
  return symbols;
}

/** The symbol at `offset` (a cursor touching either end of it counts), the innermost when they nest. */
export function symbolAt(module: ModuleFacts, offset: number): NavSymbol | undefined {
  let best: NavSymbol | undefined;
  for (const symbol of symbolsOf(module)) {
    if (offset < symbol.span.start || offset > symbol.span.end) continue;
    if (!best || symbol.span.end - symbol.span.start < best.span.end - best.span.start) best = symbol;
  }
  return best;
}

/** The facts of a file in the project: a module of the functions folder or a client file. */
export function moduleOf(project: ConvexProject, file: string): ModuleFacts | undefined {
  return project.modules.get(file) ?? project.clients.get(file);
}

/** Zero-based line/character → offset, clamped to the text. */
export function offsetOf(module: ModuleFacts, position: { line: number; character: number }): number {
  const lineStart = module.lineStarts[position.line];
  if (lineStart === undefined) return module.text.length;
  const next = module.lineStarts[position.line + 1] ?? module.text.length;
  return Math.min(lineStart + position.character, next);
}

function collect(module: ModuleFacts): NavSymbol[] {
  const symbols: NavSymbol[] = [];
  for (const reference of module.references) {
    symbols.push({ kind: "function", path: reference.path, span: reference.span, role: "reference" });
  }
  if (module.role === "function") {
    const segments = module.modulePath.split("/");
    for (const fn of module.functions) {
      if (fn.name !== "default") symbols.push({ kind: "function", path: [...segments, fn.name], span: fn.nameSpan, role: "definition" });
    }
  }
  for (const table of module.schema?.tables ?? []) {
    symbols.push({ kind: "table", name: table.name, span: innerSpan(module.text, table.nameSpan), role: "schema" });
    for (const index of table.indexes) {
      symbols.push({ kind: "index", name: index.name, table: table.name, span: innerSpan(module.text, index.nameSpan), role: "schema" });
    }
  }
  if (module.role === "client") return sorted(symbols);
  const idLiterals = new Set(module.idValidators.map((v) => v.span.start));
  if (module.skipped !== undefined) return sorted(symbols);
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = sourceFileOf(module);
  } catch {
    // Nested deeper than TypeScript's parser can go: the module was reported unreadable.
    return sorted(symbols);
  }
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node)) callSymbols(node, sourceFile, idLiterals, symbols);
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return sorted(symbols);
}

function sorted(symbols: NavSymbol[]): NavSymbol[] {
  return symbols.sort((a, b) => a.span.start - b.span.start);
}

function callSymbols(call: ts.CallExpression, sourceFile: ts.SourceFile, idLiterals: Set<number>, out: NavSymbol[]): void {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return;
  const method = callee.name.text;
  const first = call.arguments[0];
  const literal = first && isString(first) ? first : undefined;
  const span = literal && innerSpan(sourceFile.text, { start: literal.getStart(sourceFile), end: literal.getEnd() });
  if (literal && span && TABLE_METHODS.has(method) && isDbReceiver(callee.expression)) {
    out.push({ kind: "table", name: literal.text, span, role: "db", method });
  } else if (literal && span && method === "id" && idLiterals.has(literal.getStart(sourceFile))) {
    out.push({ kind: "table", name: literal.text, span, role: "id" });
  } else if (method === "withIndex" || method === "withSearchIndex") {
    const table = tableOfChain(callee.expression);
    if (literal && span) out.push({ kind: "index", name: literal.text, table, span, role: method });
    const range = call.arguments[1];
    if (range && (ts.isArrowFunction(range) || ts.isFunctionExpression(range))) {
      rangeSymbols(range, sourceFile, table, literal?.text, out);
    }
  } else if (method === "filter") {
    const predicate = call.arguments[0];
    if (predicate && (ts.isArrowFunction(predicate) || ts.isFunctionExpression(predicate))) {
      filterSymbols(predicate, sourceFile, tableOfChain(callee.expression), out);
    }
  }
}

/** `q.eq("a", x).gt("b", y)` in a withIndex range: each field with how many range calls precede it. */
function rangeSymbols(range: ts.ArrowFunction | ts.FunctionExpression, sourceFile: ts.SourceFile, table: string | undefined, index: string | undefined, out: NavSymbol[]): void {
  let expr: ts.Node | undefined = range.body;
  if (expr && ts.isBlock(expr)) expr = expr.statements.find(ts.isReturnStatement)?.expression;
  const calls: ts.CallExpression[] = [];
  let current = expr && ts.isExpression(expr) ? unwrap(expr) : undefined;
  while (current && ts.isCallExpression(current) && ts.isPropertyAccessExpression(unwrap(current.expression))) {
    calls.unshift(current);
    current = unwrap((unwrap(current.expression) as ts.PropertyAccessExpression).expression);
  }
  calls.forEach((call, position) => {
    const method = (unwrap(call.expression) as ts.PropertyAccessExpression).name.text;
    const arg = call.arguments[0];
    if (!RANGE_METHODS.has(method) || !arg || !isString(arg)) return;
    const span = innerSpan(sourceFile.text, { start: arg.getStart(sourceFile), end: arg.getEnd() });
    out.push({ kind: "field", name: arg.text, table, span, role: "range", index, position });
  });
}

/** Every `q.field("f")` in a filter predicate. */
function filterSymbols(predicate: ts.ArrowFunction | ts.FunctionExpression, sourceFile: ts.SourceFile, table: string | undefined, out: NavSymbol[]): void {
  walkTree(predicate.body, (node) => {
    if (ts.isCallExpression(node)) {
      const callee = unwrap(node.expression);
      const arg = node.arguments[0];
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "field" && arg && isString(arg)) {
        const span = innerSpan(sourceFile.text, { start: arg.getStart(sourceFile), end: arg.getEnd() });
        out.push({ kind: "field", name: arg.text, table, span, role: "filter" });
      }
    }
  });
}

/**
 * The table a query chain reads: follows `….order(…).withIndex(…)` back to `db.query("t")`, and a
 * stored builder (`const q = ctx.db.query("t")`) to its declaration.
 */
export function tableOfChain(expr: ts.Expression, depth = 0): string | undefined {
  let current = unwrap(expr);
  for (let hops = 0; hops < 50; hops++) {
    if (ts.isCallExpression(current)) {
      const callee = unwrap(current.expression);
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      if (callee.name.text === "query" && isDbReceiver(callee.expression)) return stringValue(current.arguments[0]);
      current = unwrap(callee.expression);
    } else if (ts.isIdentifier(current) && depth < 5) {
      const initializer = declarationOf(current);
      return initializer ? tableOfChain(initializer, depth + 1) : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The initializer of the nearest `const/let name = …` before the identifier, in its enclosing scopes. */
function declarationOf(identifier: ts.Identifier): ts.Expression | undefined {
  let scope: ts.Node | undefined = identifier.parent;
  while (scope) {
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isFunctionLike(scope)) {
      let found: ts.Expression | undefined;
      const current = scope;
      walkTree(scope, (node) => {
        if (node.pos >= identifier.pos) return false;
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === identifier.text && node.initializer) found = node.initializer;
        return node === current || !(ts.isFunctionLike(node) || ts.isBlock(node));
      });
      if (found) return found;
    }
    scope = scope.parent;
  }
  return undefined;
}

/** `ctx.db`, `db` (destructured or aliased), `something.db`. */
function isDbReceiver(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return (ts.isIdentifier(e) && e.text === "db") || (ts.isPropertyAccessExpression(e) && e.name.text === "db");
}

function isString(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** A string literal's span without its quotes (an unterminated literal has no closing one). */
export function innerSpan(text: string, span: Span): Span {
  const open = text[span.start];
  if (open !== '"' && open !== "'" && open !== "`") return span;
  const closed = span.end - span.start >= 2 && text[span.end - 1] === open;
  return { start: span.start + 1, end: closed ? span.end - 1 : span.end };
}

