// The plan of a generated project: tables, modules and the functions each module defines, decided
// before any text is written so that every `api.*` / `internal.*` reference points at a function
// that exists. Text rendering lives in schemaText.ts, moduleText.ts and clientText.ts.
import { Random } from "./random";
import { AREAS, MODULE_ROLES, NOUNS, QUALIFIERS } from "./words";

export interface FieldPlan {
  name: string;
  /** Validator expression in the schema, e.g. `v.id("orders")`. */
  validator: string;
  /** Value written by the create mutation; undefined for optional fields left out. */
  initial?: string;
}

export interface IndexPlan {
  name: string;
  fields: string[];
}

export interface TablePlan {
  name: string;
  singular: string;
  /** `Order` for `orders`, used in function names. */
  pascal: string;
  fields: FieldPlan[];
  indexes: IndexPlan[];
  searchIndex?: { name: string; searchField: string; filterFields: string[] };
  /** The table this one points at with `<parent>Id`, and that field's index. */
  parent?: { table: TablePlan; field: string; index: string };
  /** `by_status_and_updatedAt`, present on some tables. */
  hasStatusIndex: boolean;
}

/** Function templates; each renders to one exported Convex function (see moduleText.ts). */
export type Template =
  | "listByOwner"
  | "get"
  | "getSummary"
  | "listByParent"
  | "listByStatus"
  | "search"
  | "create"
  | "updateTitle"
  | "setStatus"
  | "remove"
  | "invite"
  | "getForProcessing"
  | "recordResult"
  | "process"
  | "syncFromParent"
  | "cleanup"
  | "count"
  | "exportSummary"
  | "listRecent";

export type ViolationKind =
  | "filter-on-db-query"
  | "missing-args"
  | "public-only-called-from-server"
  | "db-in-action"
  | "date-now-in-query"
  | "collect-in-public-query";

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  "filter-on-db-query",
  "missing-args",
  "public-only-called-from-server",
  "db-in-action",
  "date-now-in-query",
  "collect-in-public-query",
];

export interface ModulePlan {
  area: string;
  name: string;
  /** Path relative to the project root, e.g. `convex/billing/orders.ts`. */
  path: string;
  /** Dotted path used after `api.` / `internal.`, e.g. `billing.orders`. */
  ref: string;
  role: string;
  table: TablePlan;
  templates: Template[];
  /** Uses `users.by_email` (the index the schema-edit benchmark removes and restores). */
  usesEmailIndex: boolean;
  violation?: ViolationKind;
  /** The base module of the parent table, which always defines `get<Parent>ForProcessing`. */
  parentModule?: ModulePlan;
}

export interface ProjectPlan {
  seed: number;
  tables: TablePlan[];
  users: TablePlan;
  modules: ModulePlan[];
  /** Tables the 2,000-line module works on. */
  largeTables: TablePlan[];
  clientFiles: number;
}

export const LARGE_MODULE_PATH = "convex/big/large.ts";
export const LARGE_MODULE_REF = "big.large";
/** The schema-edit benchmark removes and restores this index. */
export const EMAIL_INDEX = { table: "users", index: "by_email", field: "email" } as const;

const pascalCase = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The range a regular module's estimated length is drawn from (estimates run a little high). */
const TARGET_LINES = { min: 70, max: 270 };

/** Approximate rendered size of each template in lines (used only to aim at the module's length). */
export const TEMPLATE_LINES: Record<Template, number> = {
  listByOwner: 17, get: 13, getSummary: 14, listByParent: 15, listByStatus: 16, search: 15, create: 28,
  updateTitle: 17, setStatus: 13, remove: 14, invite: 22, getForProcessing: 10, recordResult: 15, process: 24,
  syncFromParent: 24, cleanup: 20, count: 18, exportSummary: 18, listRecent: 19,
};

/** Templates that need others in the same module (the background-job pattern needs all four). */
const REQUIRES: Partial<Record<Template, Template[]>> = {
  create: ["process", "getForProcessing", "recordResult"],
  process: ["getForProcessing", "recordResult"],
  syncFromParent: ["recordResult"],
  exportSummary: ["getForProcessing"],
};

