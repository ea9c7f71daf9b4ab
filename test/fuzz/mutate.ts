// Mutations for the fuzzer: real modules cut, repeated and spliced at token boundaries (found with
// the TypeScript scanner, so most mutants are almost-code, the text an editor holds mid-keystroke),
// truncated, re-encoded, or replaced by another project's files. Every choice comes from the case's
// PRNG, so a case replays exactly from its seed and index.
import ts = require("typescript");

export type Rng = () => number;

/** An integer in [0, n). */
export const pick = (rng: Rng, n: number) => Math.floor(rng() * n);
export const choose = <T>(rng: Rng, items: readonly T[]): T => items[pick(rng, items.length)];

export interface Token {
  start: number;
  end: number;
  kind: ts.SyntaxKind;
}

const tokenCache = new Map<string, Token[]>();

/** The tokens of a text (trivia skipped), as offsets; the scanner never throws, whatever the text. */
export function tokensOf(text: string): Token[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens: Token[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    tokens.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd(), kind });
    if (tokens.length > 200_000) break;
  }
  // The corpus's texts are tokenised again and again; a mutant a few times. The oldest go first.
  if (tokenCache.size >= 500) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(text, tokens);
  return tokens;
}

/** Text an editor can hold: fragments that open or close constructs, odd characters, Convex calls. */
const SNIPPETS = [
  "{", "}", "(", ")", "[", "]", "`", "${", '"', "'", "/*", "*/", "//", "=>", ",", ";", ".", "?.", "!", "...", "<", ">",
  "async", "await", "export", "default", "const x =", "function", "return", "throw new Error()", "try {", "} catch {",
  "\n", "\r\n", "\r", "\u2028", "\ufeff", "\u0000", "\ud800", "é", "😀", "\t",
  '"use node";\n', "ctx", "ctx.db", 'ctx.db.query("tasks")', ".filter((q) => q.eq(q.field(\"a\"), 1))", '.withIndex("by_a", (q) => q.eq("a", 1))',
  ".collect()", ".unique()", "v.any()", 'v.id("tasks")', "v.string()", "v.optional(", "defineTable({", ".index(\"by_x\", [\"x\"])",
  "query({", "mutation({", "action({", "internalMutation({", "args: {},", "handler: async (ctx, args) => {", "api.", "internal.",
  "ctx.runQuery(", "ctx.runMutation(", "ctx.scheduler.runAfter(0, ", 'import { api } from "./_generated/api";\n',
  'import { query, mutation, action } from "./_generated/server";\n', 'import { v } from "convex/values";\n',
  'import schema from "./schema";\n', "fetch(\"https://example.com\")", "Date.now()", "Math.random()",
  "// convex-disable-next-line\n", "/* convex-disable */", "// eslint-disable-next-line @convex-dev/no-filter-in-query\n",
  '"sk_live_0123456789abcdef0123"', "export default defineSchema({",
];

export interface Mutation {
  /** What was done, for the failure report: `delete 3 tokens at 120`. */
  describe: string;
  apply(text: string): string;
}

/** A random token boundary (an offset between tokens, or the ends of the text). */
function boundary(rng: Rng, text: string): number {
  const tokens = tokensOf(text);
  if (tokens.length === 0) return pick(rng, text.length + 1);
  const i = pick(rng, tokens.length + 1);
  return i === tokens.length ? text.length : tokens[i].start;
}

/** A span of 1..max tokens: mostly short, now and then long. */
function tokenSpan(rng: Rng, text: string): Omit<Token, "kind"> | undefined {
  const tokens = tokensOf(text);
  if (tokens.length === 0) return undefined;
  const i = pick(rng, tokens.length);
  const r = rng();
  const length = r < 0.6 ? 1 + pick(rng, 3) : r < 0.9 ? 1 + pick(rng, 12) : 1 + pick(rng, 120);
  const last = tokens[Math.min(tokens.length - 1, i + length - 1)];
  return { start: tokens[i].start, end: last.end };
}

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

