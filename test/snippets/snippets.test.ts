// Every snippet expands, with its default placeholders (and with every other option of each choice),
// to TypeScript that parses; placed where it belongs in a small project, it passes all our rules.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { parseModule, parseProblems } from "../../server/src/project/parse";
import { ConvexProject } from "../../server/src/project/project";
import { REPO_ROOT } from "../support/demo";
import { ALL_RULES_ON } from "../support/fixProof";
import { HEADER } from "../support/ruleTester";
import { choiceStops, expandSnippet } from "./expand";

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
  scope: string;
}

const snippets = JSON.parse(readFileSync(resolve(REPO_ROOT, "snippets/convex.code-snippets"), "utf8")) as Record<string, Snippet>;

const ROOT = "/p";

/** Tables every function snippet may use, defined by the conventions (so findings can only come from the snippet). */
const TABLES = `  users: defineTable({ name: v.string(), tokenIdentifier: v.string() }).index("by_tokenIdentifier", ["tokenIdentifier"]),
  tasks: defineTable({ text: v.string(), userId: v.id("users") }).index("by_userId", ["userId"]),
  messages: defineTable({ body: v.string(), userId: v.id("users") }).index("by_userId", ["userId"]),
  files: defineTable({ storageId: v.id("_storage"), name: v.string() }),
  jobs: defineTable({
    prompt: v.string(),
    status: v.union(v.literal("processing"), v.literal("completed"), v.literal("failed")),
    result: v.optional(v.string()),
    error: v.optional(v.string()),
  }),
`;

const schemaWith = (entries: string) =>
  `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n${entries}});\n`;

const SCHEMA = schemaWith(TABLES);

/** A module that uses an index of the schema snippet's table, so the schema snippet is checked in use. */
const USES_POSTS = `${HEADER}export const listPosts = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    if ((await ctx.auth.getUserIdentity()) === null) return [];
    return await ctx.db.query("posts").withIndex("by_userId_and_status", (q) => q.eq("userId", args.userId)).take(10);
  },
});
`;

/** Where a snippet goes: the files of the project it is checked in, given its expansion. */
interface Host {
  /** The file the snippet's expansion lands in (relative to the root); `$TM_FILENAME_BASE` is its base name. */
  file: string;
  files(expanded: string): Record<string, string>;
}

const functionModule = (expanded: string) => `${HEADER}import { paginationOptsValidator } from "convex/server";\n\n${expanded}\n`;

/** Inserted among a module's top-level statements (the imports are the user's). */
const FUNCTIONS: Host = {
  file: "convex/tasks.ts",
  files: (expanded) => ({ "convex/schema.ts": SCHEMA, "convex/tasks.ts": functionModule(expanded) }),
};

/** A whole module of its own. */
const wholeModule = (file: string, extra: Record<string, string> = {}): Host => ({
  file,
  files: (expanded) => ({ "convex/schema.ts": SCHEMA, ...extra, [file]: `${expanded}\n` }),
});

/** A chained index, inserted after a table's `defineTable({ … })`. */
const CHAINED: Host = {
  file: "convex/schema.ts",
  files: (expanded) => ({
    "convex/schema.ts": schemaWith(
      `${TABLES}  notes: defineTable({ body: v.string(), userId: v.id("users"), embedding: v.array(v.float64()) })\n${expanded
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n")},\n`,
    ),
  }),
};

