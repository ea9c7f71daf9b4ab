// Turns one module's text into ModuleFacts. Runs once per module version; the syntax tree is
// dropped afterwards, so everything a rule needs must be captured here as plain data.
import ts = require("typescript");
import { computeLineStarts, parseModuleWithoutParents, parseProblems } from "../parse";
import {
  BUILDERS,
  type CronJob,
  type CtxArea,
  type CtxCall,
  type Directive,
  type FunctionKind,
  type FunctionReference,
  type ImportFact,
  type HttpRoute,
  type HttpRouterFacts,
  type LongString,
  type ModuleFacts,
  type PlainCall,
  type ValidatorCall,
  type ThrowFact,
  type QueryChain,
  type QueryStep,
  type RegisteredFunction,
  type Span,
  type Visibility,
} from "../types";
import { isFunctionLike, isGeneratedImport, propertyChain, propertyName, spanOf, stringValue, unwrap, walkTree } from "./ast";
import { readFilterPredicate } from "./filterPredicate";
import { extractSchema } from "./schema";
import { extractSuppressions } from "./suppressions";

export interface ModuleInput {
  path: string;
  text: string;
  version: string;
  modulePath: string;
  role: ModuleFacts["role"];
  /** Custom builders this module imports from other modules of the project, by local name. */
  importedBuilders?: ReadonlyMap<string, Builder>;
  /** The syntax tree of `text` when the caller has one already (an incremental re-parse). */
  sourceFile?: ts.SourceFile;
}

export interface Builder {
  kind: FunctionKind;
  visibility: Visibility;
}

/** What a file's imports bind locally, as far as the rules care. */
interface Bindings {
  builders: Map<string, Builder>;
  apiRoots: Map<string, "api" | "internal">;
  validators: Set<string>;
}

export function extractModule(input: ModuleInput): ModuleFacts {
  const sourceFile = input.sourceFile ?? parseModuleWithoutParents(input.path, input.text);
  const imports = extractImports(sourceFile);
  const bindings = bindingsOf(imports);
  for (const [local, builder] of input.importedBuilders ?? []) bindings.builders.set(local, builder);
  const references = new Map<ts.Node, FunctionReference>();
  const fileFacts = collectFileFacts(sourceFile, sourceFile, bindings, references);
  addCustomBuilders(sourceFile, bindings);
  const problems = parseProblems(sourceFile);
  return {
    path: input.path,
    version: input.version,
    text: input.text,
    modulePath: input.modulePath,
    role: input.role,
    directives: extractDirectives(sourceFile),
    imports,
    loadTimeImportUses: loadTimeUses(sourceFile, imports),
    ...extractExports(sourceFile),
    exportedBuilders: exportedBuilders(sourceFile, bindings),
    functions: input.role === "client" ? [] : extractFunctions(sourceFile, bindings, references),
    references: [...references.values()],
    cronJobs: input.role === "function" ? extractCronJobs(sourceFile, references) : [],
    suppressions: extractSuppressions(input.text),
    ...fileFacts,
    http: input.role === "function" ? extractHttpRouter(sourceFile) : undefined,
    parseProblems: problems,
    lineStarts: computeLineStarts(input.text),
    schema: input.role === "schema" ? extractSchema(sourceFile, problems) : undefined,
  };
}

/**
 * Facts for a module the parser could not get through (it overflows the stack on pathological
 * nesting): the module is still known to exist, with nothing a rule could misread.
 */
export function unreadableModule(input: ModuleInput, reason: string): ModuleFacts {
  return {
    path: input.path,
    version: input.version,
    text: input.text,
    modulePath: input.modulePath,
    role: input.role,
    directives: [],
    imports: [],
    loadTimeImportUses: [],
    exportedBuilders: {},
    exportNames: [],
    exportsStar: false,
    functions: [],
    references: [],
    cronJobs: [],
    suppressions: extractSuppressions(input.text),
    idValidators: [],
    validatorCalls: [],
    longStrings: [],
    setsCorsHeader: false,
    parseProblems: [{ message: reason, span: { start: 0, end: 0 } }],
    lineStarts: computeLineStarts(input.text),
    schema: input.role === "schema" ? { path: input.path, tables: [], complete: false, incompleteReason: reason } : undefined,
  };
}

function extractExports(sourceFile: ts.SourceFile): { exportNames: string[]; exportsStar: boolean } {
  const names = new Set<string>();
  let exportsStar = false;
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement)) names.add("default");
    else if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (!clause) exportsStar = true;
      else if (ts.isNamespaceExport(clause)) names.add(clause.name.text);
      else for (const element of clause.elements) if (!element.isTypeOnly) names.add(element.name.text);
    } else if (hasExportModifier(statement)) {
      const isDefault = (ts.getModifiers(statement as ts.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && (statement.name || isDefault)) {
        names.add(isDefault ? "default" : statement.name!.text);
      }
    }
  }
  return { exportNames: [...names], exportsStar };
}

function extractDirectives(sourceFile: ts.SourceFile): Directive[] {
  const directives: Directive[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push({ value: statement.expression.text, span: spanOf(statement, sourceFile) });
  }
  return directives;
}

