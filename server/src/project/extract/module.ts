// Turns one module's text into ModuleFacts. Runs once per module version; the syntax tree is
// dropped afterwards, so everything a rule needs must be captured here as plain data.
import * as ts from "typescript";
import { computeLineStarts, parseModule, parseProblems, positionAt } from "../parse";
import {
  BUILDERS,
  type CronJob,
  type CtxArea,
  type CtxCall,
  type Suppression,
  type Directive,
  type FunctionKind,
  type FunctionReference,
  type ImportFact,
  type ModuleFacts,
  type QueryChain,
  type QueryStep,
  type RegisteredFunction,
  type Span,
  type Visibility,
} from "../types";
import { isFunctionLike, isGeneratedImport, propertyName, spanOf, stringValue, unwrap } from "./ast";
import { extractSchema } from "./schema";

export interface ModuleInput {
  path: string;
  text: string;
  version: string;
  modulePath: string;
  role: ModuleFacts["role"];
}

interface Builder {
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
  const sourceFile = parseModule(input.path, input.text);
  const imports = extractImports(sourceFile);
  const bindings = bindingsOf(imports);
  const references = new Map<ts.Node, FunctionReference>();
  const idValidators: ModuleFacts["idValidators"] = [];
  collectReferencesAndIds(sourceFile, sourceFile, bindings, references, idValidators);
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
    ...extractExports(sourceFile),
    functions: input.role === "client" ? [] : extractFunctions(sourceFile, bindings, references),
    references: [...references.values()],
    cronJobs: input.role === "function" ? extractCronJobs(sourceFile, references) : [],
    suppressions: extractSuppressions(input.text),
    idValidators,
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
    exportNames: [],
    exportsStar: false,
    functions: [],
    references: [],
    cronJobs: [],
    suppressions: extractSuppressions(input.text),
    idValidators: [],
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
  const analysed = handler ? analyseHandler(handler, sourceFile, references) : { ctxCalls: [], queries: [] };
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
    ctxCalls: analysed.ctxCalls,
    queries: analysed.queries,
  };
}

const CTX_AREAS: Record<string, CtxArea> = { db: "db", scheduler: "scheduler", storage: "storage", auth: "auth" };
const RUN_METHODS = new Set(["runQuery", "runMutation", "runAction"]);
const TABLE_METHODS = new Set(["query", "insert", "get", "patch", "replace", "delete"]);
const TERMINAL_STEPS = new Set(["collect", "take", "first", "unique", "paginate", "then", "catch"]);
const RANGE_METHODS = new Set(["eq", "gt", "gte", "lt", "lte"]);

/**
 * What a handler does with its `ctx`: `ctx.db.*`, `ctx.scheduler.*`, `ctx.storage.*`, `ctx.auth.*`
 * and `ctx.run*` calls, whether reached as `ctx.db`, through `async ({ db }) =>`, or through
 * `const { db } = ctx` inside the body.
 */
function analyseHandler(
  handler: ts.FunctionLikeDeclaration,
  sourceFile: ts.SourceFile,
  references: Map<ts.Node, FunctionReference>,
): { ctxCalls: CtxCall[]; queries: QueryChain[] } {
  const ctxCalls: CtxCall[] = [];
  const queries: QueryChain[] = [];
  const ctxNames = new Set<string>();
  // local name → what it stands for: an area of ctx (`db`) or a run method (`runQuery`).
  const aliases = new Map<string, string>();
  const bindPattern = (pattern: ts.ObjectBindingPattern) => {
    for (const element of pattern.elements) {
      const key = propertyName(element.propertyName ?? element.name);
      if (key && ts.isIdentifier(element.name) && (key in CTX_AREAS || RUN_METHODS.has(key))) aliases.set(element.name.text, key);
    }
  };
  const ctxParam = handler.parameters[0]?.name;
  if (ctxParam && ts.isIdentifier(ctxParam)) ctxNames.add(ctxParam.text);
  else if (ctxParam && ts.isObjectBindingPattern(ctxParam)) bindPattern(ctxParam);
  if (ctxNames.size === 0 && aliases.size === 0) return { ctxCalls, queries };

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

  let tryDepth = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isTryStatement(node)) {
      tryDepth++;
      visit(node.tryBlock);
      tryDepth--;
      if (node.catchClause) visit(node.catchClause);
      if (node.finallyBlock) visit(node.finallyBlock);
      return;
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = unwrap(node.initializer);
      if (ts.isObjectBindingPattern(node.name) && ts.isIdentifier(init) && ctxNames.has(init.text)) bindPattern(node.name);
      else if (ts.isIdentifier(node.name)) {
        const m = memberOf(init);
        if (m && (m.member in CTX_AREAS || RUN_METHODS.has(m.member))) aliases.set(node.name.text, m.member);
      }
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
          inTry: tryDepth > 0,
          functionArg: node.arguments[0] ? references.get(unwrap(node.arguments[0])) : undefined,
        });
      } else if (ts.isPropertyAccessExpression(callee)) {
        // ctx.db.query(…) / db.insert(…) / ctx.scheduler.runAfter(…)
        const area = memberOf(callee.expression);
        if (area && area.member in CTX_AREAS) {
          const method = callee.name.text;
          const call: CtxCall = {
            area: CTX_AREAS[area.member],
            method,
            span: spanOf(node, sourceFile),
            calleeSpan: spanOf(callee, sourceFile),
            areaSpan: spanOf(area.node, sourceFile),
            inTry: tryDepth > 0,
          };
          if (call.area === "db" && TABLE_METHODS.has(method)) {
            const table = node.arguments[0];
            const name = stringValue(table);
            if (name !== undefined) {
              call.tableName = name;
              call.tableNameSpan = spanOf(table, sourceFile);
            }
            if (method === "query") queries.push(queryChain(node, name, call.tableNameSpan, sourceFile));
          }
          if (call.area === "scheduler" && (method === "runAfter" || method === "runAt") && node.arguments[1]) {
            call.functionArg = references.get(unwrap(node.arguments[1]));
          }
          ctxCalls.push(call);
          for (const arg of node.arguments) visit(arg);
          return;
        }
      }
    }
    // A bare `ctx.db` (assigned, passed along) is still a use of the database.
    if (ts.isPropertyAccessExpression(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node)) {
      const m = memberOf(node);
      if (m && m.member in CTX_AREAS && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) {
        const span = spanOf(node, sourceFile);
        ctxCalls.push({ area: CTX_AREAS[m.member], method: "", span, calleeSpan: span, areaSpan: span, inTry: tryDepth > 0 });
      }
    }
    ts.forEachChild(node, visit);
  };
  if (handler.body) visit(handler.body);
  return { ctxCalls, queries };
}