const HOSTS: Record<string, Host> = {
  "convex:query": FUNCTIONS,
  "convex:internalQuery": FUNCTIONS,
  "convex:mutation": FUNCTIONS,
  "convex:internalMutation": FUNCTIONS,
  "convex:action": FUNCTIONS,
  "convex:internalAction": FUNCTIONS,
  "convex:paginatedQuery": FUNCTIONS,
  "convex:upload": FUNCTIONS,
  "convex:upsertUser": FUNCTIONS,
  "convex:useNode": wholeModule("convex/filesNode.ts"),
  "convex:backgroundJob": wholeModule("convex/jobs.ts"),
  "convex:http": wholeModule("convex/http.ts"),
  "convex:crons": wholeModule("convex/crons.ts", {
    "convex/sessions.ts": `${HEADER}export const removeExpired = internalMutation({ args: {}, handler: async () => {} });\n`,
    "convex/digests.ts": `${HEADER}export const sendDigest = internalAction({ args: {}, handler: async () => {} });\n`,
  }),
  "convex:schema": { file: "convex/schema.ts", files: (expanded) => ({ "convex/schema.ts": `${expanded}\n`, "convex/posts.ts": USES_POSTS }) },
  "convex:table": {
    file: "convex/schema.ts",
    files: (expanded) => ({
      "convex/schema.ts": schemaWith(`${TABLES}${expanded.split("\n").map((l) => `  ${l}`).join("\n")}\n`),
      "convex/posts.ts": USES_POSTS,
    }),
  },
  "convex:index": CHAINED,
  "convex:searchIndex": CHAINED,
  "convex:vectorIndex": CHAINED,
};

const convexPrefix = (s: Snippet) => s.prefix.find((p) => p.startsWith("convex:"))!;
const baseName = (file: string) => file.slice(file.lastIndexOf("/") + 1).replace(/\.tsx?$/, "");

/** Parse problems and findings (every rule on) of the project the expansion lands in. */
function check(host: Host, expanded: string): { parse: string[]; findings: string[] } {
  const rel = host.files(expanded);
  const files: Record<string, string> = { [`${ROOT}/package.json`]: JSON.stringify({ dependencies: { convex: "^1.31.0" } }) };
  for (const [path, text] of Object.entries(rel)) files[`${ROOT}/${path}`] = text;
  const file = `${ROOT}/${host.file}`;
  const parse = parseProblems(parseModule(file, files[file])).map((p) => p.message);
  const project = new ConvexProject({ root: ROOT, functionsDir: `${ROOT}/convex`, source: "convention" }, ROOT, memoryFileSystem(files), (m) => {
    throw new Error(m);
  });
  project.load();
  const findings = [...analyzeProject(project, ALL_RULES_ON).values()].flat().map((f) => `${f.path.slice(ROOT.length + 1)}:${f.start.line + 1} ${f.ruleId}: ${f.message}`);
  return { parse, findings };
}