function extractImports(sourceFile: ts.SourceFile): ImportFact[] {
  const imports: ImportFact[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const names: ImportFact["names"] = [];
      let allTypes = clause !== undefined && clause.isTypeOnly;
      if (clause?.name) {
        names.push({ imported: "default", local: clause.name.text });
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        names.push({ imported: "*", local: bindings.name.text });
      } else if (bindings) {
        for (const element of bindings.elements) {
          names.push({ imported: (element.propertyName ?? element.name).text, local: element.name.text });
        }
        if (!clause?.name && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)) allTypes = true;
      }
      imports.push({
        specifier: statement.moduleSpecifier.text,
        specifierSpan: spanOf(statement.moduleSpecifier, sourceFile),
        typeOnly: allTypes,
        names,
      });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      imports.push({
        specifier: statement.moduleSpecifier.text,
        specifierSpan: spanOf(statement.moduleSpecifier, sourceFile),
        typeOnly: statement.isTypeOnly,
        names: [],
      });
    }
  }
  return imports;
}

function bindingsOf(imports: ImportFact[]): Bindings {
  const bindings: Bindings = { builders: new Map(), apiRoots: new Map(), validators: new Set() };
  for (const imp of imports) {
    if (imp.typeOnly) continue;
    if (isGeneratedImport(imp.specifier, "server")) {
      for (const { imported, local } of imp.names) {
        const builder = BUILDERS[imported];
        if (builder) bindings.builders.set(local, builder);
      }
    } else if (isGeneratedImport(imp.specifier, "api")) {
      for (const { imported, local } of imp.names) {
        if (imported === "api" || imported === "internal") bindings.apiRoots.set(local, imported);
      }
    } else if (imp.specifier === "convex/values") {
      for (const { imported, local } of imp.names) if (imported === "v") bindings.validators.add(local);
    }
  }
  return bindings;
}

/**
 * Custom function builders defined in this module from a Convex builder, as convex-helpers'
 * `customQuery(query, …)` does: `const authedQuery = customQuery(query, …)` registers functions of
 * the same kind and visibility as `query`. Processed in order, so wrappers of wrappers work too.
 */
function addCustomBuilders(sourceFile: ts.SourceFile, bindings: Bindings): void {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const init = unwrap(declaration.initializer);
      if (!ts.isCallExpression(init) || init.arguments.length === 0) continue;
      const first = unwrap(init.arguments[0]);
      if (!ts.isIdentifier(first)) continue;
      const callee = unwrap(init.expression);
      // `query(...)` itself registers a function; only a call *taking* a builder defines a wrapper.
      if (ts.isIdentifier(callee) && bindings.builders.has(callee.text)) continue;
      const builder = bindings.builders.get(first.text);
      if (builder) bindings.builders.set(declaration.name.text, builder);
    }
  }
}

/** Custom builders the module defines (or imports) and exports, by exported name. Plain Convex builders re-exported as-is count too. */
function exportedBuilders(sourceFile: ts.SourceFile, bindings: Bindings): ModuleFacts["exportedBuilders"] {
  const out: ModuleFacts["exportedBuilders"] = {};
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !hasExportModifier(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const builder = ts.isIdentifier(d.name) ? bindings.builders.get(d.name.text) : undefined;
      if (builder && ts.isIdentifier(d.name)) out[d.name.text] = builder;
    }
  }
  for (const [local, names] of exportLists(sourceFile)) {
    const builder = bindings.builders.get(local);
    if (builder) for (const name of names) out[name] = builder;
  }
  return out;
}

/** Names a module exports through `export { a, b as c }`, mapped from local to exported name. */
function exportLists(sourceFile: ts.SourceFile): Map<string, string[]> {
  const exported = new Map<string, string[]>();
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause)) continue;
    for (const element of clause.elements) {
      const local = (element.propertyName ?? element.name).text;
      exported.set(local, [...(exported.get(local) ?? []), element.name.text]);
    }
  }
  return exported;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function extractFunctions(
  sourceFile: ts.SourceFile,
  bindings: Bindings,
  references: Map<ts.Node, FunctionReference>,
): RegisteredFunction[] {
  if (bindings.builders.size === 0) return [];
  const functions: RegisteredFunction[] = [];
  const exportedLater = exportLists(sourceFile);
  const localFunctions = topLevelFunctions(sourceFile);
  const builderCall = (expr: ts.Expression | undefined): ts.CallExpression | undefined => {
    if (!expr) return undefined;
    const call = unwrap(expr);
    if (!ts.isCallExpression(call)) return undefined;
    const callee = unwrap(call.expression);
    return ts.isIdentifier(callee) && bindings.builders.has(callee.text) ? call : undefined;
  };
  const localCalls = new Map<string, { call: ts.CallExpression; name: ts.Identifier }>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      const exported = hasExportModifier(statement);
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        const call = builderCall(declaration.initializer);
        if (!call) continue;
        localCalls.set(declaration.name.text, { call, name: declaration.name });
        const names = [...(exported ? [declaration.name.text] : []), ...(exportedLater.get(declaration.name.text) ?? [])];
        for (const name of names) {
          functions.push(describeFunction(name, declaration.name, call, sourceFile, bindings, references, localFunctions));
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const call = builderCall(statement.expression);
      if (call) {
        functions.push(describeFunction("default", call.expression, call, sourceFile, bindings, references, localFunctions));
      } else {
        const target = unwrap(statement.expression);
        const local = ts.isIdentifier(target) ? localCalls.get(target.text) : undefined;
        if (local) functions.push(describeFunction("default", target, local.call, sourceFile, bindings, references, localFunctions));
      }
    }
  }
  return functions;
}

