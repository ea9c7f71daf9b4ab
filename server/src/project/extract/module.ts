// Turns one module's text into ModuleFacts. Runs once per module version; the syntax tree is
// dropped afterwards, so everything a rule needs must be captured here as plain data.
import ts = require("typescript");
import { computeLineStarts, parseModuleWithoutParents, parseProblems } from "../parse";
import {
  BUILDERS,
  type CronJob,
  type Directive,
  type FunctionKind,
  type FunctionReference,
  type ImportFact,
  type HttpRoute,
  type HttpRouterFacts,
  type ModuleFacts,
  type RegisteredFunction,
  type Span,
  type Visibility,
} from "../types";
import { isFunctionLike, isGeneratedImport, propertyName, spanOf, stringValue, unwrap } from "./ast";
import { walkFile } from "./fileWalk";
import { HandlerAnalysis, type HandlerFacts } from "./handler";
import { NotMovable, StatementReuse } from "./statementReuse";
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
  if (input.sourceFile) {
    try {
      return extract(input, true);
    } catch (e) {
      if (!(e instanceof NotMovable)) throw e;
    }
  }
  return extract(input, false);
}

function extract(input: ModuleInput, reuseStatements: boolean): ModuleFacts {
  const sourceFile = input.sourceFile ?? parseModuleWithoutParents(input.path, input.text);
  const imports = extractImports(sourceFile);
  const bindings = bindingsOf(imports);
  for (const [local, builder] of input.importedBuilders ?? []) bindings.builders.set(local, builder);
  addCustomBuilders(sourceFile, bindings);
  // What the top-level statements register is known before the walk; what the handlers do is
  // gathered by it.
  const definitions = input.role === "client" ? [] : functionDefinitions(sourceFile, bindings);
  const handlerNodes = [...new Set(definitions.flatMap(({ handler }) => (handler ? [handler] : [])))];
  const reuse = reuseStatements
    ? new StatementReuse(sourceFile, `${input.role} ${JSON.stringify([...(input.importedBuilders ?? [])])}`, (s) => isDefinitionOnly(s, bindings), handlerNodes)
    : undefined;
  const handlers = new Map<ts.Node, HandlerAnalysis>();
  const localFunctions = definitions.length > 0 ? topLevelFunctions(sourceFile) : new Map<string, ts.FunctionLikeDeclaration>();
  for (const handler of handlerNodes) {
    if (!reuse?.handlerFacts(handler)) handlers.set(handler, new HandlerAnalysis(handler, sourceFile, localFunctions));
  }
  const references = new Map<ts.Node, FunctionReference>();
  const walked = walkFile(sourceFile, {
    apiRoots: bindings.apiRoots,
    validators: bindings.validators,
    importedNames: new Set(imports.filter((i) => !i.typeOnly).flatMap((i) => i.names.map((n) => n.local))),
    handlers,
    references,
    reuse,
  });
  const analysed = new Map<ts.Node, HandlerFacts>();
  for (const handler of handlerNodes) analysed.set(handler, reuse?.handlerFacts(handler) ?? handlers.get(handler)!.finish(references));
  reuse?.store(analysed);
  const problems = parseProblems(sourceFile);
  return {
    path: input.path,
    version: input.version,
    text: input.text,
    modulePath: input.modulePath,
    role: input.role,
    directives: extractDirectives(sourceFile),
    imports,
    loadTimeImportUses: walked.loadTimeImportUses,
    ...extractExports(sourceFile),
    exportedBuilders: exportedBuilders(sourceFile, bindings),
    functions: definitions.map(({ fn, handler }) => (handler ? Object.assign(fn, analysed.get(handler)!) : fn)),
    references: [...references.values()],
    cronJobs: input.role === "function" ? extractCronJobs(sourceFile, references) : [],
    suppressions: extractSuppressions(input.text),
    idValidators: walked.idValidators,
    validatorCalls: walked.validatorCalls,
    longStrings: walked.longStrings,
    setsCorsHeader: walked.setsCorsHeader,
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

/** A registered function as the top-level statements show it; what its handler does comes from the walk. */
interface FunctionDefinition {
  fn: RegisteredFunction;
  handler?: ts.FunctionLikeDeclaration;
}

function functionDefinitions(sourceFile: ts.SourceFile, bindings: Bindings): FunctionDefinition[] {
  if (bindings.builders.size === 0) return [];
  const functions: FunctionDefinition[] = [];
  const exportedLater = exportLists(sourceFile);
  let localFunctions: Map<string, ts.FunctionLikeDeclaration> | undefined;
  const locals = () => (localFunctions ??= topLevelFunctions(sourceFile));
  const builderCall = (expr: ts.Expression | undefined) => builderCallOf(expr, bindings);
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
          functions.push(describeFunction(name, declaration.name, call, sourceFile, bindings, locals));
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const call = builderCall(statement.expression);
      if (call) {
        functions.push(describeFunction("default", call.expression, call, sourceFile, bindings, locals));
      } else {
        const target = unwrap(statement.expression);
        const local = ts.isIdentifier(target) ? localCalls.get(target.text) : undefined;
        if (local) functions.push(describeFunction("default", target, local.call, sourceFile, bindings, locals));
      }
    }
  }
  return functions;
}

/**
 * A statement that only registers functions (`export const f = query({…})`): no other statement's
 * facts depend on it, unlike imports, helpers and builders (see statementReuse.ts).
 */
function isDefinitionOnly(statement: ts.Statement, bindings: Bindings): boolean {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && builderCallOf(d.initializer, bindings) !== undefined);
  }
  return ts.isExportAssignment(statement) && !statement.isExportEquals && builderCallOf(statement.expression, bindings) !== undefined;
}

/** `query({…})`, `internalMutation({…})`, `authedQuery({…})`: a call of a builder bound in this module. */
function builderCallOf(expr: ts.Expression | undefined, bindings: Bindings): ts.CallExpression | undefined {
  if (!expr) return undefined;
  const call = unwrap(expr);
  if (!ts.isCallExpression(call)) return undefined;
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) && bindings.builders.has(callee.text) ? call : undefined;
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
  localFunctions: () => ReadonlyMap<string, ts.FunctionLikeDeclaration>,
): FunctionDefinition {
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
          else if (ts.isIdentifier(init)) handler = localFunctions().get(init.text);
        } else if (ts.isShorthandPropertyAssignment(property)) {
          handler = localFunctions().get(property.name.text);
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
  const fn: RegisteredFunction = {
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
    ctxCalls: [],
    queries: [],
    calls: [],
    throws: [],
    nullables: [],
  };
  return { fn, handler };
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

