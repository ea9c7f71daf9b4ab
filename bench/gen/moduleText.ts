// Renders one Convex function module: imports, a few plain helpers, then the exported functions of
// its templates in the object syntax (`args` + `handler`). Violations are variations of the same
// templates, so a violating module looks like its neighbours except for the one broken guideline.
import type { ModulePlan, TablePlan, Template, ViolationKind } from "./plan";
import { Random } from "./random";
import { MODULE_PURPOSES, REMARKS } from "./words";

/** A public function that client code can call, with what it needs as arguments. */
export interface PublicFunction {
  ref: string;
  name: string;
  kind: "query" | "mutation" | "action";
  table: TablePlan;
  /** The shape of the client's arguments (see clientText.ts). */
  args: "owner" | "id" | "parent" | "search" | "create" | "status";
}

export interface RenderedModule {
  text: string;
  publicFunctions: PublicFunction[];
}

/** Marks the line after which the edit benchmark inserts and removes a `.filter(…)` line. */
export const EDIT_ANCHOR_MARKER = "bench:edit-anchor";
export const EDIT_ANCHOR = `      // ${EDIT_ANCHOR_MARKER} (the edit benchmark inserts and removes a \`.filter(…)\` line below this one)`;
/** The line the edit benchmark toggles: a `.filter` on a database query (rule no-filter-in-query). */
export const EDIT_FILTER_LINE = '      .filter((q) => q.eq(q.field("title"), "bench"))';

type Builder = "query" | "mutation" | "action" | "internalQuery" | "internalMutation" | "internalAction";
const BUILDER_ORDER: Builder[] = ["action", "internalAction", "internalMutation", "internalQuery", "mutation", "query"];

/** What the rendered functions use, so the imports list exactly that. */
class Uses {
  builders = new Set<Builder>();
  api = false;
  internal = false;
  doc = false;
  id = false;
  queryCtx = false;
  helpers = new Set<"getCurrentUser" | "normalizeTitle" | "summarize" | "findUserByEmail" | "status">();
  summarized = new Set<TablePlan>();
  statusTables = new Set<TablePlan>();
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
const words = (camel: string) => camel.replace(/([A-Z])/g, " $1").toLowerCase();

export class ModuleWriter {
  private readonly uses = new Uses();
  private readonly blocks: string[][] = [];
  readonly publicFunctions: PublicFunction[] = [];

  constructor(
    private readonly ref: string,
    private readonly random: Random,
    private readonly header: string[],
  ) {}

  private comment(purpose: string): string[] {
    const remark = this.random.chance(0.45) ? this.random.pick(REMARKS) : undefined;
    if (!remark) return [`/** ${purpose} */`];
    return ["/**", ` * ${purpose}`, ` * ${remark}`, " */"];
  }

  private fn(builder: Builder, name: string, purpose: string, args: string | undefined, handler: string, body: string[]): string[] {
    this.uses.builders.add(builder);
    const lines = [...this.comment(purpose), `export const ${name} = ${builder}({`];
    if (args !== undefined) lines.push(`  args: ${args},`);
    lines.push(`  handler: ${handler} => {`, ...body.map((l) => (l === "" ? "" : `    ${l}`)), "  },", "});");
    return lines;
  }

  private publish(table: TablePlan, name: string, kind: PublicFunction["kind"], args: PublicFunction["args"]): void {
    this.publicFunctions.push({ ref: this.ref, name, kind, table, args });
  }

  private statusValidator(table: TablePlan): string {
    this.uses.statusTables.add(table);
    return `${table.singular}Status`;
  }

  /** Renders one template for `table`; `violation` turns it into its broken variant. */
  add(template: Template, table: TablePlan, opts: { violation?: ViolationKind; parentRef?: string; anchor?: boolean; clientVisible?: boolean } = {}): number {
    const lines = this.render(template, table, opts);
    this.blocks.push(lines);
    return lines.length + 1;
  }