/** One random edit of `text`; `donors` are other texts to take spans from. */
export function randomMutation(rng: Rng, text: string, donors: readonly string[]): Mutation {
  const r = rng();
  if (r < 0.22) {
    const span = tokenSpan(rng, text);
    if (!span) return randomMutation(rng, "x", donors);
    return { describe: `delete tokens [${span.start}, ${span.end})`, apply: (t) => splice(t, span.start, span.end, "") };
  }
  if (r < 0.38) {
    const span = tokenSpan(rng, text);
    const at = boundary(rng, text);
    if (!span) return { describe: "noop", apply: (t) => t };
    const copy = text.slice(span.start, span.end);
    const where = rng() < 0.5 ? span.end : at;
    return { describe: `duplicate tokens [${span.start}, ${span.end}) at ${where}`, apply: (t) => splice(t, where, where, (where === span.end ? "" : " ") + copy) };
  }
  if (r < 0.58) {
    const donor = donors.length > 0 ? choose(rng, donors) : text;
    const span = tokenSpan(rng, donor);
    const at = boundary(rng, text);
    const insert = span ? donor.slice(span.start, span.end) : "";
    return { describe: `insert ${JSON.stringify(insert.slice(0, 60))}${insert.length > 60 ? "…" : ""} at ${at}`, apply: (t) => splice(t, at, at, ` ${insert} `) };
  }
  if (r < 0.66) {
    // A token replaced by one of the same kind from another file: an identifier, a string (a table
    // or index name), a keyword; the code often still parses, so rules and fixes see it whole.
    const tokens = tokensOf(text);
    if (tokens.length === 0) return { describe: "noop", apply: (t) => t };
    const target = choose(rng, tokens);
    for (let attempt = 0; attempt < 20; attempt++) {
      const donor = donors.length > 0 ? choose(rng, donors) : text;
      const candidates = tokensOf(donor);
      if (candidates.length === 0) continue;
      const other = candidates[pick(rng, candidates.length)];
      if (other.kind !== target.kind) continue;
      const insert = donor.slice(other.start, other.end);
      return { describe: `replace token [${target.start}, ${target.end}) with ${JSON.stringify(insert.slice(0, 60))}`, apply: (t) => splice(t, target.start, target.end, insert) };
    }
    return { describe: "noop", apply: (t) => t };
  }
  if (r < 0.70) {
    // Cut and paste: a span moved elsewhere.
    const span = tokenSpan(rng, text);
    if (!span) return { describe: "noop", apply: (t) => t };
    const rest = text.slice(0, span.start) + text.slice(span.end);
    const at = boundary(rng, rest);
    return { describe: `move [${span.start}, ${span.end}) to ${at} of the rest`, apply: (t) => { const cut = t.slice(0, span.start) + t.slice(span.end); return splice(cut, at, at, t.slice(span.start, span.end)); } };
  }
  if (r < 0.80) {
    const snippet = choose(rng, SNIPPETS);
    const at = boundary(rng, text);
    const replace = rng() < 0.3 ? tokenSpan(rng, text) : undefined;
    if (replace) return { describe: `replace [${replace.start}, ${replace.end}) with ${JSON.stringify(snippet)}`, apply: (t) => splice(t, replace.start, replace.end, snippet) };
    return { describe: `insert ${JSON.stringify(snippet)} at ${at}`, apply: (t) => splice(t, at, at, snippet) };
  }
  if (r < 0.86) {
    // Truncation: at a token boundary (a file being typed) or anywhere (a torn write, half a surrogate pair).
    const at = rng() < 0.6 ? boundary(rng, text) : pick(rng, text.length + 1);
    return { describe: `truncate at ${at}`, apply: (t) => t.slice(0, at) };
  }
  if (r < 0.92) {
    const at = pick(rng, text.length + 1);
    const length = 1 + pick(rng, 4);
    return { describe: `delete ${length} characters at ${at}`, apply: (t) => splice(t, at, at + length, "") };
  }
  const encodings: Mutation[] = [
    { describe: "CRLF line endings", apply: (t) => t.replace(/\r?\n/g, "\r\n") },
    { describe: "CR line endings", apply: (t) => t.replace(/\r?\n/g, "\r") },
    { describe: "BOM prefix", apply: (t) => "\ufeff" + t },
    { describe: "tabs for indentation", apply: (t) => t.replace(/^( {2})+/gm, (s) => "\t".repeat(s.length / 2)) },
    { describe: "trailing spaces and no final newline", apply: (t) => t.replace(/\n/g, "  \n").replace(/\s+$/, "") },
  ];
  return choose(rng, encodings);
}
