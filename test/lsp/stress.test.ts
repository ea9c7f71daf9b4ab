// Stress through LSP: thousands of rapid edits across several open files of the demo (seeded random
// typing, pasting, deleting; half-typed code most of the time), interleaved with code action,
// hover, definition, references and completion requests. Afterwards:
//   - every file's last published diagnostics equal a fresh analysis (the CLI's) of the final texts;
//   - every publish for an open document names a version, versions never go backwards, and the last
//     one is the last version sent;
//   - every answer in the storm was computed on the version the request was sent against (versioned
//     edits name it, ranges lie inside that text);
//   - the server's heap after GC is back within 20 MB of where it started.
// Figures go to the test log (`[stress] …`).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { resolve } from "node:path";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Location,
  type LocationLink,
  type Range,
} from "vscode-languageserver-protocol/node";
import { runCheck } from "../../server/src/cli/check";
import { nodeFileSystem } from "../../server/src/project/fileSystem";
import { copyFixture, REPO_ROOT, type TempProject } from "../support/demo";
import { random } from "../support/random";
import { TestLspClient, uri } from "./client";

const EDITS = Number(process.env.CONVEX_STRESS_EDITS ?? 5_000);
const SEED = Number(process.env.CONVEX_STRESS_SEED ?? 20_260_515);
/** One request every this many edits on average. */
const REQUEST_EVERY = 8;
const MEMORY_SLACK_BYTES = 20 * 1024 * 1024;
/** Modules of the functions folder, and a client file (whose calls decide prefer-internal; it gets no diagnostics). */
const FILES = ["convex/tasks.ts", "convex/users.ts", "convex/jobs.ts", "convex/files.ts", "convex/schema.ts", "src/App.tsx"];
const published = (file: string) => file.startsWith("convex/");
const log = (message: string) => console.log(`[stress] ${message}`);

/** Convex-flavoured fragments, typed or pasted at random places (so mostly into the middle of something). */
const FRAGMENTS = [
  'ctx.db.query("tasks")',
  '.filter((q) => q.eq(q.field("userId"), args.userId))',
  '.withIndex("by_user", (q) => q.eq("userId", args.userId))',
  '.withIndex("by_nothing", (q) => q.eq("text", "x"))',
  ".collect()",
  ".take(10)",
  "await ",
  '"use node";\n',
  'import { internal } from "./_generated/api";\n',
  'import { action, query, mutation } from "./_generated/server";\n',
  '\nexport const listAll = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").collect() });\n',
  '\nexport const stats = query(async (ctx) => { await ctx.db.insert("stats", { at: Date.now() }); });\n',
  '\nexport const ping = action({ args: {}, handler: async (ctx) => { await fetch("https://example.com"); ctx.db.get(args.id); } });\n',
  "v.any()",
  "v.string()",
  'v.id("users")',
  'fetch("https://api.example.com")',
  "Date.now()",
  "Math.random()",
  "ctx.scheduler.runAfter(0, api.jobs.run, {})",
  "internal.jobs.run",
  "api.jobs.run",
  '.index("by_text", ["text"])',
  '\n  notes: defineTable({ body: v.string(), authorId: v.id("users") }),\n',
  "// convex-disable-next-line no-filter-in-query\n",
  "/* convex-disable require-args-validator */\n",
  'const apiKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";\n',
  "{", "}", "(", ")", "[", "]", ",", ";", "\n", "  ", '"', "'", "`", "/*", "*/", "//", "=>", ".", "é",
];

interface Doc {
  path: string;
  /** Whether the server publishes diagnostics for it (modules do, client files do not). */
  published: boolean;
  original: string;
  text: string;
  /** Text of every version sent, to check what the server answered against. */
  texts: Map<number, string>;
}

