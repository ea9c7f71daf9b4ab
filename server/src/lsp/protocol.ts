// Custom messages between the server and the extension client. Shared by both sides, so it must
// import nothing but types.
import type { WorkspaceEdit } from "vscode-languageserver-types";

/** Server → client after every analysis: what the status bar shows. */
export const STATUS_NOTIFICATION = "convex/status";

export interface StatusParams {
  projects: { workspaceFolder: string; functionsDir: string; modules: number }[];
  findings: { total: number; error: number; warning: number; info: number; hint: number };
}

/** A zero-based position and range, as LSP writes them (declared here so the client needs no LSP import). */
export interface ViewPosition {
  line: number;
  character: number;
}
export interface ViewRange {
  start: ViewPosition;
  end: ViewPosition;
}
export interface ViewLocation {
  uri: string;
  range: ViewRange;
}

/** One Convex project of the workspace, as the panel's top-level node names it. */
export interface ViewProject {
  /** The functions folder's URI: what the panel's requests name the project by. */
  id: string;
  /** The workspace folder's name. */
  workspaceFolder: string;
  /** The functions folder relative to the workspace folder, with a trailing `/`. */
  functionsDir: string;
}

/** Client → server: the tables of every project's schema, for the Schema view. */
export const SCHEMA_TREE_REQUEST = "convex/schemaTree";

export interface SchemaTreeResult {
  projects: SchemaTreeProject[];
}

export interface SchemaTreeProject extends ViewProject {
  /** Where `schema.ts` is; absent when the project has none. */
  schemaUri?: string;
  /** False when some table could not be read statically; `incompleteReason` says why. */
  complete: boolean;
  incompleteReason?: string;
  tables: SchemaTreeTable[];
}

export interface SchemaTreeTable {
  name: string;
  /** The table's key in `defineSchema({ … })`. */
  location: ViewLocation;
  /** False when the fields come from a spread or a variable: `fields` is then partial. */
  fieldsKnown: boolean;
  indexesKnown: boolean;
  fields: SchemaTreeField[];
  indexes: SchemaTreeIndex[];
}

export interface SchemaTreeField {
  name: string;
  /** The validator as written: `v.optional(v.string())`. */
  validator: string;
  /** A short form for the view: `string`, `id<users>`, `union(3)`. */
  type: string;
  optional: boolean;
  location: ViewLocation;
}

export interface SchemaTreeIndex {
  name: string;
  kind: "index" | "searchIndex" | "vectorIndex";
  fields: string[];
  fieldsKnown: boolean;
  dimensions?: number;
  location: ViewLocation;
}

/** Client → server: every project's modules and the functions they register, for the Functions view. */
export const FUNCTIONS_TREE_REQUEST = "convex/functionsTree";

export interface FunctionsTreeResult {
  projects: FunctionsTreeProject[];
}

export interface FunctionsTreeProject extends ViewProject {
  modules: FunctionsTreeModule[];
}

export interface FunctionsTreeModule {
  /** `lib/util`: the module's path in `api.lib.util.*`. */
  modulePath: string;
  uri: string;
  functions: FunctionsTreeFunction[];
}

export interface FunctionsTreeFunction {
  name: string;
  kind: "query" | "mutation" | "action" | "httpAction";
  visibility: "public" | "internal";
  /** `{ userId, text }`, `{}` for no args, or `no args validator`. */
  args: string;
  /** `api.…`/`internal.…` references naming the function, in the functions folder and in client code. */
  callSites: number;
  /** The exported name (or the builder call of a default export). */
  location: ViewLocation;
}

/**
 * Server → client after an analysis in which the panel's data changed (debounced): which trees to
 * ask for again.
 */
export const MODEL_CHANGED_NOTIFICATION = "convex/modelChanged";

export interface ModelChangedParams {
  schema: boolean;
  functions: boolean;
}

/** Client → server: the edit that adds an index on `fields` (in order) to a table, as the quick fix builds it. */
export const ADD_INDEX_REQUEST = "convex/addIndex";

export interface AddIndexParams {
  project: string;
  table: string;
  fields: string[];
  /** Default: `by_a_and_b`, made unique among the table's indexes. */
  name?: string;
}

/** Without `edit`, `error` says why no edit could be built. */
export interface AddIndexResult {
  name: string;
  edit?: WorkspaceEdit;
  error?: string;
}

/** Client → server: where a table, an index or a function is used. */
export const USAGES_REQUEST = "convex/usages";

export type UsagesParams =
  | { project: string; table: string; index?: string }
  | { project: string; module: string; function: string };

export interface UsagesResult {
  /** The definition, for the peek view's anchor. */
  definition?: ViewLocation;
  locations: ViewLocation[];
}

/** Client → server: every rule with its documentation page, for "Open Rule Documentation". */
export const RULES_REQUEST = "convex/rules";

export interface RulesResult {
  rules: { id: string; description: string; url: string }[];
}

/** The code action kind of "Convert to internal…" (the same string as the server's refactoring registry). */
export const CONVERT_TO_INTERNAL_KIND = "refactor.rewrite.convex.convertToInternal";
