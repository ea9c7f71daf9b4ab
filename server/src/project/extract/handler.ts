// What a function handler does: its `ctx.db.*`, `ctx.scheduler.*`, `ctx.storage.*`, `ctx.auth.*`
// and `ctx.run*` calls (reached as `ctx.db`, through `async ({ db }) =>`, or `const { db } = ctx`),
// other calls (`fetch`, `Date.now`), throws, and variables that may hold null.
//
// A HandlerAnalysis is fed the nodes of a handler's body one at a time, in source order, by whoever
// walks the tree: the module's single file walk (fileWalk.ts) for handlers, or `analyseHelper` for
// same-module helpers the handler passes its ctx to. It never walks the body itself, so a module's
// tree is walked once, whatever its handlers do.
import ts = require("typescript");
import type { CtxArea, CtxCall, FunctionReference, PlainCall, QueryChain, QueryStep, RegisteredFunction, Span, ThrowFact } from "../types";
import { isFunctionLike, propertyChain, propertyName, spanOf, stringValue, unwrap, walkTree } from "./ast";
import { readFilterPredicate } from "./filterPredicate";

export interface HandlerFacts {
  ctxCalls: CtxCall[];
  queries: QueryChain[];
  calls: PlainCall[];
  throws: ThrowFact[];
  nullables: RegisteredFunction["nullables"];
}

export const NO_HANDLER_FACTS: Readonly<HandlerFacts> = Object.freeze({ ctxCalls: [], queries: [], calls: [], throws: [], nullables: [] });

const CTX_AREAS: Record<string, CtxArea> = { db: "db", scheduler: "scheduler", storage: "storage", auth: "auth" };
const RUN_METHODS = new Set(["runQuery", "runMutation", "runAction"]);
const TABLE_METHODS = new Set(["query", "insert", "get", "patch", "replace", "delete"]);
const TERMINAL_STEPS = new Set(["collect", "take", "first", "unique", "paginate", "then", "catch"]);
const RANGE_METHODS = new Set(["eq", "gt", "gte", "lt", "lte"]);

/** Global objects whose methods handlers call directly (`Date.now()`, `crypto.randomUUID()`). */
const GLOBAL_OBJECTS = new Set(["Date", "Math", "crypto", "performance", "process", "globalThis", "console", "JSON", "Promise"]);
const { Block, TryStatement, ForStatement, ForOfStatement, ForInStatement, WhileStatement, DoStatement, ThrowStatement, VariableDeclaration, NewExpression, CallExpression, PropertyAccessExpression, FirstNode } = ts.SyntaxKind;
/** Methods whose result is not a promise. */
const SYNC_METHODS = new Set(["normalizeId", "system", "query"]);

/** How many helpers deep (and how many distinct helpers) a handler's ctx is followed. */
const MAX_HELPER_DEPTH = 8;

/**
 * What the walker must do once a node's subtree is done: `enter` hands one back for a node that
 * opens a context (a try block, a loop, a nested function, a callee not to be analysed).
 */
export enum HandlerExit {
  Try = 1,
  Loop,
  Function,
  Skip,
}

export class HandlerAnalysis {
  readonly facts: HandlerFacts = { ctxCalls: [], queries: [], calls: [], throws: [], nullables: [] };
  /** Same-module functions the handler passes its ctx to, with the parameter that receives it. */
  readonly helpers = new Map<ts.FunctionLikeDeclaration, { name: string; index: number }>();
  private readonly ctxNames = new Set<string>();
  /** local name → what it stands for: an area of ctx (`db`) or a run method (`runQuery`). */
  private readonly aliases = new Map<string, string>();
  private tryDepth = 0;
  private loopDepth = 0;
  private functionDepth = 0;
  private skipDepth = 0;
  /** The callee of the last ctx call seen: its parts are not uses of ctx of their own. */
  private skipNode: ts.Node | undefined;
  /**
   * Work that needs the whole file walked first: the references map (filled as the walk goes) and
   * parent pointers of nodes after the current one (a stored query builder used further down).
   */
  private readonly deferred: ((references: ReadonlyMap<ts.Node, FunctionReference>) => void)[] = [];