/** Templates a module of each role draws from, beyond the ones it always has. */
const ROLE_POOLS: Record<string, Template[]> = {
  "": ["getSummary", "listByParent", "search", "updateTitle", "setStatus", "count", "listByStatus"],
  Admin: ["listByStatus", "setStatus", "cleanup", "count", "getSummary", "remove", "updateTitle", "listByParent"],
  Jobs: ["create", "listByStatus", "cleanup", "setStatus", "count", "get"],
  Stats: ["count", "listByStatus", "getSummary", "listByOwner", "search", "listByParent"],
  Sync: ["syncFromParent", "listByParent", "getForProcessing", "setStatus", "count", "get"],
  Import: ["create", "updateTitle", "listByOwner", "setStatus", "remove"],
  Export: ["exportSummary", "listByOwner", "count", "listByStatus", "get"],
  Audit: ["listByStatus", "cleanup", "count", "getSummary", "get", "search"],
};
/** What any module may add once its role's pool is used up (so long modules stay possible for every role). */
const GENERAL_POOL: Template[] = [
  "get", "getSummary", "listByStatus", "setStatus", "count", "cleanup", "updateTitle", "listByOwner", "listByParent", "search", "exportSummary", "syncFromParent",
];
/** What the first module of every table always defines. */
const BASE_TEMPLATES: Template[] = ["listByOwner", "get", "create", "updateTitle", "remove"];
const ALWAYS: Record<string, Template[]> = { "": BASE_TEMPLATES, Admin: ["listByStatus"], Jobs: ["create"], Stats: ["count"], Sync: ["getForProcessing"], Import: ["create"], Export: ["exportSummary"], Audit: ["cleanup"] };

/** What a template needs from the table before it can be used. */
function applicable(t: Template, table: TablePlan): boolean {
  if (t === "listByParent" || t === "syncFromParent") return table.parent !== undefined;
  if (t === "search") return table.searchIndex !== undefined;
  return true;
}

function withRequirements(templates: Template[], table: TablePlan): Template[] {
  const out: Template[] = [];
  const add = (t: Template) => {
    if (out.includes(t) || !applicable(t, table)) return;
    out.push(t);
    for (const r of REQUIRES[t] ?? []) add(r);
  };
  for (const t of templates) add(t);
  return out;
}

function planTables(count: number, random: Random): TablePlan[] {
  const users: TablePlan = {
    name: "users",
    singular: "user",
    pascal: "User",
    fields: [
      { name: "name", validator: "v.string()" },
      { name: EMAIL_INDEX.field, validator: "v.string()" },
      { name: "tokenIdentifier", validator: "v.string()" },
      { name: "plan", validator: 'v.union(v.literal("free"), v.literal("pro"), v.literal("team"))' },
      { name: "lastSeenAt", validator: "v.optional(v.number())" },
    ],
    indexes: [
      { name: EMAIL_INDEX.index, fields: [EMAIL_INDEX.field] },
      { name: "by_tokenIdentifier", fields: ["tokenIdentifier"] },
    ],
    hasStatusIndex: false,
  };
  const tables: TablePlan[] = [users];
  const nouns = random.shuffle(NOUNS);
  for (let k = 0; k < count - 1; k++) {
    const noun = nouns[k % nouns.length];
    const round = Math.floor(k / nouns.length);
    const qualifier = round < QUALIFIERS.length ? QUALIFIERS[round] : `${QUALIFIERS[round % QUALIFIERS.length] || "extra"}${round}`;
    const singular = qualifier ? qualifier + pascalCase(noun) : noun;
    const table: TablePlan = { name: `${singular}s`, singular, pascal: pascalCase(singular), fields: [], indexes: [], hasStatusIndex: false };
    table.fields.push(
      { name: "ownerId", validator: 'v.id("users")', initial: "user._id" },
      { name: "title", validator: "v.string()", initial: "title" },
      {
        name: "status",
        validator: 'v.union(v.literal("pending"), v.literal("processing"), v.literal("completed"), v.literal("failed"))',
        initial: '"processing"',
      },
      { name: "updatedAt", validator: "v.number()", initial: "Date.now()" },
      { name: "error", validator: "v.optional(v.string())" },
    );
    table.indexes.push({ name: "by_ownerId_and_status", fields: ["ownerId", "status"] });
    // Tables after the first few point at an earlier one, as real data models do.
    if (k >= 2 && random.chance(0.6)) {
      const parent = tables[random.int(1, tables.length - 1)];
      const field = `${parent.singular}Id`;
      table.fields.splice(1, 0, { name: field, validator: `v.id("${parent.name}")`, initial: `args.${field}` });
      table.indexes.push({ name: `by_${field}`, fields: [field] });
      table.parent = { table: parent, field, index: `by_${field}` };
    }
    const extras: FieldPlan[] = [
      { name: "amount", validator: "v.number()", initial: "0" },
      { name: "notes", validator: "v.optional(v.string())" },
      { name: "isPinned", validator: "v.boolean()", initial: "false" },
      { name: "tags", validator: "v.array(v.string())", initial: "[]" },
      { name: "priority", validator: 'v.union(v.literal("low"), v.literal("normal"), v.literal("high"))', initial: '"normal"' },
      { name: "metadata", validator: "v.optional(v.object({ source: v.string(), importedAt: v.number() }))" },
    ];
    for (const extra of random.shuffle(extras).slice(0, random.int(1, 4))) table.fields.push(extra);
    if (random.chance(0.4)) {
      table.indexes.push({ name: "by_status_and_updatedAt", fields: ["status", "updatedAt"] });
      table.hasStatusIndex = true;
    }
    if (k % 10 === 3) table.searchIndex = { name: "search_title", searchField: "title", filterFields: ["ownerId"] };
    tables.push(table);
  }
  return tables;
}

