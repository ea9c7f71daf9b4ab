// Security: the language server and the CLI only read files. Nothing of the workspace is ever
// loaded or run, no process is started, no network is reached, nothing is written (except the
// files `check --fix` is asked to fix), and the extension says it works in untrusted workspaces.
//
// A workspace full of traps (modules, configs and packages that write a marker file when loaded)
// is analysed by the server over stdio, driven through everything an editor asks for, and by the
// CLI in every format and with --fix. Both run with test/support/preload/watch.cjs, which records
// every module load, process, eval, network and file-system write attempt; the server's open file
// descriptors are also checked at the OS level (its stdio are socketpairs, which must be the only
// sockets it holds).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import * as ts from "typescript";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { DIR_ENV as CODE_CACHE_DIR_ENV } from "../../server/src/boot/codeCache";
import { REPO_ROOT } from "../support/demo";
import { TestLspClient, uri } from "../lsp/client";

const WATCH = join(REPO_ROOT, "test/support/preload/watch.cjs");
const CLI = join(REPO_ROOT, "dist/cli.js");

interface Event {
  kind: "load" | "process" | "eval" | "net" | "fs";
  detail: string;
  pid: number;
}

/** A statement that leaves a marker named `name` when it runs. */
const trap = (markers: string, name: string) => `require("fs").writeFileSync(${JSON.stringify(join(markers, name))}, "ran");`;

/** The demo plus, everywhere a tool might load code from, code that leaves a marker when loaded. */
function trappedWorkspace(root: string, markers: string): void {
  cpSync(join(REPO_ROOT, "examples/demo"), root, { recursive: true });
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  // Modules of the functions folder, with top-level side effects and imports of trapped modules.
  write("convex/sideEffects.ts", [
    'import { query } from "./_generated/server";',
    'import "./evil.js";',
    'import helper from "../lib/helper.cjs";',
    trap(markers, "convex-sideEffects.ts"),
    "export const getEverything = query(async (ctx) => { helper(); return await ctx.db.query(\"tasks\").collect(); });",
    "",
  ].join("\n"));
  write("convex/evil.js", `${trap(markers, "convex-evil.js")}\nmodule.exports = {};\n`);
  write("convex/evil.mjs", `import fs from "node:fs";\nfs.writeFileSync(${JSON.stringify(join(markers, "convex-evil.mjs"))}, "ran");\nexport {};\n`);
  write("convex/convex.config.ts", `import { defineApp } from "convex/server";\n${trap(markers, "convex.config.ts")}\nconst app = defineApp();\nexport default app;\n`);
  write("convex/auth.config.ts", `${trap(markers, "auth.config.ts")}\nexport default { providers: [] };\n`);
  write("convex/_generated/api.js", `${trap(markers, "_generated-api.js")}\nexports.api = {};\nexports.internal = {};\n`);
  write("convex/_generated/server.js", `${trap(markers, "_generated-server.js")}\n`);
  write("lib/helper.cjs", `${trap(markers, "lib-helper.cjs")}\nmodule.exports = () => {};\n`);
  // Project and tool configuration that other tools execute.
  write("package.json", JSON.stringify({
    name: "trapped",
    main: "index.js",
    scripts: { preinstall: `node -e '${trap(markers, "preinstall")}'`, postinstall: "node index.js", prepare: "node index.js" },
    dependencies: { convex: "^1.31.0" },
  }, null, 2));
  write("index.js", trap(markers, "index.js"));
  write("tsconfig.json", JSON.stringify({ extends: "./tsconfig.base.js", compilerOptions: { plugins: [{ name: "evil-ts-plugin" }] } }));
  write("tsconfig.base.js", trap(markers, "tsconfig.base.js"));
  write("convex/tsconfig.json", JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { plugins: [{ name: "evil-ts-plugin" }] } }));
  for (const config of ["eslint.config.js", ".eslintrc.js", "prettier.config.js", "babel.config.js", "vite.config.ts", "next.config.js", "jest.config.js", ".convex-guidelines.js", "convex-guidelines.config.js"]) {
    write(config, trap(markers, config));
  }
  write("convex-guidelines.json", JSON.stringify({ rules: { "function-naming": "warning" }, plugins: ["./index.js"], extends: "./index.js" }));
  // Packages a resolver could load: the convex package itself and a TypeScript plugin.
  write("node_modules/convex/package.json", JSON.stringify({ name: "convex", version: "1.31.0", main: "index.js", exports: { ".": "./index.js", "./server": "./server.js", "./values": "./values.js" } }));
  for (const file of ["index.js", "server.js", "values.js"]) write(`node_modules/convex/${file}`, trap(markers, `node_modules-convex-${file}`));
  write("node_modules/evil-ts-plugin/package.json", JSON.stringify({ name: "evil-ts-plugin", version: "1.0.0", main: "index.js" }));
  write("node_modules/evil-ts-plugin/index.js", trap(markers, "evil-ts-plugin"));
  write("node_modules/.bin/convex", `#!/bin/sh\nnode -e '${trap(markers, "bin-convex")}'\n`);
  // Client code that imports the trapped modules.
  write("src/Evil.tsx", `import "../convex/evil.js";\nimport helper from "../lib/helper.cjs";\nhelper();\nexport const x = 1;\n`);
}