  constructor(
    readonly handler: ts.FunctionLikeDeclaration,
    private readonly sourceFile: ts.SourceFile,
    private readonly localFunctions: ReadonlyMap<string, ts.FunctionLikeDeclaration>,
    ctxIndex = 0,
    private readonly seen: Set<ts.Node> = new Set([handler]),
  ) {
    const ctxParam = handler.parameters[ctxIndex]?.name;
    if (ctxParam && ts.isIdentifier(ctxParam)) this.ctxNames.add(ctxParam.text);
    else if (ctxParam && ts.isObjectBindingPattern(ctxParam)) this.bindPattern(ctxParam);
  }

  /** Called for every node of the body (identifiers and tokens may be left out) in source order, parents set. */
  enter(node: ts.Node): HandlerExit | undefined {
    if (this.skipDepth > 0) return undefined;
    if (node === this.skipNode) {
      this.skipDepth++;
      return HandlerExit.Skip;
    }
    if (isFunctionLike(node)) {
      this.functionDepth++;
      return HandlerExit.Function;
    }
    switch (node.kind) {
      case Block:
        if (node.parent.kind === TryStatement && (node.parent as ts.TryStatement).tryBlock === node) {
          this.tryDepth++;
          return HandlerExit.Try;
        }
        break;
      case ForStatement:
      case ForOfStatement:
      case ForInStatement:
      case WhileStatement:
      case DoStatement:
        this.loopDepth++;
        return HandlerExit.Loop;
      case ThrowStatement:
        if (this.functionDepth === 0) this.throwStatement(node as ts.ThrowStatement);
        break;
      case VariableDeclaration:
        this.variable(node as ts.VariableDeclaration);
        break;
      case NewExpression: {
        const expr = node as ts.NewExpression;
        if (ts.isIdentifier(expr.expression) && expr.expression.text === "Date") {
          const span = spanOf(node, this.sourceFile);
          this.facts.calls.push({ callee: "new Date", span, calleeSpan: span, argCount: expr.arguments?.length ?? 0, awaited: false, inTry: this.tryDepth > 0, inLoop: this.loopDepth > 0 });
        }
        break;
      }
      case CallExpression:
        this.call(node as ts.CallExpression);
        break;
      case PropertyAccessExpression:
        this.bareUse(node as ts.PropertyAccessExpression);
        break;
    }
    return undefined;
  }

  exit(what: HandlerExit): void {
    if (what === HandlerExit.Try) this.tryDepth--;
    else if (what === HandlerExit.Loop) this.loopDepth--;
    else if (what === HandlerExit.Function) this.functionDepth--;
    else this.skipDepth--;
  }

  /**
   * The facts, once the whole file has been walked: what was deferred is resolved, and what the
   * helpers do with ctx is added (on behalf of this handler; their throws and variables stay
   * theirs: `getUserOrThrow(ctx)` throwing is the helper's deliberate contract).
   */
  finish(references: ReadonlyMap<ts.Node, FunctionReference>): HandlerFacts {
    for (const run of this.deferred) run(references);
    this.deferred.length = 0;
    for (const [helper, { name, index }] of this.helpers) {
      if (this.seen.size > MAX_HELPER_DEPTH) break;
      this.seen.add(helper);
      const inner = analyseHelper(helper, this.sourceFile, references, this.localFunctions, index, this.seen);
      this.facts.ctxCalls.push(...inner.ctxCalls.map((c) => ({ ...c, via: c.via ?? name })));
      this.facts.calls.push(...inner.calls.map((c) => ({ ...c, via: c.via ?? name })));
      this.facts.queries.push(...inner.queries);
    }
    return this.facts;
  }