/** Top-level `function f() {}` and `const f = () => {}` by name, for `handler: f` / `handler` shorthand. */
function topLevelFunctions(sourceFile: ts.SourceFile): Map<string, ts.FunctionLikeDeclaration> {
  const found = new Map<string, ts.FunctionLikeDeclaration>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) found.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) found.set(d.name.text, init);
      }
    }
  }
  return found;
}

function describeFunction(
  name: string,
  anchor: ts.Node,
  call: ts.CallExpression,
  sourceFile: ts.SourceFile,
  bindings: Bindings,
  references: Map<ts.Node, FunctionReference>,
  localFunctions: Map<string, ts.FunctionLikeDeclaration>,
): RegisteredFunction {
  const callee = unwrap(call.expression) as ts.Identifier;
  const builder = bindings.builders.get(callee.text)!;
  const first = call.arguments.length > 0 ? unwrap(call.arguments[0]) : undefined;
  let syntax: RegisteredFunction["syntax"] = "object";
  let hasArgs = false;
  let argsSpan: Span | undefined;
  const argNames: string[] = [];
  let handler: ts.FunctionLikeDeclaration | undefined;
  if (first && ts.isObjectLiteralExpression(first)) {
    for (const property of first.properties) {
      const key = propertyName(property.name);
      if (key === "args") {
        hasArgs = true;
        argsSpan = spanOf(property, sourceFile);
        const init = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
        if (init && ts.isObjectLiteralExpression(init)) {
          for (const arg of init.properties) {
            const argName = propertyName(arg.name);
            if (argName !== undefined) argNames.push(argName);
          }
        }
      } else if (key === "handler") {
        if (ts.isMethodDeclaration(property)) handler = property;
        else if (ts.isPropertyAssignment(property)) {
          const init = unwrap(property.initializer);
          if (isFunctionLike(init)) handler = init as ts.FunctionLikeDeclaration;
          else if (ts.isIdentifier(init)) handler = localFunctions.get(init.text);
        } else if (ts.isShorthandPropertyAssignment(property)) {
          handler = localFunctions.get(property.name.text);
        }
      } else if (ts.isSpreadAssignment(property)) {
        // `{ ...shared, handler }`: the spread may carry `args`; do not claim it is missing.
        hasArgs = true;
      }
    }
  } else if (first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first))) {
    syntax = "function";
    handler = first;
  } else {
    // A variable or call we cannot see into: assume it is complete rather than report on a guess.
    hasArgs = true;
  }
  const analysed = handler ? analyseHandler(handler, sourceFile, references, localFunctions) : { ctxCalls: [], queries: [], calls: [], throws: [], nullables: [] };
  return {
    name,
    kind: builder.kind,
    visibility: builder.visibility,
    builder: callee.text,
    nameSpan: spanOf(anchor, sourceFile),
    callSpan: spanOf(call, sourceFile),
    builderSpan: spanOf(callee, sourceFile),
    syntax,
    hasArgs,
    argsSpan,
    argNames,
    handlerSpan: handler ? spanOf(handler, sourceFile) : undefined,
    handlerParams: handler?.parameters.length ?? 0,
    optionsSpan: first && ts.isObjectLiteralExpression(first) ? spanOf(first, sourceFile) : undefined,
    ...analysed,
  };
}

const CTX_AREAS: Record<string, CtxArea> = { db: "db", scheduler: "scheduler", storage: "storage", auth: "auth" };
const RUN_METHODS = new Set(["runQuery", "runMutation", "runAction"]);
const TABLE_METHODS = new Set(["query", "insert", "get", "patch", "replace", "delete"]);
const TERMINAL_STEPS = new Set(["collect", "take", "first", "unique", "paginate", "then", "catch"]);
const RANGE_METHODS = new Set(["eq", "gt", "gte", "lt", "lte"]);

/** Global objects whose methods handlers call directly (`Date.now()`, `crypto.randomUUID()`). */
const GLOBAL_OBJECTS = new Set(["Date", "Math", "crypto", "performance", "process", "globalThis", "console", "JSON", "Promise"]);
const LOOPS = new Set([ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement]);
/** Methods whose result is not a promise. */
const SYNC_METHODS = new Set(["normalizeId", "system", "query"]);

interface HandlerFacts {
  ctxCalls: CtxCall[];
  queries: QueryChain[];
  calls: PlainCall[];
  throws: ThrowFact[];
  nullables: RegisteredFunction["nullables"];
}

/** The outermost call of a method chain starting at `call`: `db.query(…).withIndex(…).collect()`. */
function outermostChainCall(call: ts.CallExpression): ts.CallExpression {
  let current: ts.CallExpression = call;
  for (;;) {
    const access = current.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== current) return current;
    const outer = access.parent;
    if (!ts.isCallExpression(outer) || outer.expression !== access) return current;
    current = outer;
  }
}