  private render(template: Template, t: TablePlan, opts: { violation?: ViolationKind; parentRef?: string; anchor?: boolean; clientVisible?: boolean }): string[] {
    const X = t.pascal;
    const one = t.singular;
    const a = article(words(one));
    const u = this.uses;
    const self = `${this.ref}`;
    const violation = opts.violation;
    switch (template) {
      case "listByOwner": {
        const name = `list${X}sByOwner`;
        this.publish(t, name, "query", "owner");
        const chain = [
          "return await ctx.db",
          `  .query("${t.name}")`,
          `  .withIndex("by_ownerId_and_status", (q) => q.eq("ownerId", args.ownerId).eq("status", args.status))`,
        ];
        // Chain lines get the handler's 4 spaces on top of these 2, like the anchor's 6.
        if (opts.anchor) chain.push(`  ${EDIT_ANCHOR.trimStart()}`);
        if (violation === "filter-on-db-query") chain.push(`  .filter((q) => q.eq(q.field("isPinned"), true))`);
        chain.push('  .order("desc")', "  .take(limit);");
        return this.fn("query", name, `Lists an owner's ${words(t.name)} with one status, newest first.`,
          `{ ownerId: v.id("users"), status: ${this.statusValidator(t)}, limit: v.optional(v.number()) }`,
          "async (ctx, args)", ["const limit = Math.min(args.limit ?? 20, 100);", ...chain]);
      }
      case "get": {
        const name = `get${X}`;
        this.publish(t, name, "query", "id");
        return this.fn("query", name, `One ${words(one)} by id, or null when it does not exist (any more).`, `{ id: v.id("${t.name}") }`,
          "async (ctx, args)", [`const ${one} = await ctx.db.get(args.id);`, `if (${one} === null) return null;`, `return ${one};`]);
      }
      case "getSummary": {
        const name = `get${X}Summary`;
        if (opts.clientVisible !== false) this.publish(t, name, "query", "id");
        u.helpers.add("summarize");
        u.summarized.add(t);
        return this.fn("query", name, `What list rows show for ${a} ${words(one)}: title, status and a one-line summary.`, `{ id: v.id("${t.name}") }`,
          "async (ctx, args)", [
            `const ${one} = await ctx.db.get(args.id);`,
            `if (${one} === null) return null;`,
            `return { id: ${one}._id, title: ${one}.title, summary: summarize${X}(${one}), updatedAt: ${one}.updatedAt };`,
          ]);
      }
      case "listByParent": {
        const parent = t.parent!;
        const name = `list${X}sBy${parent.table.pascal}`;
        this.publish(t, name, "query", "parent");
        return this.fn("query", name, `The ${words(t.name)} that belong to one ${words(parent.table.singular)}.`, `{ ${parent.field}: v.id("${parent.table.name}") }`,
          "async (ctx, args)", [
            "return await ctx.db",
            `  .query("${t.name}")`,
            `  .withIndex("${parent.index}", (q) => q.eq("${parent.field}", args.${parent.field}))`,
            "  .take(100);",
          ]);
      }
      case "listByStatus": {
        const name = `list${X}sByStatus`;
        if (violation === "collect-in-public-query") {
          this.publish(t, name, "query", "status");
          u.doc = true;
          return this.fn("query", name, `Every ${words(one)} with one status.`, `{ status: ${this.statusValidator(t)} }`, "async (ctx, args)", [
            `const all = await ctx.db.query("${t.name}").collect();`,
            `const matching: Doc<"${t.name}">[] = [];`,
            "for (const row of all) {",
            "  if (row.status === args.status) matching.push(row);",
            "}",
            "return matching;",
          ]);
        }
        if (t.hasStatusIndex) {
          return this.fn("internalQuery", name, `${X}s with one status last touched before a time (for housekeeping jobs).`,
            `{ status: ${this.statusValidator(t)}, before: v.number() }`, "async (ctx, args)", [
              "return await ctx.db",
              `  .query("${t.name}")`,
              `  .withIndex("by_status_and_updatedAt", (q) => q.eq("status", args.status).lt("updatedAt", args.before))`,
              "  .take(500);",
            ]);
        }
        return this.fn("internalQuery", name, `An owner's ${words(t.name)} with one status (for housekeeping jobs).`,
          `{ ownerId: v.id("users"), status: ${this.statusValidator(t)} }`, "async (ctx, args)", [
            "return await ctx.db",
            `  .query("${t.name}")`,
            `  .withIndex("by_ownerId_and_status", (q) => q.eq("ownerId", args.ownerId).eq("status", args.status))`,
            "  .take(500);",
          ]);
      }
      case "search": {
        const s = t.searchIndex!;
        const name = `search${X}s`;
        this.publish(t, name, "query", "search");
        return this.fn("query", name, `Full-text search over an owner's ${words(t.name)} by title.`, `{ ownerId: v.id("users"), text: v.string() }`,
          "async (ctx, args)", [
            'if (args.text.trim() === "") return [];',
            "return await ctx.db",
            `  .query("${t.name}")`,
            `  .withSearchIndex("${s.name}", (q) => q.search("${s.searchField}", args.text).eq("ownerId", args.ownerId))`,
            "  .take(20);",
          ]);
      }
      case "create": {
        const name = `create${X}`;
        this.publish(t, name, "mutation", "create");
        u.helpers.add("getCurrentUser").add("normalizeTitle");
        u.internal = true;
        const parent = t.parent;
        const argsText = parent ? `{ title: v.string(), ${parent.field}: v.id("${parent.table.name}") }` : "{ title: v.string() }";
        const values = t.fields.filter((f) => f.initial !== undefined).map((f) => (f.initial === f.name ? `  ${f.name},` : `  ${f.name}: ${f.initial},`));
        return this.fn("mutation", name, `Creates ${a} ${words(one)} for the signed-in user and schedules its processing.`, argsText, "async (ctx, args)", [
          "const user = await getCurrentUser(ctx);",
          `if (user === null) throw new Error("Sign in to create ${a} ${words(one)}");`,
          "const title = normalizeTitle(args.title);",
          `const id = await ctx.db.insert("${t.name}", {`,
          ...values,
          "});",
          "// The background-job pattern: mark it processing here, do the slow work in an action.",
          `await ctx.scheduler.runAfter(0, internal.${self}.process${X}, { id });`,
          "return id;",
        ]);
      }
      case "updateTitle": {
        const name = `update${X}Title`;
        this.publish(t, name, "mutation", "id");
        u.helpers.add("getCurrentUser").add("normalizeTitle");
        return this.fn("mutation", name, `Renames ${a} ${words(one)}; only its owner may.`, `{ id: v.id("${t.name}"), title: v.string() }`, "async (ctx, args)", [
          "const user = await getCurrentUser(ctx);",
          `if (user === null) throw new Error("Sign in to rename ${a} ${words(one)}");`,
          `const ${one} = await ctx.db.get(args.id);`,
          `if (${one} === null || ${one}.ownerId !== user._id) throw new Error("${X} not found");`,
          "await ctx.db.patch(args.id, { title: normalizeTitle(args.title), updatedAt: Date.now() });",
        ]);
      }
      case "setStatus": {
        const name = `set${X}Status`;
        return this.fn("internalMutation", name, `Moves ${a} ${words(one)} to another status.`, `{ id: v.id("${t.name}"), status: ${this.statusValidator(t)} }`,
          "async (ctx, args)", ["await ctx.db.patch(args.id, { status: args.status, updatedAt: Date.now() });"]);
      }
      case "remove": {
        const name = `remove${X}`;
        this.publish(t, name, "mutation", "id");
        u.helpers.add("getCurrentUser");
        const missingArgs = violation === "missing-args";
        if (missingArgs) u.id = true;
        const idExpr = missingArgs ? "id" : "args.id";
        return this.fn("mutation", name, `Deletes ${a} ${words(one)} of the signed-in user.`, missingArgs ? undefined : `{ id: v.id("${t.name}") }`,
          missingArgs ? `async (ctx, { id }: { id: Id<"${t.name}"> })` : "async (ctx, args)", [
            "const user = await getCurrentUser(ctx);",
            `if (user === null) throw new Error("Sign in to delete ${a} ${words(one)}");`,
            `const ${one} = await ctx.db.get(${idExpr});`,
            `if (${one} === null || ${one}.ownerId !== user._id) return;`,
            `await ctx.db.delete(${idExpr});`,
          ]);
      }
      case "invite": {
        const name = `invite${X}Collaborator`;
        this.publish(t, name, "mutation", "id");
        u.helpers.add("getCurrentUser").add("findUserByEmail");
        return this.fn("mutation", name, `Shares ${a} ${words(one)} with another user, found by email.`, `{ id: v.id("${t.name}"), email: v.string() }`,
          "async (ctx, args)", [
            "const user = await getCurrentUser(ctx);",
            `if (user === null) throw new Error("Sign in to share ${a} ${words(one)}");`,
            "const invitee = await findUserByEmail(ctx, args.email);",
            "if (invitee === null) return { invited: false };",
            `const ${one} = await ctx.db.get(args.id);`,
            `if (${one} === null || ${one}.ownerId !== user._id) return { invited: false };`,
            "await ctx.db.patch(args.id, { updatedAt: Date.now() });",
            "return { invited: true, inviteeId: invitee._id };",
          ]);
      }
      case "getForProcessing":
        return this.fn("internalQuery", `get${X}ForProcessing`, `The ${words(one)} as the background job sees it.`, `{ id: v.id("${t.name}") }`,
          "async (ctx, args)", ["return await ctx.db.get(args.id);"]);
      case "recordResult":
        return this.fn("internalMutation", `record${X}Result`, `Records how processing ${a} ${words(one)} ended.`, `{ id: v.id("${t.name}"), error: v.optional(v.string()) }`,
          "async (ctx, args)", [
            `const ${one} = await ctx.db.get(args.id);`,
            `if (${one} === null) return;`,
            "await ctx.db.patch(args.id, {",
            '  status: args.error === undefined ? "completed" : "failed",',
            "  error: args.error,",
            "  updatedAt: Date.now(),",
            "});",
          ]);
      case "process": {
        u.internal = true;
        const read = violation === "db-in-action"
          ? `const ${one} = await ctx.db.get(args.id);`
          : `const ${one} = await ctx.runQuery(internal.${self}.get${X}ForProcessing, { id: args.id });`;
        return this.fn("internalAction", `process${X}`, `Does the slow part of creating ${a} ${words(one)}, outside any transaction.`, `{ id: v.id("${t.name}") }`,
          "async (ctx, args)", [
            read,
            `if (${one} === null) return;`,
            "try {",
            `  const response = await fetch(\`https://api.example.com/${t.name}/\${args.id}\`, {`,
            '    method: "POST",',
            `    body: JSON.stringify({ title: ${one}.title }),`,
            "  });",
            "  if (!response.ok) throw new Error(`upstream answered ${response.status}`);",
            `  await ctx.runMutation(internal.${self}.record${X}Result, { id: args.id, error: undefined });`,
            "} catch (e) {",
            `  await ctx.runMutation(internal.${self}.record${X}Result, { id: args.id, error: String(e) });`,
            "}",
          ]);
      }
      case "syncFromParent": {
        const parent = t.parent!;
        const p = parent.table;
        u.internal = true;
        return this.fn("internalAction", `sync${X}From${p.pascal}`, `Pulls the upstream state of the parent ${words(p.singular)} into ${a} ${words(one)}.`,
          `{ id: v.id("${t.name}"), ${parent.field}: v.id("${p.name}") }`, "async (ctx, args)", [
            `const parent = await ctx.runQuery(internal.${opts.parentRef}.get${p.pascal}ForProcessing, { id: args.${parent.field} });`,
            "if (parent === null) return;",
            "try {",
            `  const response = await fetch(\`https://sync.example.com/${p.name}/\${args.${parent.field}}\`);`,
            "  if (!response.ok) throw new Error(`sync answered ${response.status}`);",
            `  await ctx.runMutation(internal.${self}.record${X}Result, { id: args.id, error: undefined });`,
            "} catch (e) {",
            `  await ctx.runMutation(internal.${self}.record${X}Result, { id: args.id, error: String(e) });`,
            "}",
          ]);
      }
      case "cleanup": {
        u.internal = true;
        const name = `cleanup${X}s`;
        if (t.hasStatusIndex) {
          return this.fn("internalMutation", name, `Deletes failed ${words(t.name)} older than a cutoff, a page at a time.`, "{ before: v.number() }", "async (ctx, args)", [
            "const stale = await ctx.db",
            `  .query("${t.name}")`,
            `  .withIndex("by_status_and_updatedAt", (q) => q.eq("status", "failed").lt("updatedAt", args.before))`,
            "  .take(100);",
            "for (const row of stale) await ctx.db.delete(row._id);",
            `if (stale.length === 100) await ctx.scheduler.runAfter(0, internal.${self}.${name}, { before: args.before });`,
            "return stale.length;",
          ]);
        }
        return this.fn("internalMutation", name, `Deletes an owner's failed ${words(t.name)} older than a cutoff.`, '{ ownerId: v.id("users"), before: v.number() }',
          "async (ctx, args)", [
            "const failed = await ctx.db",
            `  .query("${t.name}")`,
            `  .withIndex("by_ownerId_and_status", (q) => q.eq("ownerId", args.ownerId).eq("status", "failed"))`,
            "  .take(100);",
            "let deleted = 0;",
            "for (const row of failed) {",
            "  if (row.updatedAt >= args.before) continue;",
            "  await ctx.db.delete(row._id);",
            "  deleted += 1;",
            "}",
            "return deleted;",
          ]);
      }
      case "count":
        return this.fn("internalQuery", `count${X}s`, `How many ${words(t.name)} an owner has in each status.`, '{ ownerId: v.id("users") }', "async (ctx, args)", [
          "const counts = { pending: 0, processing: 0, completed: 0, failed: 0 };",
          "const rows = await ctx.db",
          `  .query("${t.name}")`,
          `  .withIndex("by_ownerId_and_status", (q) => q.eq("ownerId", args.ownerId))`,
          "  .take(1000);",
          "for (const row of rows) counts[row.status] += 1;",
          "return counts;",
        ]);
      case "exportSummary": {
        const viaApi = violation === "public-only-called-from-server";
        if (viaApi) u.api = true;
        else u.internal = true;
        const read = viaApi
          ? `const ${one} = await ctx.runQuery(api.${self}.get${X}Summary, { id: args.id });`
          : `const ${one} = await ctx.runQuery(internal.${self}.get${X}ForProcessing, { id: args.id });`;
        return this.fn("internalAction", `export${X}Summary`, `Sends ${a} ${words(one)} to the reporting service.`, `{ id: v.id("${t.name}") }`, "async (ctx, args)", [
          read,
          `if (${one} === null) return false;`,
          "try {",
          `  const response = await fetch("https://reports.example.com/${t.name}", { method: "POST", body: JSON.stringify(${one}) });`,
          "  return response.ok;",
          "} catch {",
          "  return false;",
          "}",
        ]);
      }
      case "listRecent": {
        const name = `listRecent${X}s`;
        this.publish(t, name, "query", "owner");
        u.doc = true;
        return this.fn("query", name, `An owner's ${words(t.name)} touched in the last week.`, '{ ownerId: v.id("users") }', "async (ctx, args)", [
          "const since = Date.now() - 7 * 24 * 60 * 60 * 1000;",
          "const rows = await ctx.db",
          `  .query("${t.name}")`,
          `  .withIndex("by_ownerId_and_status", (q) => q.eq("ownerId", args.ownerId))`,
          "  .take(50);",
          `const recent: Doc<"${t.name}">[] = [];`,
          "for (const row of rows) {",
          "  if (row.updatedAt >= since) recent.push(row);",
          "}",
          "return recent;",
        ]);
      }
    }
  }