  private bindPattern(pattern: ts.ObjectBindingPattern): void {
    for (const element of pattern.elements) {
      const key = propertyName(element.propertyName ?? element.name);
      if (key && ts.isIdentifier(element.name) && (key in CTX_AREAS || RUN_METHODS.has(key))) this.aliases.set(element.name.text, key);
    }
  }

  /** The ctx member an expression denotes: `ctx.db` → "db", `db` (alias) → "db", else undefined. */
  private memberOf(expr: ts.Expression): { member: string; node: ts.Expression } | undefined {
    const e = unwrap(expr);
    if (ts.isPropertyAccessExpression(e)) {
      const target = unwrap(e.expression);
      if (ts.isIdentifier(target) && this.ctxNames.has(target.text)) return { member: e.name.text, node: e };
    } else if (ts.isIdentifier(e)) {
      const alias = this.aliases.get(e.text);
      if (alias !== undefined) return { member: alias, node: e };
    }
    return undefined;
  }

  /** What a variable's initializer may hold null from: `await ctx.auth.getUserIdentity()`, `await db.get(id)`, `….unique()`. */
  private nullableSource(init: ts.Expression): "identity" | "document" | undefined {
    let e = unwrap(init);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const method = e.expression.name.text;
    const area = this.memberOf(e.expression.expression);
    if (area?.member === "auth" && method === "getUserIdentity") return "identity";
    if (area?.member === "db" && method === "get") return "document";
    if (method === "unique" || method === "first") {
      let root: ts.Expression = e;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) {
        const inner = root.expression.expression;
        if (this.memberOf(inner)?.member === "db") return "document";
        root = inner;
      }
    }
    return undefined;
  }

  private throwStatement(node: ts.ThrowStatement): void {
    let guard: string | undefined;
    const holder = ts.isBlock(node.parent) && node.parent.statements.length === 1 ? node.parent.parent : node.parent;
    if (ts.isIfStatement(holder) && (holder.thenStatement === node || holder.thenStatement === node.parent)) guard = guardedVariable(holder.expression);
    this.facts.throws.push({ span: spanOf(node, this.sourceFile), guard });
  }

  private variable(node: ts.VariableDeclaration): void {
    if (!node.initializer) return;
    const init = unwrap(node.initializer);
    if (ts.isObjectBindingPattern(node.name) && ts.isIdentifier(init) && this.ctxNames.has(init.text)) this.bindPattern(node.name);
    else if (ts.isIdentifier(node.name)) {
      const m = this.memberOf(init);
      if (m && (m.member in CTX_AREAS || RUN_METHODS.has(m.member))) this.aliases.set(node.name.text, m.member);
      const source = this.nullableSource(init);
      if (source) this.facts.nullables.push({ name: node.name.text, source });
    }
  }

  private call(node: ts.CallExpression): void {
    const sourceFile = this.sourceFile;
    const callee = unwrap(node.expression);
    // ctx.runQuery(ref, …) / runQuery(ref, …)
    const direct = this.memberOf(callee);
    if (direct && RUN_METHODS.has(direct.member)) {
      const call: CtxCall = {
        area: "run",
        method: direct.member,
        span: spanOf(node, sourceFile),
        calleeSpan: spanOf(callee, sourceFile),
        areaSpan: spanOf(callee, sourceFile),
        inTry: this.tryDepth > 0, inLoop: this.loopDepth > 0,
        argCount: node.arguments.length,
        stringArgs: stringsIn(node.arguments),
        floating: isDiscarded(outermostChainCall(node)),
        functionArg: undefined,
      };
      this.facts.ctxCalls.push(call);
      const target = node.arguments[0];
      if (target) this.deferred.push((references: ReadonlyMap<ts.Node, FunctionReference>) => (call.functionArg = references.get(unwrap(target))));
    } else if (ts.isPropertyAccessExpression(callee)) {
      // ctx.db.query(…) / db.insert(…) / ctx.scheduler.runAfter(…)
      const area = this.memberOf(callee.expression);
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
          inTry: this.tryDepth > 0, inLoop: this.loopDepth > 0,
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
          if (method === "query") {
            // The chain may go on through a variable used further down: read it once the walk is done.
            const at = this.facts.queries.length;
            this.facts.queries.push(undefined as unknown as QueryChain);
            this.deferred.push(() => (this.facts.queries[at] = queryChain(node, name, call.tableNameSpan, sourceFile, this.handler)));
          }
        }
        if (call.area === "scheduler" && (method === "runAfter" || method === "runAt") && node.arguments[1]) {
          const target = node.arguments[1];
          this.deferred.push((references: ReadonlyMap<ts.Node, FunctionReference>) => (call.functionArg = references.get(unwrap(target))));
        }
        this.facts.ctxCalls.push(call);
        // Only the arguments are analysed further; the callee is the call just recorded.
        this.skipNode = node.expression;
        return;
      }
    }
    if (ts.isIdentifier(callee)) {
      const helper = this.localFunctions.get(callee.text);
      if (helper) {
        const index = node.arguments.findIndex((a) => { const e = unwrap(a); return ts.isIdentifier(e) && this.ctxNames.has(e.text); });
        if (index >= 0 && !this.seen.has(helper)) this.helpers.set(helper, { name: callee.text, index });
      }
    }
    const chain = propertyChain(callee);
    if (chain && !direct && (chain.length === 1 ? !this.ctxNames.has(chain[0]) && !this.aliases.has(chain[0]) : chain.length === 2 && GLOBAL_OBJECTS.has(chain[0]))) {
      this.facts.calls.push({
        callee: chain.join("."),
        span: spanOf(node, sourceFile),
        calleeSpan: spanOf(callee, sourceFile),
        argCount: node.arguments.length,
        awaited: isAwaited(node),
        inTry: this.tryDepth > 0, inLoop: this.loopDepth > 0,
      });
    }
  }

  /** A bare `ctx.db` (assigned, passed along) is still a use of the database. */
  private bareUse(node: ts.PropertyAccessExpression): void {
    const parent = node.parent;
    if ((ts.isPropertyAccessExpression(parent) && parent.expression === node) || (ts.isCallExpression(parent) && parent.expression === node)) return;
    const m = this.memberOf(node);
    if (m && m.member in CTX_AREAS) {
      const span = spanOf(node, this.sourceFile);
      this.facts.ctxCalls.push({ area: CTX_AREAS[m.member], method: "", span, calleeSpan: span, areaSpan: span, inTry: this.tryDepth > 0, inLoop: this.loopDepth > 0, argCount: 0, stringArgs: [], floating: false });
    }
  }
}