/** Whether the value of `expr` is thrown away: it ends up as a statement of its own. */
function isDiscarded(expr: ts.Expression): boolean {
  let node: ts.Node = expr;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isConditionalExpression(parent) && parent.condition !== node) node = parent;
    else if (ts.isBinaryExpression(parent) && (parent.right === node && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.CommaToken].includes(parent.operatorToken.kind) || parent.operatorToken.kind === ts.SyntaxKind.CommaToken)) node = parent;
    else return ts.isExpressionStatement(parent);
  }
}

function isAwaited(expr: ts.Expression): boolean {
  let node: ts.Node = expr;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isAwaitExpression(node.parent);
}

/** `!x`, `x === null`, `x == null`, `x === undefined`, `null === x` → "x". */
function guardedVariable(condition: ts.Expression): string | undefined {
  const c = unwrap(condition);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = unwrap(c.operand);
    return ts.isIdentifier(operand) ? operand.text : undefined;
  }
  if (ts.isBinaryExpression(c) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(c.operatorToken.kind)) {
    const [a, b] = [unwrap(c.left), unwrap(c.right)];
    const isNullish = (e: ts.Expression) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined");
    if (ts.isIdentifier(a) && isNullish(b)) return a.text;
    if (ts.isIdentifier(b) && isNullish(a)) return b.text;
  }
  return undefined;
}

/**
 * What a handler does: its `ctx.db.*`, `ctx.scheduler.*`, `ctx.storage.*`, `ctx.auth.*` and
 * `ctx.run*` calls (reached as `ctx.db`, through `async ({ db }) =>`, or `const { db } = ctx`),
 * other calls (`fetch`, `Date.now`), throws, and variables that may hold null.
 */
