// The Convex injection grammar, tokenised with vscode-textmate + vscode-oniguruma (what VS Code
// uses): exact scopes on exact tokens. The host is a minimal `source.ts` grammar defined here
// (injections apply by selector, so any host with the same scope names exercises them); when VS
// Code's own TypeScript grammar is on disk (the e2e toolchain ships one), the same cases run against
// it too, and every snippet is checked to tokenise exactly as without the injection apart from the
// Convex tokens.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { before, describe, test } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";
import { expandSnippet } from "../snippets/expand";
import { REPO_ROOT } from "../support/demo";

const INJECTION = resolve(REPO_ROOT, "syntaxes/convex.injection.tmLanguage.json");

/** Comments, strings, brackets, identifiers: enough of TypeScript's scopes for the injection's selector and ties. */
const MINIMAL_TS = {
  scopeName: "source.ts",
  patterns: [{ include: "#expression" }],
  repository: {
    expression: {
      patterns: [
        { include: "#comment" },
        { include: "#string" },
        { begin: "\\(", end: "\\)", name: "meta.brace.round.ts", patterns: [{ include: "#expression" }] },
        { begin: "\\{", end: "\\}", name: "meta.objectliteral.ts", patterns: [{ include: "#expression" }] },
        { begin: "\\[", end: "\\]", name: "meta.array.literal.ts", patterns: [{ include: "#expression" }] },
        { match: "[_$A-Za-z][_$\\w]*(?=\\s*:)", name: "meta.object-literal.key.ts" },
        { match: "[_$A-Za-z][_$\\w]*", name: "variable.other.readwrite.ts" },
        { match: "\\.", name: "punctuation.accessor.ts" },
      ],
    },
    comment: {
      patterns: [
        // Like TypeScript's: a line comment's match starts at the line's indentation.
        { begin: "(^[ \\t]+)?(//)", end: "(?=$)", name: "comment.line.double-slash.ts" },
        { begin: "/\\*", end: "\\*/", name: "comment.block.ts" },
      ],
    },
    string: {
      patterns: [
        { begin: '"', end: '"|$', name: "string.quoted.double.ts", patterns: [{ match: "\\\\." }] },
        { begin: "'", end: "'|$", name: "string.quoted.single.ts", patterns: [{ match: "\\\\." }] },
      ],
    },
  },
};

const e2eHome = process.env.CONVEX_E2E_HOME ?? join(homedir(), ".cache/convex-guidelines-e2e");
const REAL_TS = join(e2eHome, "cs/node_modules/code-server/lib/vscode/extensions/typescript-basics/syntaxes/TypeScript.tmLanguage.json");

let onigReady: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  if (!onigReady) {
    const wasm = readFileSync(resolve(REPO_ROOT, "node_modules/vscode-oniguruma/release/onig.wasm"));
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  }
  return onigReady;
}

async function loadGrammar(host: object, inject: boolean): Promise<vsctm.IGrammar> {
  await loadOniguruma();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === "source.ts") return vsctm.parseRawGrammar(JSON.stringify(host), "host.json");
      if (scopeName === "convex.injection") return vsctm.parseRawGrammar(readFileSync(INJECTION, "utf8"), INJECTION);
      return null;
    },
    getInjections: (scopeName) => (inject && scopeName === "source.ts" ? ["convex.injection"] : undefined),
  });
  const grammar = await registry.loadGrammar("source.ts");
  assert.ok(grammar);
  return grammar;
}

interface Token {
  text: string;
  scopes: string[];
  line: number;
  start: number;
}

function tokenize(grammar: vsctm.IGrammar, lines: string[]): Token[] {
  const out: Token[] = [];
  let state = vsctm.INITIAL;
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: i, start: t.startIndex });
    state = r.ruleStack;
  });
  return out;
}

const isConvex = (scope: string) => scope.endsWith(".convex");

interface Case {
  name: string;
  lines: string[];
  /** [line, token text, scopes the token must carry] */
  scoped: [number, string, string[]][];
  /** [line, text]: no token overlapping the first occurrence of `text` on that line has a Convex scope (but the table-key region's). */
  plain?: [number, string][];
}

const TABLE = "entity.name.type.table.convex";
const INDEX = "entity.other.attribute-name.index.convex";
const RULE = "variable.other.constant.rule-id.convex";
const DIRECTIVE = "keyword.other.directive.convex";

