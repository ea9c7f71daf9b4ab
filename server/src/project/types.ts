// Plain data extracted from a Convex project. Everything here is produced once per module version
// by the extractors and only read afterwards (by rules, the LSP layer and the CLI).
/** Half-open character range [start, end) into a module's text (UTF-16 offsets, as TypeScript and LSP use). */
export interface Span {
  start: number;
  end: number;
}

export type FunctionKind = "query" | "mutation" | "action" | "httpAction";
export type Visibility = "public" | "internal";

export const BUILDERS: Record<string, { kind: FunctionKind; visibility: Visibility }> = {
  query: { kind: "query", visibility: "public" },
  mutation: { kind: "mutation", visibility: "public" },
  action: { kind: "action", visibility: "public" },
  internalQuery: { kind: "query", visibility: "internal" },
  internalMutation: { kind: "mutation", visibility: "internal" },
  internalAction: { kind: "action", visibility: "internal" },
  httpAction: { kind: "httpAction", visibility: "public" },
};

/** The `ctx` calls rules care about, attributed to the registered function whose handler contains them. */
export type CtxArea = "db" | "scheduler" | "storage" | "auth" | "run";

export interface CtxCall {
  /** `db`, `scheduler`, `storage`, `auth`, or `run` for `ctx.runQuery/runMutation/runAction`. */
  area: CtxArea;
  /** Method name: `query`, `insert`, `runAfter`, `runMutation`, `generateUploadUrl`, … */
  method: string;
  /** The whole call expression. */
  span: Span;
  /** The callee up to the method name: `ctx.db.insert`, `ctx.runMutation`, `db.query`. */
  calleeSpan: Span;
  /** The `ctx.db` / `db` / `ctx.scheduler` part. */
  areaSpan: Span;
  /** String-literal first argument (table name for `db.query/insert/...`), if any. */
  tableName?: string;
  tableNameSpan?: Span;
  /** Inside the `try { … }` block of a try statement in the handler (e.g. a sub-transaction to roll back). */
  inTry: boolean;
  /** Inside the body of a `for`/`while`/`do` loop of the handler. */
  inLoop: boolean;
  /** Number of arguments (`db.get(id)` 1, `db.get("t", id)` 2); 0 for a bare `ctx.db`. */
  argCount: number;
  /** String literals anywhere in the arguments (`{ status: "processing" }` → "processing"), at most 20. */
  stringArgs: string[];
  /** Set when the call is in a same-module helper the handler passes `ctx` to: the helper's name. */
  via?: string;
  /** The promise it yields is dropped: the call (chain) is a statement of its own, not awaited, returned, stored or passed on. */
  floating: boolean;
  /** The argument that names a function (`api.x.y` / `internal.x.y`) for scheduler and run calls. */
  functionArg?: FunctionReference;
}

/** A `db.query("t")…` chain: the table and each method applied to it, in order. */
export interface QueryChain {
  table?: string;
  tableSpan?: Span;
  steps: QueryStep[];
}

export interface QueryStep {
  method: string;
  /** From the method name to the end of its call. */
  span: Span;
  nameSpan: Span;
  /** For `withIndex`: the index name literal, if a string. */
  indexName?: string;
  indexNameSpan?: Span;
  /** For `withIndex`: fields named by `q.eq/gt/gte/lt/lte("field", …)` in order. For `filter`: fields in `q.field("f")`. */
  fields: { name: string; span: Span }[];
  /** False when some range or field name is not a string literal, so `fields` is partial. */
  fieldsKnown: boolean;
  /**
   * For `filter` with a `(q) => …` predicate: its conditions (the arguments of a top-level `q.and`, or
   * the whole body) that an index range could express, read field-first (`q.lt(y, q.field("b"))` is
   * `{ field: "b", op: "gt" }`), and how many other conditions it has.
   */
  indexable?: { field: string; op: "eq" | "gt" | "gte" | "lt" | "lte" }[];
  otherConditions?: number;
  /** For `withIndex`: the range ends with a bound (`gt/gte/lt/lte`), so no further field can join it. */
  rangeBounded?: boolean;
}