function analyseHandler(
  handler: ts.FunctionLikeDeclaration,
  sourceFile: ts.SourceFile,
  references: Map<ts.Node, FunctionReference>,
  localFunctions: Map<string, ts.FunctionLikeDeclaration> = new Map(),
  ctxIndex = 0,
  seen: Set<ts.Node> = new Set([handler]),
): HandlerFacts {
  const facts: HandlerFacts = { ctxCalls: [], queries: [], calls: [], throws: [], nullables: [] };
  /** Same-module functions the handler passes its ctx to, with the parameter that receives it. */
  const helpers = new Map<ts.FunctionLikeDeclaration, { name: string; index: number }>();
  const { ctxCalls, queries, calls, throws, nullables } = facts;
  const ctxNames = new Set<string>();
  // local name → what it stands for: an area of ctx (`db`) or a run method (`runQuery`).
  const aliases = new Map<string, string>();
  const bindPattern = (pattern: ts.ObjectBindingPattern) => {
    for (const element of pattern.elements) {
      const key = propertyName(element.propertyName ?? element.name);
      if (key && ts.isIdentifier(element.name) && (key in CTX_AREAS || RUN_METHODS.has(key))) aliases.set(element.name.text, key);
    }
  };
  const ctxParam = handler.parameters[ctxIndex]?.name;
  if (ctxParam && ts.isIdentifier(ctxParam)) ctxNames.add(ctxParam.text);
  else if (ctxParam && ts.isObjectBindingPattern(ctxParam)) bindPattern(ctxParam);

  /** The ctx member an expression denotes: `ctx.db` → "db", `db` (alias) → "db", else undefined. */
  const memberOf = (expr: ts.Expression): { member: string; node: ts.Expression } | undefined => {
    const e = unwrap(expr);
    if (ts.isPropertyAccessExpression(e)) {
      const target = unwrap(e.expression);
      if (ts.isIdentifier(target) && ctxNames.has(target.text)) return { member: e.name.text, node: e };
    } else if (ts.isIdentifier(e) && aliases.has(e.text)) {
      return { member: aliases.get(e.text)!, node: e };
    }
    return undefined;
  };
  /** What a variable's initializer may hold null from: `await ctx.auth.getUserIdentity()`, `await db.get(id)`, `….unique()`. */
  const nullableSource = (init: ts.Expression): "identity" | "document" | undefined => {
    let e = unwrap(init);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const method = e.expression.name.text;
    const area = memberOf(e.expression.expression);
    if (area?.member === "auth" && method === "getUserIdentity") return "identity";
    if (area?.member === "db" && method === "get") return "document";
    if (method === "unique" || method === "first") {
      let root: ts.Expression = e;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) {
        const inner = root.expression.expression;
        if (memberOf(inner)?.member === "db") return "document";
        root = inner;
      }
    }
    return undefined;
  };

  let tryDepth = 0;
  let loopDepth = 0;
  let functionDepth = 0;
  const context = () => ({ inTry: tryDepth > 0, inLoop: loopDepth > 0 });
  // An explicit stack instead of recursion (a handler can nest deeper than the call stack allows):
  // nodes still to visit, and the steps that leave a try block, loop or function once its nodes are done.
  const stack: (ts.Node | (() => void))[] = [];
  const push = (node: ts.Node) => {
    // Identifiers, literals, keywords: most of the nodes, none of them a fact on its own.
    if (node.kind >= ts.SyntaxKind.FirstNode) stack.push(node);
  };
  /** Schedules the children of `node`, to be visited in source order. */
  const visitChildren = (node: ts.Node) => {
    const from = stack.length;
    ts.forEachChild(node, push);
    reverse(stack, from);
  };
  const leaveTry = () => tryDepth--;
  const leaveLoop = () => loopDepth--;
  const leaveFunction = () => functionDepth--;
  const visit = (node: ts.Node): void => {
    if (ts.isTryStatement(node)) {
      if (node.finallyBlock) push(node.finallyBlock);
      if (node.catchClause) push(node.catchClause);
      stack.push(leaveTry);
      push(node.tryBlock);
      tryDepth++;
      return;
    }
    if (LOOPS.has(node.kind)) {
      stack.push(leaveLoop);
      visitChildren(node);
      loopDepth++;
      return;
    }
    if (isFunctionLike(node)) {
      stack.push(leaveFunction);
      visitChildren(node);
      functionDepth++;
      return;
    }
    if (ts.isThrowStatement(node) && functionDepth === 0) {
      let guard: string | undefined;
      const holder = ts.isBlock(node.parent) && node.parent.statements.length === 1 ? node.parent.parent : node.parent;
      if (ts.isIfStatement(holder) && (holder.thenStatement === node || holder.thenStatement === node.parent)) guard = guardedVariable(holder.expression);
      throws.push({ span: spanOf(node, sourceFile), guard });
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = unwrap(node.initializer);
      if (ts.isObjectBindingPattern(node.name) && ts.isIdentifier(init) && ctxNames.has(init.text)) bindPattern(node.name);
      else if (ts.isIdentifier(node.name)) {
        const m = memberOf(init);
        if (m && (m.member in CTX_AREAS || RUN_METHODS.has(m.member))) aliases.set(node.name.text, m.member);
        const source = nullableSource(init);
        if (source) nullables.push({ name: node.name.text, source });
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Date") {
      calls.push({ callee: "new Date", span: spanOf(node, sourceFile), calleeSpan: spanOf(node, sourceFile), argCount: node.arguments?.length ?? 0, awaited: false, ...context() });
    }
    if (ts.isCallExpression(node)) {
      const callee = unwrap(node.expression);
      // ctx.runQuery(ref, …) / runQuery(ref, …)
      const direct = memberOf(callee);
      if (direct && RUN_METHODS.has(direct.member)) {
        ctxCalls.push({
          area: "run",
          method: direct.member,
          span: spanOf(node, sourceFile),
          calleeSpan: spanOf(callee, sourceFile),
          areaSpan: spanOf(callee, sourceFile),
          ...context(),
          argCount: node.arguments.length,
          stringArgs: stringsIn(node.arguments),
          floating: isDiscarded(outermostChainCall(node)),
          functionArg: node.arguments[0] ? references.get(unwrap(node.arguments[0])) : undefined,
        });
      } else if (ts.isPropertyAccessExpression(callee)) {
        // ctx.db.query(…) / db.insert(…) / ctx.scheduler.runAfter(…)
        const area = memberOf(callee.expression);
        if (area && area.member in CTX_AREAS) {
          const method = callee.name.text;
          const outer = outermostChainCall(node);
          const yieldsPromise = !SYNC_METHODS.has(method) || (method === "query" && outer !== node);
          const call: CtxCall = {
            area: CTX_AREAS[area.member],
            method,
            span: spanOf(node, sourceFile),
            calleeSpan: spanOf(callee, sourceFile),
            areaSpan: spanOf(area.node, sourceFile),
            ...context(),
            argCount: node.arguments.length,
            stringArgs: stringsIn(node.arguments),
            floating: yieldsPromise && isDiscarded(outer),
          };
          if (call.area === "db" && TABLE_METHODS.has(method)) {
            const table = node.arguments[0];
            const name = stringValue(table);
            if (name !== undefined) {
              call.tableName = name;
              call.tableNameSpan = spanOf(table, sourceFile);
            }
            if (method === "query") queries.push(queryChain(node, name, call.tableNameSpan, sourceFile, handler));
          }
          if (call.area === "scheduler" && (method === "runAfter" || method === "runAt") && node.arguments[1]) {
            call.functionArg = references.get(unwrap(node.arguments[1]));
          }
          ctxCalls.push(call);
          for (let i = node.arguments.length - 1; i >= 0; i--) push(node.arguments[i]);
          return;
        }
      }
      if (ts.isIdentifier(callee) && localFunctions.has(callee.text)) {
        const index = node.arguments.findIndex((a) => { const e = unwrap(a); return ts.isIdentifier(e) && ctxNames.has(e.text); });
        const helper = localFunctions.get(callee.text)!;
        if (index >= 0 && !seen.has(helper)) helpers.set(helper, { name: callee.text, index });
      }
      const chain = propertyChain(callee);
      if (chain && !direct && (chain.length === 1 ? !ctxNames.has(chain[0]) && !aliases.has(chain[0]) : chain.length === 2 && GLOBAL_OBJECTS.has(chain[0]))) {
        calls.push({
          callee: chain.join("."),
          span: spanOf(node, sourceFile),
          calleeSpan: spanOf(callee, sourceFile),
          argCount: node.arguments.length,
          awaited: isAwaited(node),
          ...context(),
        });
      }
    }
    // A bare `ctx.db` (assigned, passed along) is still a use of the database.
    if (ts.isPropertyAccessExpression(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node)) {
      const m = memberOf(node);
      if (m && m.member in CTX_AREAS && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) {
        const span = spanOf(node, sourceFile);
        ctxCalls.push({ area: CTX_AREAS[m.member], method: "", span, calleeSpan: span, areaSpan: span, ...context(), argCount: 0, stringArgs: [], floating: false });
      }
    }
    visitChildren(node);
  };
  if (handler.body) push(handler.body);
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next === "function") next();
    else visit(next);
  }
  // What the helpers do with ctx happens on behalf of this handler. Their throws and variables stay
  // theirs: `getUserOrThrow(ctx)` throwing is the helper's deliberate contract.
  for (const [helper, { name, index }] of helpers) {
    if (seen.size > MAX_HELPER_DEPTH) break;
    seen.add(helper);
    const inner = analyseHandler(helper, sourceFile, references, localFunctions, index, seen);
    facts.ctxCalls.push(...inner.ctxCalls.map((c) => ({ ...c, via: c.via ?? name })));
    facts.calls.push(...inner.calls.map((c) => ({ ...c, via: c.via ?? name })));
    facts.queries.push(...inner.queries);
  }
  return facts;
}