function readEvents(logFile: string): Event[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Event);
}

/** Sockets among a process's open file descriptors, as `inode → table` (unix, tcp, tcp6, udp, …). */
function socketsOf(pid: number): Map<string, string> {
  const inodes: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m) inodes.push(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const tables = new Map<string, string>();
  for (const table of ["unix", "tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6", "netlink", "packet"]) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // The inode column: 7th in unix, 10th in tcp/udp/raw, 10th in packet, 9th in netlink.
      const inode = table === "unix" ? cols[6] : table === "netlink" ? cols[8] : table === "packet" ? cols[8] : cols[9];
      if (inode && inodes.includes(inode)) tables.set(inode, table);
    }
  }
  return new Map(inodes.map((inode) => [inode, tables.get(inode) ?? "unknown"]));
}

describe("the detectors", () => {
  test("watch.cjs records a workspace module loaded, a process, eval, a connect, a listen, a DNS lookup, an http request and a write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "convex-guidelines-watch-"));
    try {
      const log = join(dir, "watch.jsonl");
      writeFileSync(join(dir, "module.js"), "module.exports = 1;\n");
      const script = [
        `require(${JSON.stringify(join(dir, "module.js"))});`,
        'require("child_process").spawnSync("true");',
        'eval("1");',
        'const net = require("net");',
        'net.connect(9, "127.0.0.1").on("error", () => {});',
        'const server = net.createServer().listen(0, "127.0.0.1", () => server.close());',
        'require("dns").lookup("localhost", () => {});',
        'require("http").get("http://127.0.0.1:9/").on("error", () => {});',
        `require("fs").writeFileSync(${JSON.stringify(join(dir, "written"))}, "x");`,
      ].join("\n");
      writeFileSync(join(dir, "script.js"), script);
      const run = spawnSync(process.execPath, ["-r", WATCH, join(dir, "script.js")], { env: { ...process.env, CONVEX_WATCH_LOG: log }, encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      const seen = readEvents(log).map((e) => `${e.kind} ${e.detail.split(" ")[0]}`);
      for (const expected of ["load " + join(dir, "script.js"), "load " + join(dir, "module.js"), "process spawnSync", "eval eval", "net connect", "net listen", "net lookup", "net get", "fs writeFileSync"]) {
        assert.ok(seen.includes(expected), `${expected} not in ${JSON.stringify(seen)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the /proc check tells a TCP socket from a unix socketpair", async () => {
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      assert.ok([...socketsOf(process.pid).values()].includes("tcp"), JSON.stringify([...socketsOf(process.pid)]));
    } finally {
      server.close();
    }
  });
});

describe("the server and the CLI on a workspace full of traps", () => {
  let dir: string;
  let root: string;
  let markers: string;
  let serverLog: string;
  /** Where the server and the CLI keep V8's code cache of their own bundle: the one folder they may write to. */
  let codeCache: string;
  let client: TestLspClient;
  /** Sockets the server held while it was serving, sampled after every step. */
  const sockets = new Map<string, string>();
  const answers: unknown[] = [];
  const published = new Map<string, Diagnostic[]>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "convex-guidelines-sandbox-"));
    root = join(dir, "workspace");
    markers = join(dir, "markers");
    mkdirSync(markers);
    trappedWorkspace(root, markers);
    serverLog = join(dir, "server-watch.jsonl");
    codeCache = join(dir, "code-cache");
    client = await TestLspClient.start(root, {}, { execArgv: ["-r", WATCH], env: { ...process.env, CONVEX_WATCH_LOG: serverLog, [CODE_CACHE_DIR_ENV]: codeCache } });
    const sample = () => {
      for (const [inode, table] of socketsOf(client.pid!)) sockets.set(inode, table);
    };
    sample();
    const open = ["convex/sideEffects.ts", "convex/evil.js", "convex/convex.config.ts", "convex/auth.config.ts", "convex/tasks.ts", "convex/schema.ts", "src/Evil.tsx"];
    for (const file of open) await client.open(join(root, file), readFileSync(join(root, file), "utf8"));
    await client.diagnosticsFor(join(root, "convex/sideEffects.ts"), "findings in the trapped module", (l) => l.some((d) => d.code === "no-old-registered-function-syntax"));
    await client.diagnosticsFor(join(root, "convex/tasks.ts"), "the demo's findings", (l) => l.some((d) => d.code === "unknown-index"));
    sample();
    // Everything an editor asks for, on every diagnostic and at every import of a trapped module.
    for (const file of open) {
      const path = join(root, file);
      const textDocument = { uri: uri(path) };
      const diagnostics = client.diagnostics.get(uri(path)) ?? [];
      for (const d of diagnostics) {
        answers.push(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: d.range, context: { diagnostics: [d] } }));
      }
      answers.push(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ["source.fixAll.convex"] } }));
      const lines = readFileSync(path, "utf8").split("\n");
      for (let line = 0; line < lines.length; line++) {
        for (const needle of ["evil", "helper", "query", '"tasks"', "api."]) {
          const character = lines[line].indexOf(needle);
          if (character < 0) continue;
          const position = { line, character: character + 1 };
          answers.push(await client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
          answers.push(await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }));
          answers.push(await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }));
          answers.push(await client.connection.sendRequest(CompletionRequest.type, { textDocument, position }));
          answers.push(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [], only: ["refactor"] } }));
        }
      }
      // An edit, so the incremental paths run too.
      await client.change(path, `${readFileSync(path, "utf8")}\n// edited\n`);
    }
    for (const method of ["convex/schemaTree", "convex/functionsTree", "convex/rules"]) answers.push(await client.connection.sendRequest(method));
    await client.fileChanged(join(root, "convex-guidelines.json"), 2);
    await client.fileChanged(join(root, "node_modules/convex/package.json"), 2);
    await client.waitFor("the status after the last change", () => client.notifications.filter((n) => n.method === "convex/status").length >= 3);
    sample();
    for (const [u, list] of client.diagnostics) published.set(u, list);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the server analysed the trapped modules: they have findings, and requests were answered", () => {
    assert.ok((published.get(uri(join(root, "convex/sideEffects.ts"))) ?? []).length > 0);
    assert.ok(answers.length > 50, `${answers.length} answers`);
    assert.equal(client.exited, false);
  });

  test("the server loads no module but its own bundle, starts no process, evaluates no string, writes nothing but its code cache", () => {
    const events = readEvents(serverLog).filter((e) => !(e.kind === "fs" && inCodeCache(e.detail)));
    // dist/server.js compiles dist/server-main.js itself (through V8's code cache): the one vm.Script.
    assert.deepEqual(events.map((e) => `${e.kind} ${e.detail}`), [
      `load ${join(REPO_ROOT, "dist/server.js")} (main) from -`,
      `eval vm.Script ${join(REPO_ROOT, "dist/server-main.js")}`,
    ]);
  });

  test("the server reaches no network: no connect, listen, DNS or http(s) attempt, and the only sockets it holds are its stdio socketpairs", () => {
    assert.deepEqual(readEvents(serverLog).filter((e) => e.kind === "net"), []);
    assert.ok(sockets.size >= 2, "stdin and stdout of a child started with pipes are socketpairs: seen by this check");
    const network = [...sockets].filter(([, table]) => table !== "unix");
    assert.deepEqual(network, [], `sockets other than unix socketpairs: ${JSON.stringify([...sockets])}`);
  });

  test("the CLI, in every format and with --fix, runs nothing from the workspace and reaches no network", () => {
    const cliLog = join(dir, "cli-watch.jsonl");
    const env = { ...process.env, CONVEX_WATCH_LOG: cliLog, [CODE_CACHE_DIR_ENV]: codeCache };
    for (const args of [["check", root], ["check", root, "--format", "json"], ["check", root, "--format", "sarif"], ["check", join(root, "convex/sideEffects.ts")]]) {
      const run = spawnSync(process.execPath, ["-r", WATCH, CLI, ...args], { cwd: root, env, encoding: "utf8" });
      assert.ok(run.status === 0 || run.status === 1, `${args.join(" ")} exited ${run.status}: ${run.stderr}`);
      assert.match(run.stdout, /sideEffects\.ts/);
    }
    const checkEvents = readEvents(cliLog).filter((e) => !(e.kind === "fs" && inCodeCache(e.detail)));
    assert.deepEqual(checkEvents.map((e) => `${e.kind} ${e.detail}`), Array(4).fill([`load ${CLI} (main) from -`, `eval vm.Script ${join(REPO_ROOT, "dist/cli-main.js")}`]).flat());
    // --fix writes the fixed files, and nothing else.
    rmSync(cliLog, { force: true });
    const fixRoot = join(dir, "fix");
    cpSync(root, fixRoot, { recursive: true });
    const run = spawnSync(process.execPath, ["-r", WATCH, CLI, "check", fixRoot, "--fix"], { cwd: fixRoot, env, encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `--fix exited ${run.status}: ${run.stderr}`);
    assert.match(run.stderr, /applied [1-9]\d* fix/);
    const fixEvents = readEvents(cliLog).filter((e) => !(e.kind === "load" && e.detail === `${CLI} (main) from -`) && !(e.kind === "eval" && e.detail.endsWith("dist/cli-main.js")) && !(e.kind === "fs" && inCodeCache(e.detail)));
    assert.ok(fixEvents.length > 0, "--fix wrote files");
    for (const e of fixEvents) {
      assert.equal(e.kind, "fs", `${e.kind} ${e.detail}`);
      const target = /^(?:writeFileSync|mkdirSync) (\S+)/.exec(e.detail)?.[1];
      assert.ok(target && !relative(join(fixRoot, "convex"), target).startsWith(".."), `--fix touched ${e.detail}`);
    }
  });

  /** An fs event on the code cache folder or a file in it (`mkdirSync <dir> …`, `renameSync <tmp> <file>`). */
  const inCodeCache = (detail: string) => {
    const paths = detail.split(" ").slice(1).filter((p) => p.startsWith("/"));
    return paths.length > 0 && paths.every((p) => p === codeCache || p.startsWith(codeCache + "/"));
  };

  test("no trap went off: the marker folder is empty", () => {
    assert.deepEqual(readdirSync(markers), []);
  });
});

// --- what the bundles and our sources contain ---

/** The bundle cut into the modules it was made of (esbuild marks each with a `// path` comment). */
function bundleSections(bundle: string): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  const marker = /^\/\/ (\S+\.(?:[cm]?js|tsx?|json))$/gm;
  let last = { source: "(prelude)", start: 0 };
  for (const m of bundle.matchAll(marker)) {
    out.push({ source: last.source, text: bundle.slice(last.start, m.index) });
    last = { source: m[1], start: m.index! };
  }
  out.push({ source: last.source, text: bundle.slice(last.start) });
  return out;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isDependency = (source: string, name: string) => new RegExp(`(^|/)node_modules/${name.replace(/[/.]/g, "\\$&")}/`).test(source);

describe("what the server and CLI bundles contain", () => {
  test("dist/server.js and dist/cli.js only load the bundle next to them: code of ours alone, built-ins alone", () => {
    for (const [entry, bundle] of [["dist/server.js", "server-main.js"], ["dist/cli.js", "cli-main.js"]]) {
      const text = readFileSync(join(REPO_ROOT, entry), "utf8");
      const sections = bundleSections(text).filter((s) => s.text.trim() !== "");
      assert.deepEqual([...new Set(sections.map((s) => s.source))].filter((s) => s !== "(prelude)").sort(), ["server/src/boot/codeCache.ts", `server/src/boot/${bundle.replace("-main.js", "")}.ts`].sort(), entry);
      for (const m of text.matchAll(/(?<![\w$.])require\s*\(\s*([^)]*)\)/g)) assert.ok(BUILTINS.has(m[1].trim().slice(1, -1)), `${entry}: require(${m[1]})`);
      // The only file it compiles: its own bundle, named as a literal next to it.
      assert.equal(text.match(/loadWithCodeCache\(/g)?.length, 2, "the loader's definition and one call");
      assert.match(text, new RegExp(`loadWithCodeCache\\(\\w+\\.join\\(__dirname, "${bundle.replace(".", "\\.")}"\\)`));
    }
  });

  for (const bundle of ["dist/server-main.js", "dist/cli-main.js"]) {
    test(`${bundle}: no eval or Function constructor; every require names a built-in, except TypeScript's plugin loader; child_process only in vscode-languageserver's unused Files helpers`, () => {
      const text = readFileSync(join(REPO_ROOT, bundle), "utf8");
      assert.ok(text.length > 1_000_000, "the bundle includes typescript");
      assert.equal((text.match(/(?<![\w$.])eval\s*\(/g) ?? []).length, 0, "eval(");
      assert.equal((text.match(/(?<![\w$.])(?:new\s+)?Function\s*\(/g) ?? []).length, 0, "Function(");
      const sections = bundleSections(text);
      assert.ok(sections.some((s) => s.source.startsWith("server/src/")), "sections of our own code are found");
      const problems: string[] = [];
      let dynamic = 0;
      for (const { source, text: code } of sections) {
        const ours = !source.includes("node_modules/");
        for (const m of code.matchAll(/(?<![\w$.])require\s*\(\s*([^)]*)\)/g)) {
          const literal = /^(["'])([^"'`]*)\1$/.exec(m[1].trim());
          if (literal) {
            const name = literal[2];
            if (BUILTINS.has(name) || (isDependency(source, "typescript") && (name === "source-map-support" || name === ""))) {
              // TypeScript's own host: source maps for tsc (never called here) and a comment about `require("")`.
              if (ours && /^(node:)?(child_process|vm|worker_threads|net|http|https|http2|dgram|dns|tls|module|inspector)$/.test(name)) problems.push(`${source}: require("${name}")`);
              // vscode-languageserver/node bundles its Files helpers (resolving global npm/yarn
              // folders), which spawn npm; the server never calls them (the runtime test above).
              if (/^(node:)?child_process$/.test(name) && !source.endsWith("vscode-languageserver/lib/node/files.js")) problems.push(`${source}: require("${name}")`);
              continue;
            }
            problems.push(`${source}: require("${name}") of a non-built-in`);
          } else if (isDependency(source, "typescript")) {
            // ts.sys.require (tsserver plugins) and message templates; our code calls neither.
            dynamic++;
          } else {
            problems.push(`${source}: require(${m[1].slice(0, 60)})`);
          }
        }
        if (ours && /(?<![\w$.])import\s*\(/.test(code)) problems.push(`${source}: import(…)`);
      }
      assert.deepEqual(problems, []);
      assert.ok(dynamic <= 6, `${dynamic} dynamic requires in TypeScript's section`);
    });
  }
});

describe("what our sources call (server/src and client/src)", () => {
  const FORBIDDEN_MODULES = /^(node:)?(child_process|vm|worker_threads|net|http|https|http2|dgram|dns|tls|module|inspector|cluster)$/;
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
  // The code cache loader compiles the extension's own bundle (dist/*-main.js, named by
  // server/src/boot/cli.ts and server.ts next to __dirname) with node:vm and node:module; it is the
  // one module allowed them, and the test above checks what the entry points pass it.
  const ALLOWED = new Set(["server/src/boot/codeCache.ts imports node:vm", "server/src/boot/codeCache.ts imports node:module"]);
  test("no eval, Function, require, dynamic import, fetch, process.binding/dlopen, createRequire, or import of process, vm or network modules", () => {
    const problems: string[] = [];
    const sources = [...files(join(REPO_ROOT, "server/src")), ...files(join(REPO_ROOT, "client/src"))];
    assert.ok(sources.length > 50);
    for (const file of sources) {
      const sourceFile = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      const where = (node: ts.Node) => `${relative(REPO_ROOT, file)}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && FORBIDDEN_MODULES.test(node.moduleSpecifier.text)) {
          if (!ALLOWED.has(`${relative(REPO_ROOT, file)} imports ${node.moduleSpecifier.text}`)) problems.push(`${where(node)} imports ${node.moduleSpecifier.text}`);
        }
        if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression) && FORBIDDEN_MODULES.test(node.moduleReference.expression.text)) {
          if (!ALLOWED.has(`${relative(REPO_ROOT, file)} imports ${node.moduleReference.expression.text}`)) problems.push(`${where(node)} imports ${node.moduleReference.expression.text}`);
        }
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const callee = node.expression;
          if (callee.kind === ts.SyntaxKind.ImportKeyword) problems.push(`${where(node)} import(…)`);
          if (ts.isIdentifier(callee) && ["eval", "require", "Function", "fetch", "createRequire"].includes(callee.text)) problems.push(`${where(node)} ${callee.text}(…)`);
          if (ts.isPropertyAccessExpression(callee) && ["binding", "dlopen", "_linkedBinding"].includes(callee.name.text) && callee.expression.getText(sourceFile) === "process") problems.push(`${where(node)} ${callee.getText(sourceFile)}`);
          if (ts.isPropertyAccessExpression(callee) && callee.name.text === "fetch" && /^(globalThis|window|self|global)$/.test(callee.expression.getText(sourceFile))) problems.push(`${where(node)} ${callee.getText(sourceFile)}(…)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    assert.deepEqual(problems, []);
  });
});

describe("untrusted workspaces", () => {
  test("package.json declares untrusted workspaces supported, with no restricted settings: the extension only reads files", () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown } };
      contributes: { configuration: { properties: Record<string, { type: string }> } };
    };
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces, { supported: true });
    // No setting names a program, a script or a module to load: none could be abused by a workspace.
    for (const [name, property] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.doesNotMatch(name, /path|command|executable|plugin|script|module/i, name);
      assert.ok(["boolean", "object", "string"].includes(property.type), `${name}: ${property.type}`);
    }
  });
});