/** `api.a.b.f` or `internal.a.b.f`. */
export interface FunctionReference {
  root: "api" | "internal";
  /** Module path segments then the export name: `["a", "b", "f"]`. */
  path: string[];
  span: Span;
}

/** A call in a handler that does not go through `ctx`: `fetch(…)`, `Date.now()`, `new Date()`, `requireUser(ctx)`. */
export interface PlainCall {
  /** Dotted callee: `fetch`, `Date.now`, `Math.random`, `crypto.randomUUID`, `new Date`, `requireUser`. */
  callee: string;
  span: Span;
  calleeSpan: Span;
  argCount: number;
  inTry: boolean;
  inLoop: boolean;
  awaited: boolean;
  /** Set when the call is in a same-module helper the handler passes `ctx` to: the helper's name. */
  via?: string;
}

/** A `throw` directly in a handler; `guard` names the variable when it reads `if (!x) throw …`. */
export interface ThrowFact {
  span: Span;
  guard?: string;
}

export interface RegisteredFunction {
  /** Export name, or `default` for `export default query(...)`. */
  name: string;
  kind: FunctionKind;
  visibility: Visibility;
  /** The builder identifier as written (`query`, `internalAction`, or a custom wrapper's local name). */
  builder: string;
  /** The export's name identifier, or the builder call for a default export: where findings about the function go. */
  nameSpan: Span;
  callSpan: Span;
  builderSpan: Span;
  /** `object` for `query({ args, handler })`; `function` for the old `query(async (ctx) => …)` form. */
  syntax: "object" | "function";
  hasArgs: boolean;
  argsSpan?: Span;
  /** Names of the args (when `args` is an object literal). */
  argNames: string[];
  handlerSpan?: Span;
  /** Number of parameters the handler declares (`async (ctx, args) =>` → 2). */
  handlerParams: number;
  /** The `{ args, handler }` object literal passed to the builder (object syntax only). */
  optionsSpan?: Span;
  ctxCalls: CtxCall[];
  queries: QueryChain[];
  calls: PlainCall[];
  throws: ThrowFact[];
  /** Handler variables that hold what may be null: `identity` from `ctx.auth.getUserIdentity()`, a `document` from `db.get`/`.unique()`/`.first()`. */
  nullables: { name: string; source: "identity" | "document" }[];
}

export interface CronJob {
  method: string;
  name?: string;
  span: Span;
  functionArg?: FunctionReference;
  /** `crons.cron(name, "0 * * * *", …)`: the cron expression. */
  cronExpression?: string;
  /** `{ minuteUTC: 0, hourUTC: 9 }` and the like: the literal fields of the schedule object. */
  scheduleFields?: Record<string, number | string>;
  scheduleSpan?: Span;
}

/** `v.string()` and friends, with the property they validate (`storageId: v.string()` → key `storageId`). */
export interface ValidatorCall {
  method: string;
  span: Span;
  key?: string;
}

/** A string literal long enough to be a credential, with the name it is given (`const apiKey = "…"`). */
export interface LongString {
  text: string;
  span: Span;
  name?: string;
}

export interface HttpRoute {
  path?: string;
  pathPrefix?: string;
  method?: string;
  span: Span;
  pathSpan?: Span;
  methodSpan?: Span;
}

export interface HttpRouterFacts {
  /** `export default http` (or `export default httpRouter()`) names the router. */
  exportedDefault: boolean;
  routerSpan: Span;
  routes: HttpRoute[];
}

export interface ImportFact {
  specifier: string;
  specifierSpan: Span;
  typeOnly: boolean;
  /** Local names bound by the import (default, namespace and named, after `as`). */
  names: { imported: string; local: string }[];
}

export interface Directive {
  value: string;
  span: Span;
}