describe("snippets", () => {
  const entries = Object.entries(snippets);

  test("every snippet has one convex: prefix, one short c… prefix, a description and a scope", () => {
    assert.ok(entries.length >= 18);
    for (const [name, s] of entries) {
      assert.equal(s.prefix.length, 2, name);
      assert.match(s.prefix[0], /^convex:[a-z][a-zA-Z]+$/, name);
      assert.match(s.prefix[1], /^c[a-z]+$/, name);
      assert.ok(s.description.length > 20, `${name} has a description`);
      assert.ok(s.scope.split(",").every((l) => l === "typescript" || l === "typescriptreact"), name);
    }
  });

  test("prefixes are unique", () => {
    const all = entries.flatMap(([, s]) => s.prefix);
    assert.deepEqual(all.filter((p, i) => all.indexOf(p) !== i), []);
  });

  test("the six function builders use the initials scheme: cq, cm, ca, ciq, cim, cia", () => {
    const short = Object.fromEntries(entries.map(([, s]) => [s.prefix[0], s.prefix[1]]));
    assert.deepEqual(
      ["query", "mutation", "action", "internalQuery", "internalMutation", "internalAction"].map((b) => short[`convex:${b}`]),
      ["cq", "cm", "ca", "ciq", "cim", "cia"],
    );
  });

  test("every snippet has a place to be checked in, and docs/snippets.md lists every prefix", () => {
    const docs = readFileSync(resolve(REPO_ROOT, "docs/snippets.md"), "utf8");
    for (const [name, s] of entries) {
      assert.ok(HOSTS[convexPrefix(s)], `${name}: add ${convexPrefix(s)} to HOSTS`);
      for (const p of s.prefix) assert.ok(docs.includes(`\`${p}\``), `docs/snippets.md mentions ${p}`);
    }
  });

  test("the expander follows VS Code: defaults, mirrors, choices, variables, escapes", () => {
    assert.equal(expandSnippet("a ${1:x} $1 ${2|p,q\\,r|} ${2} ${TM_FILENAME_BASE} \\$0 $0"), "a x x p p TM_FILENAME_BASE $0 ");
    assert.equal(expandSnippet("${2} ${1:a${2:b}c}", { variables: {}, choose: {} }), "b abc");
    assert.equal(expandSnippet("${1|p,q\\,r|}", { choose: { 1: "q,r" } }), "q,r");
    assert.equal(expandSnippet("internal.${TM_FILENAME_BASE}.f", { variables: { TM_FILENAME_BASE: "jobs" } }), "internal.jobs.f");
  });

  // Controls: the same check does see what the rules flag, once the guideline the snippet follows is broken.
  const controls: { prefix: string; from: string | RegExp; to: string; rule: string }[] = [
    { prefix: "convex:query", from: /const identity[^}]*\}/, to: "", rule: "require-access-control" },
    { prefix: "convex:internalQuery", from: 'get("tasks", ', to: "get(", rule: "explicit-table-ids" },
    { prefix: "convex:paginatedQuery", from: "by_userId", to: "by_user", rule: "unknown-index" },
    { prefix: "convex:upload", from: 'v.id("_storage")', to: "v.string()", rule: "storage-id-validator" },
    { prefix: "convex:upsertUser", from: /\.withIndex\([^\n]*\)\)/, to: '.filter((q) => q.eq(q.field("tokenIdentifier"), identity.tokenIdentifier))', rule: "no-filter-in-query" },
    { prefix: "convex:crons", from: "17 8 * * *", to: "0 8 * * *", rule: "no-top-of-hour-crons" },
    { prefix: "convex:http", from: /\/\/ CORS preflight[\s\S]*?\n\}\);\n/, to: "", rule: "http-cors" },
    { prefix: "convex:backgroundJob", from: "internal.jobs.runTask", to: "api.jobs.runTask", rule: "schedule-internal-only" },
    { prefix: "convex:backgroundJob", from: "try {", to: "{", rule: "action-unhandled-external-call" },
    { prefix: "convex:schema", from: '"by_userId_and_status"', to: '"userStatus"', rule: "index-naming" },
    { prefix: "convex:useNode", from: '"use node";', to: '"use node";\nimport { query } from "./_generated/server";\nexport const getX = query({ args: {}, handler: async () => null });', rule: "use-node-only-actions" },
  ];
  for (const c of controls) {
    test(`control: ${c.prefix} with ${c.rule} broken is flagged`, () => {
      const s = entries.find(([, e]) => convexPrefix(e) === c.prefix)![1];
      const host = HOSTS[c.prefix];
      const expanded = expandSnippet(s.body, { variables: { TM_FILENAME_BASE: baseName(host.file) } }).replace(/\t/g, "  ");
      const broken = expanded.replace(c.from, c.to).replace(/^(import \{ internal \})/m, 'import { api, internal }');
      assert.notEqual(broken, expanded, "the control changes the snippet");
      const { findings } = check(host, broken);
      assert.ok(findings.some((f) => f.includes(` ${c.rule}: `)), findings.join("\n") || "no findings");
    });
  }

  for (const [name, s] of entries) {
    const host = HOSTS[convexPrefix(s)];
    if (!host) continue;
    const variables = { TM_FILENAME_BASE: baseName(host.file), TM_FILENAME: host.file.slice(host.file.lastIndexOf("/") + 1) };
    // The defaults, then each other option of each choice (the rest at their defaults).
    const variants: { label: string; choose: Record<number, string> }[] = [{ label: "defaults", choose: {} }];
    for (const stop of choiceStops(s.body)) {
      for (const option of stop.choices.slice(1)) variants.push({ label: `\${${stop.index}} = ${option}`, choose: { [stop.index]: option } });
    }
    for (const variant of variants) {
      test(`${name} (${s.prefix.join(", ")}), ${variant.label}: parses and passes every rule`, () => {
        const expanded = expandSnippet(s.body, { variables, choose: variant.choose });
        assert.doesNotMatch(expanded, /\$\{|\$\d|TM_/, "every placeholder and variable resolved");
        const { parse, findings } = check(host, expanded.replace(/\t/g, "  "));
        assert.deepEqual(parse, [], expanded);
        assert.deepEqual(findings, [], expanded);
      });
    }
  }
});