/** Follows `db.query("t")` outwards through `.withIndex(…).filter(…).order(…).collect()`. */
function queryChain(queryCall: ts.CallExpression, table: string | undefined, tableSpan: Span | undefined, sourceFile: ts.SourceFile): QueryChain {
  const steps: QueryStep[] = [];
  let node: ts.Node = queryCall;
  for (;;) {
    const access = node.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== node) break;
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
    }
    steps.push(step);
    if (TERMINAL_STEPS.has(method)) break;
    node = call;
  }
  return { table, tableSpan, steps };
}

/** `(q) => q.eq("a", x).gt("b", y)` → a, b in order. */
function rangeFields(range: ts.ArrowFunction | ts.FunctionExpression, sourceFile: ts.SourceFile): Pick<QueryStep, "fields" | "fieldsKnown"> {
  let expr: ts.Node | undefined = range.body;
  if (expr && ts.isBlock(expr)) {
    const ret = expr.statements.find(ts.isReturnStatement);
    expr = ret?.expression;
  }
  const fields: QueryStep["fields"] = [];
  let fieldsKnown = true;
  let current = expr && ts.isExpression(expr) ? unwrap(expr) : undefined;
  while (current && ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
    const name = stringValue(current.arguments[0]);
    if (!RANGE_METHODS.has(current.expression.name.text) || name === undefined) fieldsKnown = false;
    else fields.unshift({ name, span: spanOf(current.arguments[0], sourceFile) });
    current = unwrap(current.expression.expression);
  }
  // The chain must end at the range builder's parameter, or something else built it.
  if (!current || !ts.isIdentifier(current)) fieldsKnown = false;
  return { fields, fieldsKnown };
}

/** Every `q.field("f")` in a filter predicate, in source order. */
function filterFields(predicate: ts.Node, sourceFile: ts.SourceFile): QueryStep["fields"] {
  const fields: QueryStep["fields"] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "field") {
      const name = stringValue(node.arguments[0]);
      if (name !== undefined) fields.push({ name, span: spanOf(node.arguments[0], sourceFile) });
    }
    ts.forEachChild(node, visit);
  };
  visit(predicate);
  return fields;
}

/** `api.a.b.f` / `internal.a.b.f` references and `v.id("t")` validators, anywhere in the file. */
function collectReferencesAndIds(
  root: ts.Node,
  sourceFile: ts.SourceFile,
  bindings: Bindings,
  references: Map<ts.Node, FunctionReference>,
  idValidators: ModuleFacts["idValidators"],
): void {
  if (bindings.apiRoots.size === 0 && bindings.validators.size === 0) return;
  // Iterative walk: generated or hostile files can nest deeper than the call stack allows.
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isPropertyAccessExpression(node)) {
      const path: string[] = [];
      let current: ts.Expression = node;
      while (ts.isPropertyAccessExpression(current)) {
        path.unshift(current.name.text);
        current = current.expression;
      }
      const rootName = ts.isIdentifier(current) ? bindings.apiRoots.get(current.text) : undefined;
      if (rootName) {
        references.set(node, { root: rootName, path, span: spanOf(node, sourceFile) });
        continue;
      }
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "id") {
      const target = node.expression.expression;
      const table = stringValue(node.arguments[0]);
      if (ts.isIdentifier(target) && bindings.validators.has(target.text) && table !== undefined) {
        idValidators.push({ table, span: spanOf(node.arguments[0], sourceFile) });
      }
    }
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
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
      jobs.push({
        method,
        name: stringValue(call.arguments[0]),
        span: spanOf(call, sourceFile),
        functionArg: fnArg ? references.get(unwrap(fnArg)) : undefined,
      });
    }
  }
  return jobs;
}

const SUPPRESSION = /\/\/[ \t]*convex-disable-next-line\b([^\r\n]*)|\/\*[ \t]*convex-disable\b([\s\S]*?)\*\//g;

/**
 * Suppression comments, found by a text scan so they work in files that do not parse. The rule list
 * ends at ` -- ` (the reason) or the end of the comment.
 */
export function extractSuppressions(text: string): Suppression[] {
  if (!text.includes("convex-disable")) return [];
  const lineStarts = computeLineStarts(text);
  const found: Suppression[] = [];
  for (const match of text.matchAll(SUPPRESSION)) {
    const list = (match[1] ?? match[2] ?? "").split(/\s--\s|\s--$/)[0];
    const rules = list.split(/[\s,]+/).filter((r) => r.length > 0);
    const start = match.index ?? 0;
    found.push({
      scope: match[1] !== undefined ? "next-line" : "file",
      rules,
      line: positionAt(lineStarts, start).line,
      span: { start, end: start + match[0].length },
    });
  }
  return found;
}