/**
 * `// convex-disable-next-line a, b -- reason` (scope "next-line": findings starting on the line
 * after the comment) or `/* convex-disable a *\/` (scope "file"). `rules` empty = every rule.
 */
export interface Suppression {
  scope: "next-line" | "file";
  rules: string[];
  /** Zero-based line of the comment. */
  line: number;
  span: Span;
}

export interface ParseProblem {
  message: string;
  span: Span;
}

/** Facts about one file in (or referring to) a functions folder. */
export interface ModuleFacts {
  /** Absolute path with `/` separators. */
  path: string;
  version: string;
  /** The file's text; empty when it was skipped. */
  text: string;
  /**
   * Why the file was not analysed although it is there (too large, not text): it has no facts, and
   * no fix may edit it, as its text is not known.
   */
  skipped?: string;
  /** Path of the module relative to its functions folder, without extension: `lib/util`. */
  modulePath: string;
  /**
   * `function` module (registers Convex functions), `schema`, `special` (auth.config, convex.config),
   * `client` (outside the functions folder), or `unrouted`: in the functions folder but skipped by
   * Convex's bundler (a space, more than one dot, a leading `#` or `.`), or `generated`: a file under
   * `_generated/` whose editor text differs from the disk (only tracked while that is so).
   */
  role: "function" | "schema" | "special" | "client" | "unrouted" | "generated";
  directives: Directive[];
  imports: ImportFact[];
  /** Local names of value imports that the module uses at load time (outside any function body). */
  loadTimeImportUses: string[];
  /** Every value the module exports by name (`default` included). */
  exportNames: string[];
  /** `export * from "…"`: the module exports names this file does not list. */
  exportsStar: boolean;
  /** Exported custom builders (`export const mutation = customMutation(rawMutation, …)`), by exported name. */
  exportedBuilders: Record<string, { kind: FunctionKind; visibility: Visibility }>;
  functions: RegisteredFunction[];
  /** Every `api.*` / `internal.*` reference in the file (including those inside ctx calls). */
  references: FunctionReference[];
  /** `crons.interval(…)` / `crons.cron(…)` / … registrations (in `crons.ts`). */
  cronJobs: CronJob[];
  suppressions: Suppression[];
  validatorCalls: ValidatorCall[];
  longStrings: LongString[];
  /** A string literal in the module spells the `Access-Control-Allow-Origin` header. */
  setsCorsHeader: boolean;
  http?: HttpRouterFacts;
  /** `v.id("table")` validators anywhere in the file. */
  idValidators: { table: string; span: Span }[];
  parseProblems: ParseProblem[];
  /** Offsets at which each line starts, for offset → line/character conversion. */
  lineStarts: readonly number[];
  /** For `schema.ts` only: the tables and indexes it defines. */
  schema?: SchemaFacts;
}

export interface SchemaField {
  name: string;
  span: Span;
  /** Validator source text, e.g. `v.optional(v.string())`. */
  validator: string;
  optional: boolean;
}

export interface SchemaIndex {
  name: string;
  kind: "index" | "searchIndex" | "vectorIndex";
  fields: string[];
  /** False when the field list is not all string literals (a constant, a spread): `fields` is then partial. */
  fieldsKnown: boolean;
  /** A vector index's `dimensions`, when written as a number literal. */
  dimensions?: number;
  span: Span;
  nameSpan: Span;
}

export interface SchemaTable {
  name: string;
  span: Span;
  nameSpan: Span;
  fields: SchemaField[];
  /** False when fields come from something we cannot read statically (a spread, a variable). */
  fieldsKnown: boolean;
  indexes: SchemaIndex[];
  /** False when the index chain could not be followed to the end. */
  indexesKnown: boolean;
}

export interface SchemaFacts {
  path: string;
  tables: SchemaTable[];
  /**
   * True when every table is written out literally and the file parsed cleanly. Rules that report
   * "no such table/index" only trust a complete schema.
   */
  complete: boolean;
  /** Why the schema is not complete, for the output channel. */
  incompleteReason?: string;
}