/** How many helpers deep (and how many distinct helpers) a handler's ctx is followed. */
const MAX_HELPER_DEPTH = 8;

/** Follows `db.query("t")` outwards through `.withIndex(…).filter(…).order(…).collect()`. */
function queryChain(queryCall: ts.CallExpression, table: string | undefined, tableSpan: Span | undefined, sourceFile: ts.SourceFile, scope: ts.Node): QueryChain {
  const steps: QueryStep[] = [];
  let node: ts.Node = queryCall;
  const followed = new Set<ts.Node>();
  for (;;) {
    let parent: ts.Node | undefined = node.parent;
    if (!parent || !ts.isPropertyAccessExpression(parent) || parent.expression !== node) {
      // `const q = db.query("t")` / `q = q.withIndex(…)`: the chain goes on where the variable is used next.
      const next = nextUseOfBuilder(node, scope, followed, sourceFile);
      if (!next) break;
      node = next;
      parent = next.parent;
    }
    if (!ts.isPropertyAccessExpression(parent)) break;
    const access = parent;
    const call = access.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== access) break;
    const method = access.name.text;
    const step: QueryStep = {
      method,
      span: { start: access.name.getStart(sourceFile), end: call.getEnd() },
      nameSpan: spanOf(access.name, sourceFile),
      fields: [],
      fieldsKnown: true,
    };
    if (method === "withIndex") {
      step.indexName = stringValue(call.arguments[0]);
      if (step.indexName !== undefined) step.indexNameSpan = spanOf(call.arguments[0], sourceFile);
      const range = call.arguments[1];
      if (range && (ts.isArrowFunction(range) || ts.isFunctionExpression(range))) Object.assign(step, rangeFields(range, sourceFile));
    } else if (method === "filter") {
      const predicate = call.arguments[0];
      if (predicate) step.fields = filterFields(predicate, sourceFile);
      const read = readFilterPredicate(predicate);
      if (read) {
        step.indexable = read.conditions.flatMap((c) => (c.field !== undefined && c.op ? [{ field: c.field, op: c.op }] : []));
        step.otherConditions = read.conditions.length - step.indexable.length;
      }
    }
    steps.push(step);
    if (TERMINAL_STEPS.has(method)) break;
    node = call;
  }
  return { table, tableSpan, steps };
}

/**
 * When a query builder is stored (`const q = …` or `q = …`), the next `q.method(…)` after it in the
 * handler, as the identifier `q` there; undefined when the chain is not stored or never used again.
 */
function nextUseOfBuilder(end: ts.Node, scope: ts.Node, followed: Set<ts.Node>, sourceFile: ts.SourceFile): ts.Identifier | undefined {
  const parent = end.parent;
  let name: string | undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === end && ts.isIdentifier(parent.name)) name = parent.name.text;
  else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === end && ts.isIdentifier(parent.left)) name = parent.left.text;
  if (name === undefined || followed.size > 20) return undefined;
  let found: ts.Identifier | undefined;
  walkTree(scope, (node) => {
    if (found) return false;
    if (ts.isIdentifier(node) && node.text === name && node.getStart(sourceFile) > end.getEnd() && !followed.has(node) &&
      ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node &&
      ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent) {
      found = node;
    }
    return found === undefined;
  });
  if (found) followed.add(found);
  return found;
}