export function planProject(moduleCount: number, seed: number): ProjectPlan {
  if (!Number.isInteger(moduleCount) || moduleCount < 10) throw new Error(`modules must be an integer ≥ 10, not ${moduleCount}`);
  const random = new Random(seed);
  const tableCount = Math.max(3, Math.round(moduleCount / 5));
  const tables = planTables(tableCount, random);
  const regularTables = tables.slice(1);
  const areaCount = Math.min(AREAS.length, Math.max(2, Math.round(moduleCount / 20)));
  const areas = random.shuffle(AREAS).slice(0, areaCount);
  // One module is the 2,000-line one; the others are spread over the tables, ~5 per table.
  const regularCount = moduleCount - 1;
  const emailUsers = Math.max(3, Math.round(moduleCount / 25));
  const emailStep = Math.max(1, Math.floor(regularCount / emailUsers));
  const modules: ModulePlan[] = [];
  const baseOf = new Map<TablePlan, ModulePlan>();
  for (let i = 0; i < regularCount; i++) {
    const tableIndex = i % regularTables.length;
    const table = regularTables[tableIndex];
    const round = Math.floor(i / regularTables.length);
    const role = round < MODULE_ROLES.length ? MODULE_ROLES[round] : `Part${round}`;
    const area = areas[tableIndex % areas.length];
    const name = table.name + role;
    const pool = ROLE_POOLS[role] ?? ROLE_POOLS.Admin;
    // Module lengths vary widely, as they do in real projects (~150 lines on average once rendered).
    const target = random.int(TARGET_LINES.min, TARGET_LINES.max);
    const chosen: Template[] = [...(ALWAYS[role] ?? ["count"])];
    for (const t of [...random.shuffle(pool), ...random.shuffle(GENERAL_POOL)]) {
      const lines = withRequirements(chosen, table).reduce((sum, x) => sum + TEMPLATE_LINES[x], 30);
      if (lines >= target) break;
      chosen.push(t);
    }
    const usesEmailIndex = i % emailStep === 0 && modules.filter((m) => m.usesEmailIndex).length < emailUsers;
    if (usesEmailIndex) chosen.push("invite");
    const module: ModulePlan = {
      area, name, path: `convex/${area}/${name}.ts`, ref: `${area}.${name}`, role, table,
      templates: withRequirements(chosen, table), usesEmailIndex,
    };
    if (round === 0) baseOf.set(table, module);
    modules.push(module);
  }
  for (const module of modules) {
    if (module.table.parent) module.parentModule = baseOf.get(module.table.parent.table);
    // syncFromParent calls the parent's base module; without one it cannot be written.
    if (!module.parentModule) module.templates = module.templates.filter((t) => t !== "syncFromParent");
  }
  // About one module in ten breaks one guideline; the kinds take turns so each one appears.
  let turn = 0;
  for (const module of modules) {
    if (!random.chance(0.1)) continue;
    const kind = VIOLATION_KINDS[turn++ % VIOLATION_KINDS.length];
    module.violation = kind;
    const needs: Template[] =
      kind === "filter-on-db-query" ? ["listByOwner"]
      : kind === "missing-args" ? ["remove"]
      : kind === "public-only-called-from-server" ? ["exportSummary", "getSummary"]
      : kind === "db-in-action" ? ["process"]
      : kind === "date-now-in-query" ? ["listRecent"]
      : ["listByStatus"];
    module.templates = withRequirements([...module.templates, ...needs], module.table);
  }
  const largeTables = regularTables.slice(0, Math.min(14, regularTables.length));
  return { seed, tables, users: tables[0], modules, largeTables, clientFiles: Math.max(1, Math.round(moduleCount / 10)) };
}