/** A helper's body, walked on its own (the file walk is over by the time helpers are known). */
function analyseHelper(
  helper: ts.FunctionLikeDeclaration,
  sourceFile: ts.SourceFile,
  references: ReadonlyMap<ts.Node, FunctionReference>,
  localFunctions: ReadonlyMap<string, ts.FunctionLikeDeclaration>,
  ctxIndex: number,
  seen: Set<ts.Node>,
): HandlerFacts {
  const analysis = new HandlerAnalysis(helper, sourceFile, localFunctions, ctxIndex, seen);
  if (helper.body) walkBody(helper.body, analysis);
  return analysis.finish(references);
}

/** Feeds a subtree to an analysis, iteratively (bodies may nest deeper than the call stack allows). */
function walkBody(body: ts.Node, analysis: HandlerAnalysis): void {
  const stack: (ts.Node | HandlerExit)[] = [body];
  const push = (child: ts.Node) => {
    if (child.kind >= FirstNode) stack.push(child);
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "number") {
      analysis.exit(item);
      continue;
    }
    const exit = analysis.enter(item);
    if (exit !== undefined) stack.push(exit);
    const from = stack.length;
    ts.forEachChild(item, push);
    reverse(stack, from);
  }
}

/** Reverses `items[from..]` in place: children pushed in order come off the stack in order. */
export function reverse<T>(items: T[], from: number): void {
  for (let i = from, j = items.length - 1; i < j; i++, j--) {
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
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