  private helperBlocks(): string[][] {
    const u = this.uses;
    const out: string[][] = [];
    for (const table of u.statusTables) {
      out.push([
        `/** The lifecycle of ${article(words(table.singular))} ${words(table.singular)}; mirrors the schema. */`,
        `const ${table.singular}Status = v.union(v.literal("pending"), v.literal("processing"), v.literal("completed"), v.literal("failed"));`,
      ]);
    }
    if (u.helpers.has("getCurrentUser")) {
      u.doc = true;
      u.queryCtx = true;
      out.push([
        "/** The signed-in user's document, or null for anonymous callers. */",
        'async function getCurrentUser(ctx: QueryCtx): Promise<Doc<"users"> | null> {',
        "  const identity = await ctx.auth.getUserIdentity();",
        "  if (identity === null) return null;",
        "  return await ctx.db",
        '    .query("users")',
        '    .withIndex("by_tokenIdentifier", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))',
        "    .unique();",
        "}",
      ]);
    }
    if (u.helpers.has("findUserByEmail")) {
      u.doc = true;
      u.queryCtx = true;
      out.push([
        "/** Looks a user up by email, as typed into the share dialog. */",
        'async function findUserByEmail(ctx: QueryCtx, email: string): Promise<Doc<"users"> | null> {',
        "  return await ctx.db",
        '    .query("users")',
        '    .withIndex("by_email", (q) => q.eq("email", email.trim().toLowerCase()))',
        "    .unique();",
        "}",
      ]);
    }
    if (u.helpers.has("normalizeTitle")) {
      out.push([
        "/** Trims a user-entered title and rejects empty ones (the form checks the same). */",
        "function normalizeTitle(title: string): string {",
        "  const trimmed = title.trim();",
        '  if (trimmed.length === 0) throw new Error("A title cannot be empty");',
        "  return trimmed.length > 200 ? trimmed.slice(0, 200) : trimmed;",
        "}",
      ]);
    }
    for (const table of u.summarized) {
      u.doc = true;
      const one = table.singular;
      out.push([
        "/** One line for list rows and notifications. */",
        `function summarize${table.pascal}(${one}: Doc<"${table.name}">): string {`,
        `  const parts = [${one}.title, ${one}.status];`,
        `  if (${one}.error !== undefined) parts.push(\`error: \${${one}.error}\`);`,
        '  return parts.join(" · ");',
        "}",
      ]);
    }
    return out;
  }