/** `(q) => q.eq("a", x).gt("b", y)` → a, b in order. */
function rangeFields(range: ts.ArrowFunction | ts.FunctionExpression, sourceFile: ts.SourceFile): Pick<QueryStep, "fields" | "fieldsKnown" | "rangeBounded"> {
  let expr: ts.Node | undefined = range.body;
  if (expr && ts.isBlock(expr)) {
    const ret = expr.statements.find(ts.isReturnStatement);
    expr = ret?.expression;
  }
  const fields: QueryStep["fields"] = [];
  let fieldsKnown = true;
  let rangeBounded: boolean | undefined;
  let current = expr && ts.isExpression(expr) ? unwrap(expr) : undefined;
  while (current && ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
    const name = stringValue(current.arguments[0]);
    if (!RANGE_METHODS.has(current.expression.name.text) || name === undefined) fieldsKnown = false;
    else fields.unshift({ name, span: spanOf(current.arguments[0], sourceFile) });
    // Read from the outside in: the first call seen is the last condition of the range.
    if (rangeBounded === undefined) rangeBounded = current.expression.name.text !== "eq";
    current = unwrap(current.expression.expression);
  }
  // The chain must end at the range builder's parameter, or something else built it.
  if (!current || !ts.isIdentifier(current)) fieldsKnown = false;
  return { fields, fieldsKnown, rangeBounded: rangeBounded ?? false };
}

/** Every `q.field("f")` in a filter predicate, in source order. */
function filterFields(predicate: ts.Node, sourceFile: ts.SourceFile): QueryStep["fields"] {
  const fields: QueryStep["fields"] = [];
  walkTree(predicate, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "field") {
      const name = stringValue(node.arguments[0]);
      if (name !== undefined) fields.push({ name, span: spanOf(node.arguments[0], sourceFile) });
    }
  });
  return fields;
}

/** Strings shorter than this are not credentials worth looking at. */
const MIN_SECRET_LENGTH = 16;
const MAX_LONG_STRINGS = 500;

interface FileFacts {
  idValidators: ModuleFacts["idValidators"];
  validatorCalls: ValidatorCall[];
  longStrings: LongString[];
  setsCorsHeader: boolean;
}

/** The name a value is given: `const apiKey = …`, `{ token: … }`, `this.secret = …`. */
function nameFor(node: ts.Node): string | undefined {
  let current = node;
  for (let hops = 0; hops < 4; hops++) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent) && parent.initializer === current) return propertyName(parent.name);
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = parent.left;
      return ts.isIdentifier(target) ? target.text : ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
    }
    if (!ts.isCallExpression(parent) && !ts.isParenthesizedExpression(parent) && !ts.isAsExpression(parent) && !ts.isBinaryExpression(parent)) return undefined;
    current = parent;
  }
  return undefined;
}

/**
 * File-wide facts in one iterative walk (generated or hostile files can nest deeper than the call
 * stack allows): api/internal references, `v.*` validators, long strings, the CORS header.
 */
function collectFileFacts(
  root: ts.Node,
  sourceFile: ts.SourceFile,
  bindings: Bindings,
  references: Map<ts.Node, FunctionReference>,
): FileFacts {
  const facts: FileFacts = { idValidators: [], validatorCalls: [], longStrings: [], setsCorsHeader: false };
  const stack: ts.Node[] = [root];
  // Inside an `api.x.y` chain already recorded: its parts are not references of their own.
  const inReference = new Set<ts.Node>();
  let parent: ts.Node = root;
  const push = (child: ts.Node) => {
    // The tree is parsed without parent pointers (a separate pass would cost as much as this walk).
    (child as { parent: ts.Node }).parent = parent;
    // Identifiers, keywords and punctuation have no children and carry no file-wide fact.
    if (child.kind >= ts.SyntaxKind.FirstNode || child.kind === ts.SyntaxKind.StringLiteral || child.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (inReference.has(node)) {
      inReference.delete(node);
      parent = node;
      const from = stack.length;
      ts.forEachChild(node, push);
      for (let i = from; i < stack.length; i++) inReference.add(stack[i]);
      continue;
    }
    if (ts.isPropertyAccessExpression(node) && bindings.apiRoots.size > 0) {
      // Only the outermost access of a chain is followed to its root: the chain's inner accesses
      // have the same root (were it api/internal, they would be inside a reference already), and
      // following each of them made a 10,000-long chain take quadratic time.
      const inner = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node;
      const path: string[] = [];
      let current: ts.Expression = node;
      while (!inner && ts.isPropertyAccessExpression(current)) {
        path.push(current.name.text);
        current = current.expression;
      }
      const rootName = !inner && ts.isIdentifier(current) ? bindings.apiRoots.get(current.text) : undefined;
      if (rootName) {
        path.reverse();
        references.set(node, { root: rootName, path, span: spanOf(node, sourceFile) });
        inReference.add(node);
        stack.push(node);
        continue;
      }
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
      bindings.validators.has(node.expression.expression.text)) {
      const method = node.expression.name.text;
      facts.validatorCalls.push({ method, span: spanOf(node, sourceFile), key: nameFor(node) });
      const table = stringValue(node.arguments[0]);
      if (method === "id" && table !== undefined) facts.idValidators.push({ table, span: spanOf(node.arguments[0], sourceFile) });
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (/access-control-allow-origin/i.test(node.text)) facts.setsCorsHeader = true;
      if (node.text.length >= MIN_SECRET_LENGTH && facts.longStrings.length < MAX_LONG_STRINGS && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        facts.longStrings.push({ text: node.text, span: spanOf(node, sourceFile), name: nameFor(node) });
      }
    }
    // Children go on the stack in reverse, so they are visited in source order.
    parent = node;
    const from = stack.length;
    ts.forEachChild(node, push);
    reverse(stack, from);
  }
  return facts;
}

function reverse<T>(items: T[], from: number): void {
  for (let i = from, j = items.length - 1; i < j; i++, j--) {
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/** Cron schedule methods and where each takes the function to run. */
const CRON_METHODS: Record<string, number> = { interval: 2, cron: 2, hourly: 2, daily: 2, weekly: 2, monthly: 2 };

/** `const crons = cronJobs(); crons.interval("name", { minutes: 5 }, internal.x.y, args)`. */
function extractCronJobs(sourceFile: ts.SourceFile, references: Map<ts.Node, FunctionReference>): CronJob[] {
  const registries = new Set<string>();
  const jobs: CronJob[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (ts.isIdentifier(d.name) && init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "cronJobs") {
          registries.add(d.name.text);
        }
      }
    } else if (ts.isExpressionStatement(statement)) {
      const call = unwrap(statement.expression);
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) continue;
      const target = call.expression.expression;
      const method = call.expression.name.text;
      if (!ts.isIdentifier(target) || !registries.has(target.text) || !(method in CRON_METHODS)) continue;
      const fnArg = call.arguments[CRON_METHODS[method]];
      const schedule = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
      jobs.push({
        method,
        name: stringValue(call.arguments[0]),
        span: spanOf(call, sourceFile),
        functionArg: fnArg ? references.get(unwrap(fnArg)) : undefined,
        cronExpression: method === "cron" ? stringValue(schedule) : undefined,
        scheduleFields: schedule && ts.isObjectLiteralExpression(schedule) ? literalFields(schedule) : undefined,
        scheduleSpan: schedule ? spanOf(schedule, sourceFile) : undefined,
      });
    }
  }
  return jobs;
}