const CASES: Case[] = [
  {
    name: '"use node" directive',
    lines: ['"use node";', 'const s = "use node";'],
    scoped: [[0, '"use node"', ["keyword.control.directive.use-node.convex"]]],
    plain: [[1, "use node"]],
  },
  {
    name: "convex-disable-next-line with rule ids and a reason",
    lines: ["// convex-disable-next-line no-filter-in-query, prefer-internal -- the table is tiny", "  // convex-disable-next-line", "const x = 1;"],
    scoped: [
      [0, "//", ["comment.line.double-slash.convex", "meta.suppression.convex", "punctuation.definition.comment.convex"]],
      [0, "convex-disable-next-line", ["comment.line.double-slash.convex", "meta.suppression.convex", DIRECTIVE]],
      [0, "no-filter-in-query", ["meta.suppression.convex", RULE]],
      [0, ",", ["punctuation.separator.comma.convex"]],
      [0, "prefer-internal", ["meta.suppression.convex", RULE]],
      [0, " --", ["punctuation.separator.reason.convex"]],
      [0, " the table is tiny", ["meta.suppression.convex", "meta.reason.convex"]],
      [1, "convex-disable-next-line", ["meta.suppression.convex", DIRECTIVE]],
    ],
    plain: [[2, "const"]],
  },
  {
    name: "/* convex-disable */ for the whole file",
    lines: ["/* convex-disable no-collect-in-query -- small table */", "/* convex-disable */"],
    scoped: [
      [0, "/*", ["comment.block.convex", "meta.suppression.convex", "punctuation.definition.comment.begin.convex"]],
      [0, "convex-disable", ["meta.suppression.convex", DIRECTIVE]],
      [0, "no-collect-in-query", ["comment.block.convex", RULE]],
      [0, " small table ", ["meta.reason.convex"]],
      [0, "*/", ["punctuation.definition.comment.end.convex"]],
      [1, "convex-disable", [DIRECTIVE]],
    ],
  },
  {
    name: "other comments and strings are left alone",
    lines: ["// this mentions convex-disable-next-line in passing", 'const s = "ctx.db.query(\\"tasks\\") v.string()";', "/* see ctx.db.query(\"tasks\") */"],
    scoped: [],
    plain: [[0, "convex-disable-next-line"], [1, "tasks"], [1, "string"], [2, "tasks"]],
  },
  {
    name: "table names in ctx.db calls",
    lines: [
      'const a = await ctx.db.query("tasks").withIndex("by_userId", (q) => q.eq("userId", id)).take(10);',
      "const b = await ctx.db",
      "  .query('messages')",
      '  .withSearchIndex("search_body", (q) => q.search("body", text));',
      'await db.insert("files", { name });',
      'const t = await ctx.db.get("jobs", id);',
      'const r = pool.query("SELECT 1"); const u = foo.query("users");',
    ],
    scoped: [
      [0, '"', ["string.quoted.convex", "punctuation.definition.string.begin.convex"]],
      [0, "tasks", ["string.quoted.convex", TABLE]],
      [0, "by_userId", ["string.quoted.convex", INDEX]],
      [2, "messages", [TABLE]],
      [3, "search_body", [INDEX]],
      [4, "files", [TABLE]],
      [5, "jobs", [TABLE]],
    ],
    plain: [[0, '"userId"'], [3, '"body"'], [6, "SELECT"], [6, "users"]],
  },
  {
    name: "schema: table keys, validators, v.id, indexes",
    lines: [
      "export default defineSchema({",
      '  tasks: defineTable({ text: v.string(), userId: v.id("users"), n: v.optional(v.number()) })',
      '    .index("by_userId", ["userId"])',
      '    .searchIndex("search_text", { searchField: "text" }),',
      '  "notes": defineTable({ embedding: v.array(v.float64()) }).vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 1536 }),',
      "});",
    ],
    scoped: [
      [1, "tasks", ["meta.object-literal.key.convex", TABLE]],
      [1, "v", ["support.variable.validators.convex"]],
      [1, "string", ["support.function.validator.convex"]],
      [1, "id", ["support.function.validator.convex"]],
      [1, "users", [TABLE]],
      [1, "optional", ["support.function.validator.convex"]],
      [1, "number", ["support.function.validator.convex"]],
      [2, "by_userId", [INDEX]],
      [3, "search_text", [INDEX]],
      [4, "notes", ["string.quoted.convex", TABLE]],
      [4, "float64", ["support.function.validator.convex"]],
      [4, "by_embedding", [INDEX]],
    ],
    plain: [[1, "text"], [2, '"userId"'], [4, '"embedding"'], [5, "}"]],
  },
  {
    name: "Id<\"t\">, Doc<\"t\"> and ctx.vectorSearch",
    lines: ['const id: Id<"tasks"> = x; let d: Doc<\'users\'>;', 'const r = await ctx.vectorSearch("notes", "by_embedding", { vector });', "const w = x.string();"],
    scoped: [
      [0, "tasks", [TABLE]],
      [0, "users", [TABLE]],
      [1, "notes", [TABLE]],
      [1, "by_embedding", [INDEX]],
    ],
    plain: [[2, "string"]],
  },
];