  /** The whole module text. */
  text(): string {
    const helpers = this.helperBlocks();
    const u = this.uses;
    const imports = ['import { v } from "convex/values";'];
    const roots = [u.api ? "api" : "", u.internal ? "internal" : ""].filter(Boolean);
    if (roots.length > 0) imports.push(`import { ${roots.join(", ")} } from "../_generated/api";`);
    const types = [u.doc ? "Doc" : "", u.id ? "Id" : ""].filter(Boolean);
    if (types.length > 0) imports.push(`import type { ${types.join(", ")} } from "../_generated/dataModel";`);
    const builders = BUILDER_ORDER.filter((b) => u.builders.has(b));
    imports.push(`import { ${builders.join(", ")} } from "../_generated/server";`);
    if (u.queryCtx) imports.push('import type { QueryCtx } from "../_generated/server";');
    const sections = [this.header, imports, ...helpers, ...this.blocks];
    return sections.map((s) => s.join("\n")).join("\n\n") + "\n";
  }
}

/** Renders a regular module of the plan. */
export function renderModule(module: ModulePlan, random: Random): RenderedModule {
  const t = module.table;
  const purpose = MODULE_PURPOSES[module.role] ?? "More operations on";
  const header = [`// ${purpose} the ${words(t.name)} table (${module.area}).`];
  if (random.chance(0.5)) header.push("// Public functions are called from the React app in src/; internal ones from jobs and other modules.");
  const writer = new ModuleWriter(module.ref, random, header);
  for (const template of module.templates) {
    writer.add(template, t, {
      violation: module.violation,
      parentRef: module.parentModule?.ref,
      // The summary that the violating export reads through `api.*` must not be called by client code.
      clientVisible: !(template === "getSummary" && module.violation === "public-only-called-from-server"),
    });
  }
  return { text: writer.text(), publicFunctions: writer.publicFunctions };
}