interface Pending {
  kind: string;
  file: string;
  /** The version of every open document when the request was sent. */
  versions: Map<string, number>;
  answer: Promise<unknown>;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Whether `range` lies inside `text` (lines exist, characters within their line). */
function inside(text: string, range: Range): boolean {
  const starts = lineStarts(text);
  const ok = (p: { line: number; character: number }) => {
    if (p.line < 0 || p.line >= starts.length || p.character < 0) return false;
    const end = p.line + 1 < starts.length ? starts[p.line + 1] - 1 : text.length;
    return starts[p.line] + p.character <= end;
  };
  const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && before;
}

const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const describeDiagnostics = (list: readonly Diagnostic[]) => list.map((d) => `${d.code} ${rangeKey(d.range)} ${d.message}`).sort();

/** Offsets that do not split a surrogate pair or a CRLF. */
function safeOffset(text: string, offset: number): number {
  const code = text.charCodeAt(offset - 1);
  return offset > 0 && offset < text.length && code >= 0xd800 && code <= 0xdbff ? offset + 1 : offset;
}

describe("language server under an edit storm", () => {
  let demo: TempProject;
  let fresh: TempProject | undefined;
  let client: TestLspClient;
  before(async () => {
    demo = copyFixture("examples/demo");
    client = await TestLspClient.start(demo.root, {}, {
      execArgv: ["--expose-gc", "-r", resolve(REPO_ROOT, "test/support/preload/memoryProbe.cjs")],
      ipc: true,
    });
  });
  after(async () => {
    await client.stop();
    demo.dispose();
    fresh?.dispose();
  });

  test(`${EDITS} seeded edits across ${FILES.length} files with requests in between: no stale answers, the final diagnostics are a fresh analysis, memory returns`, { timeout: 120_000 }, async () => {
    const next = random(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const docs: Doc[] = FILES.map((f) => {
      const text = demo.read(f);
      return { path: demo.path(f), published: published(f), original: text, text, texts: new Map([[1, text]]) };
    });
    for (const doc of docs) await client.open(doc.path, doc.text);
    const settled = (what: string) =>
      client.waitFor(what, () => docs.filter((d) => d.published).every((d) => client.publishedVersions.get(uri(d.path))?.at(-1) === client.versionOf(d.path)), 60_000);
    await settled("the first diagnostics of every open file");
    // Let the start-up work (the panel's change notification, JIT warm-up) finish before measuring.
    await new Promise((r) => setTimeout(r, 500));
    const memoryBefore = await client.memory();

    const pending: Pending[] = [];
    const sendRequest = (doc: Doc) => {
      const versions = new Map(docs.map((d) => [d.path, client.versionOf(d.path)!]));
      const offset = Math.floor(next() * (doc.text.length + 1));
      const position = positionOf(doc.text, offset);
      const textDocument = { uri: uri(doc.path) };
      const kind = pick(["codeAction", "codeAction", "fixAll", "refactor", "hover", "definition", "references", "completion"]);
      let answer: Promise<unknown>;
      if (kind === "codeAction" || kind === "fixAll" || kind === "refactor") {
        const end = positionOf(doc.text, Math.min(doc.text.length, offset + Math.floor(next() * 60)));
        // What an editor sends: the diagnostics it shows under the cursor, possibly from an older version.
        const shown = client.diagnostics.get(uri(doc.path)) ?? [];
        answer = client.connection.sendRequest(CodeActionRequest.type, {
          textDocument,
          range: { start: position, end },
          context: {
            diagnostics: kind === "codeAction" ? shown : [],
            only: kind === "fixAll" ? ["source.fixAll.convex"] : kind === "refactor" ? ["refactor"] : undefined,
          },
        });
      } else if (kind === "hover") {
        answer = client.connection.sendRequest(HoverRequest.type, { textDocument, position });
      } else if (kind === "definition") {
        answer = client.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
      } else if (kind === "references") {
        answer = client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } });
      } else {
        answer = client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
      }
      pending.push({ kind, file: doc.path, versions, answer });
    };

    const t0 = Date.now();
    let sentEdits = 0;
    let noOps = 0;
    const edit = async (doc: Doc, start: number, end: number, text: string) => {
      start = safeOffset(doc.text, start);
      end = Math.max(start, safeOffset(doc.text, end));
      const range = { start: positionOf(doc.text, start), end: positionOf(doc.text, end) };
      if (doc.text.slice(start, end) === text) noOps++;
      doc.text = doc.text.slice(0, start) + text + doc.text.slice(end);
      const version = await client.edit(doc.path, [{ range, text }]);
      doc.texts.set(version, doc.text);
      sentEdits++;
      if (next() < 1 / REQUEST_EVERY) sendRequest(pick(docs));
    };
    while (sentEdits < EDITS) {
      const doc = pick(docs);
      const r = next();
      const at = Math.floor(next() * (doc.text.length + 1));
      if (r < 0.35) {
        // Typing a fragment a character at a time: every intermediate state is half-typed code.
        const fragment = pick(FRAGMENTS);
        for (let i = 0; i < fragment.length && sentEdits < EDITS; i++) await edit(doc, at + i, at + i, fragment[i]);
      } else if (r < 0.55) {
        await edit(doc, at, at, pick(FRAGMENTS));
      } else if (r < 0.8) {
        // Backspacing a few characters, or cutting a span.
        const length = next() < 0.7 ? 1 + Math.floor(next() * 3) : Math.floor(next() * 80);
        await edit(doc, Math.max(0, at - length), at, "");
      } else if (r < 0.93) {
        const length = Math.floor(next() * 30);
        await edit(doc, at, Math.min(doc.text.length, at + length), pick(FRAGMENTS));
      } else if (r < 0.96) {
        // An edit that leaves the text as it was (the editor still sends a new version).
        const length = Math.floor(next() * 10);
        await edit(doc, at, Math.min(doc.text.length, at + length), doc.text.slice(at, at + length));
      } else {
        // Undo everything: the whole text back to the original.
        await edit(doc, 0, doc.text.length, doc.original);
      }
    }
    // End on code that says something: half the files get their original text plus one fragment.
    for (const doc of docs.filter(() => next() < 0.5)) {
      await edit(doc, 0, doc.text.length, doc.original);
      await edit(doc, doc.text.length, doc.text.length, pick(FRAGMENTS.filter((f) => f.startsWith("\nexport"))));
    }
    const sentIn = Date.now() - t0;
    const answers = await Promise.allSettled(pending.map((p) => p.answer));
    await settled("the diagnostics of every file's last version");
    const storm = Date.now() - t0;
    // The status notification and the panel's change notification follow the last publish.
    await new Promise((r) => setTimeout(r, 500));

    // 1. Every request was answered (no error) against the versions it was sent with.
    const failures = answers.flatMap((a, i) => (a.status === "rejected" ? [`${pending[i].kind}: ${a.reason}`] : []));
    assert.deepEqual(failures, [], "requests failed during the storm");
    const textAt = (file: string, versions: Map<string, number>) => docs.find((d) => d.path === file)!.texts.get(versions.get(file)!)!;
    const stale: string[] = [];
    let editsChecked = 0;
    let nonEmpty = 0;
    pending.forEach((p, i) => {
      const value = (answers[i] as PromiseFulfilledResult<unknown>).value;
      const openPath = (u: string) => docs.find((d) => uri(d.path) === u)?.path;
      const checkRange = (u: string, range: Range, what: string) => {
        const file = openPath(u);
        if (file && !inside(textAt(file, p.versions), range)) stale.push(`${p.kind} ${what}: ${rangeKey(range)} outside ${file}@${p.versions.get(file)}`);
      };
      if (p.kind === "codeAction" || p.kind === "fixAll" || p.kind === "refactor") {
        const actions = (value ?? []) as (CodeAction | Command)[];
        if (actions.length > 0) nonEmpty++;
        for (const action of actions) {
          if (!("edit" in action) || !action.edit) continue;
          for (const change of action.edit.documentChanges ?? []) {
            if (!("textDocument" in change)) continue;
            const file = openPath(change.textDocument.uri);
            const expected = file ? p.versions.get(file) : null;
            if (change.textDocument.version !== expected) stale.push(`${p.kind} "${action.title}": edit for version ${change.textDocument.version}, document at ${expected}`);
            for (const e of change.edits) {
              editsChecked++;
              if ("range" in e) checkRange(change.textDocument.uri, e.range, `"${action.title}"`);
            }
          }
          assert.equal(action.edit.changes, undefined, "edits are versioned documentChanges");
        }
      } else if (p.kind === "hover") {
        const hover = value as Hover | null;
        if (hover) nonEmpty++;
        if (hover?.range) checkRange(uri(p.file), hover.range, "hover");
      } else if (p.kind === "definition" || p.kind === "references") {
        const locations = (Array.isArray(value) ? value : value ? [value] : []) as (Location | LocationLink)[];
        if (locations.length > 0) nonEmpty++;
        for (const l of locations) {
          if ("uri" in l) checkRange(l.uri, l.range, p.kind);
          else checkRange(l.targetUri, l.targetRange, p.kind);
        }
      } else {
        const items = (Array.isArray(value) ? value : ((value as CompletionList | null)?.items ?? [])) as CompletionItem[];
        if (items.length > 0) nonEmpty++;
        for (const item of items) if (item.textEdit && "range" in item.textEdit) checkRange(uri(p.file), item.textEdit.range, "completion");
      }
    });
    assert.deepEqual(stale, [], "answers computed on another version than the request's");

    // 2. Publishes: versioned for open documents, never backwards, ranges inside their version's text.
    const backwards: string[] = [];
    let publishes = 0;
    for (const doc of docs.filter((d) => d.published)) {
      const versions = client.publishedVersions.get(uri(doc.path)) ?? [];
      const lists = client.published.get(uri(doc.path)) ?? [];
      publishes += versions.length;
      let last = 0;
      versions.forEach((v, i) => {
        if (v === undefined) backwards.push(`${doc.path}: publish #${i} has no version`);
        else {
          if (v < last) backwards.push(`${doc.path}: publish #${i} for version ${v} after ${last}`);
          last = v;
          for (const d of lists[i]) if (!inside(doc.texts.get(v)!, d.range)) backwards.push(`${doc.path}@${v}: ${d.code} at ${rangeKey(d.range)} is outside the text`);
        }
      });
      assert.equal(versions.at(-1), client.versionOf(doc.path), `${doc.path}: the last publish is for the last version sent`);
    }
    assert.deepEqual(backwards.slice(0, 20), [], "publishes out of order or off the text");

    // 3. The last diagnostics of every file equal a fresh analysis of the final texts by the CLI's engine.
    fresh = copyFixture("examples/demo");
    for (const doc of docs) fresh.write(FILES[docs.indexOf(doc)], doc.text);
    const check = runCheck(nodeFileSystem, fresh.root, [fresh.root], () => {});
    const expected = new Map<string, string[]>();
    for (const f of check.findings) {
      const relative = f.path.slice(fresh.root.length + 1);
      expected.set(relative, [...(expected.get(relative) ?? []), `${f.ruleId} ${rangeKey({ start: f.start, end: f.end })} ${f.message}`]);
    }
    const prefix = uri(demo.root) + "/";
    const actual = new Map<string, string[]>();
    for (const [u, list] of client.diagnostics) if (list.length > 0) actual.set(u.slice(prefix.length), describeDiagnostics(list));
    const files = [...new Set([...expected.keys(), ...actual.keys()])].sort();
    for (const file of files) {
      assert.deepEqual(actual.get(file) ?? [], (expected.get(file) ?? []).sort(), `${file}: last published diagnostics differ from a fresh analysis`);
    }
    const findings = [...expected.values()].reduce((n, l) => n + l.length, 0);
    assert.ok(findings > 0, "the final texts have findings to compare");

    // 4. Memory back within 20 MB of the start.
    const memoryAfter = await client.memory();
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    log(`${sentEdits} edits (${noOps} no-ops) across ${FILES.length} files, ${pending.length} requests (${nonEmpty} with an answer, ${editsChecked} versioned edits checked), ` +
      `sent in ${sentIn} ms, settled after ${storm} ms; ${publishes} publishes for open files; final: ${findings} findings in ${files.length} files`);
    log(`server heap after GC: ${mb(memoryBefore.heapUsed)} before, ${mb(memoryAfter.heapUsed)} after (${mb(memoryAfter.heapUsed - memoryBefore.heapUsed)}); ` +
      `rss ${mb(memoryBefore.rss)} → ${mb(memoryAfter.rss)}`);
    assert.ok(memoryAfter.heapUsed - memoryBefore.heapUsed < MEMORY_SLACK_BYTES, `heap grew by ${mb(memoryAfter.heapUsed - memoryBefore.heapUsed)}`);
    assert.ok(nonEmpty > pending.length / 10, `most requests answered nothing (${nonEmpty} of ${pending.length})`);
    assert.equal(client.exited, false);
    assert.ok(!client.log.some((l) => /failed|uncaught|unhandled rejection|could not analyse/.test(l)), `the server logged failures:\n${client.log.filter((l) => /failed|uncaught|unhandled rejection|could not analyse/.test(l)).join("\n").slice(0, 3000)}`);
  });
});