function runCases(label: string, host: () => object | undefined) {
  describe(label, () => {
    let grammar: vsctm.IGrammar | undefined;
    before(async () => {
      const h = host();
      if (h) grammar = await loadGrammar(h, true);
    });
    for (const c of CASES) {
      test(c.name, (t) => {
        if (!grammar) return t.skip("VS Code's TypeScript grammar is not installed (npm run e2e:setup)");
        const tokens = tokenize(grammar, c.lines);
        for (const [line, text, scopes] of c.scoped) {
          const token = tokens.find((tk) => tk.line === line && tk.text === text && scopes.every((s) => tk.scopes.includes(s)));
          const onLine = tokens.filter((tk) => tk.line === line).map((tk) => `${JSON.stringify(tk.text)} ${tk.scopes.slice(1).join(" ")}`);
          assert.ok(token, `line ${line}: a token ${JSON.stringify(text)} with ${scopes.join(", ")}\n${onLine.join("\n")}`);
        }
        for (const [line, text] of c.plain ?? []) {
          const at = c.lines[line].indexOf(text);
          assert.ok(at >= 0, `${text} is on line ${line}`);
          const overlapping = tokens.filter((tk) => tk.line === line && tk.start < at + text.length && tk.start + tk.text.length > at);
          assert.deepEqual(overlapping.filter((tk) => tk.scopes.some((s) => isConvex(s) && s !== "meta.object.member.table.convex")).map((tk) => `${tk.text}: ${tk.scopes.join(" ")}`), [], `line ${line} ${text}`);
        }
      });
    }
  });
}

describe("convex.injection grammar", () => {
  test("is the grammar the manifest contributes, injected into TS and TSX outside comments and strings", () => {
    const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));
    const grammar = JSON.parse(readFileSync(INJECTION, "utf8"));
    assert.deepEqual(manifest.contributes.grammars, [
      { scopeName: "convex.injection", path: "./syntaxes/convex.injection.tmLanguage.json", injectTo: ["source.ts", "source.tsx"] },
    ]);
    assert.equal(grammar.scopeName, "convex.injection");
    assert.equal(grammar.injectionSelector, "L:source.ts -comment -string, L:source.tsx -comment -string");
  });

  runCases("with a minimal TypeScript host grammar", () => MINIMAL_TS);
  runCases("with VS Code's TypeScript grammar", () => (existsSync(REAL_TS) ? JSON.parse(readFileSync(REAL_TS, "utf8")) : undefined));

  test("with VS Code's TypeScript grammar, every snippet tokenises as without the injection but for the Convex tokens", async (t) => {
    if (!existsSync(REAL_TS)) return t.skip("VS Code's TypeScript grammar is not installed (npm run e2e:setup)");
    const host = JSON.parse(readFileSync(REAL_TS, "utf8"));
    const [withInjection, without] = [await loadGrammar(host, true), await loadGrammar(host, false)];
    const snippets = JSON.parse(readFileSync(resolve(REPO_ROOT, "snippets/convex.code-snippets"), "utf8")) as Record<string, { body: string[] }>;
    const texts = [...Object.values(snippets).map((s) => expandSnippet(s.body, { variables: { TM_FILENAME_BASE: "jobs" } })), CASES.flatMap((c) => c.lines).join("\n")];
    // Scopes per character; the table-key region replaces TypeScript's object-member meta scope.
    const perChar = (tokens: Token[]) => {
      const map = new Map<string, string[]>();
      for (const tk of tokens) {
        for (let i = 0; i < tk.text.length; i++) map.set(`${tk.line}:${tk.start + i}`, tk.scopes.filter((s) => s !== "meta.object.member.ts"));
      }
      return map;
    };
    let convexChars = 0;
    for (const text of texts) {
      const lines = text.split("\n");
      const a = perChar(tokenize(withInjection, lines));
      const b = perChar(tokenize(without, lines));
      for (const [at, scopes] of a) {
        if (isConvex(scopes[scopes.length - 1])) {
          convexChars++;
          continue;
        }
        const host = scopes.filter((s) => !isConvex(s));
        const [line, column] = at.split(":").map(Number);
        assert.deepEqual(host, b.get(at), `${JSON.stringify(lines[line])} column ${column}`);
      }
    }
    assert.ok(convexChars > 500, `${convexChars} characters carry a Convex scope`);
  });
});