/** `{ minuteUTC: 0, hourUTC: 9, day: "monday" }` → its literal fields. */
function literalFields(object: ts.ObjectLiteralExpression): Record<string, number | string> {
  const fields: Record<string, number | string> = {};
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = propertyName(p.name);
    const value = unwrap(p.initializer);
    if (key === undefined) continue;
    if (ts.isNumericLiteral(value)) fields[key] = Number(value.text);
    else if (stringValue(value) !== undefined) fields[key] = stringValue(value)!;
  }
  return fields;
}

/** `const http = httpRouter(); http.route({ path, method, handler }); export default http;` */
function extractHttpRouter(sourceFile: ts.SourceFile): HttpRouterFacts | undefined {
  let routerName: string | undefined;
  let facts: HttpRouterFacts | undefined;
  const isRouterCall = (e: ts.Expression | undefined) => {
    const call = e && unwrap(e);
    return call !== undefined && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === "httpRouter";
  };
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && isRouterCall(d.initializer)) {
          routerName = d.name.text;
          facts = { exportedDefault: false, routerSpan: spanOf(d, sourceFile), routes: [] };
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const target = unwrap(statement.expression);
      if (isRouterCall(target)) facts = { exportedDefault: true, routerSpan: spanOf(target, sourceFile), routes: [] };
      else if (facts && ts.isIdentifier(target) && target.text === routerName) facts.exportedDefault = true;
    } else if (facts && routerName && ts.isExpressionStatement(statement)) {
      const call = unwrap(statement.expression);
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) continue;
      const target = call.expression.expression;
      if (!ts.isIdentifier(target) || target.text !== routerName || call.expression.name.text !== "route") continue;
      const spec = call.arguments[0] && unwrap(call.arguments[0]);
      const route: HttpRoute = { span: spanOf(call, sourceFile) };
      if (spec && ts.isObjectLiteralExpression(spec)) {
        for (const p of spec.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const key = propertyName(p.name);
          const value = stringValue(unwrap(p.initializer));
          if (value === undefined) continue;
          if (key === "path") [route.path, route.pathSpan] = [value, spanOf(p.initializer, sourceFile)];
          else if (key === "pathPrefix") [route.pathPrefix, route.pathSpan] = [value, spanOf(p.initializer, sourceFile)];
          else if (key === "method") [route.method, route.methodSpan] = [value, spanOf(p.initializer, sourceFile)];
        }
      }
      facts.routes.push(route);
    }
  }
  return facts;
}

/** String literals within call arguments, in source order, at most 20. */
function stringsIn(args: ts.NodeArray<ts.Expression>): string[] {
  const found: string[] = [];
  for (const arg of args) {
    walkTree(arg, (node) => {
      if (found.length >= 20) return false;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
      return true;
    });
  }
  return found;
}

/** Imported names used while the module loads: outside every function body (top-level code, initialisers). */
function loadTimeUses(sourceFile: ts.SourceFile, imports: ImportFact[]): string[] {
  const locals = new Set(imports.filter((i) => !i.typeOnly).flatMap((i) => i.names.map((n) => n.local)));
  if (locals.size === 0) return [];
  const used = new Set<string>();
  const stack: ts.Node[] = [...sourceFile.statements.filter((s) => !ts.isImportDeclaration(s))];
  const push = (child: ts.Node) => {
    if (ts.isIdentifier(child)) {
      if (locals.has(child.text)) used.add(child.text);
    } else if (child.kind >= ts.SyntaxKind.FirstNode) {
      stack.push(child);
    }
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionLike(node) || ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) continue;
    ts.forEachChild(node, push);
  }
  return [...used];
}
