// The code cache loader behind dist/server.js and dist/cli.js: the bundle runs the same with or
// without a cache, a cache is only taken from a private folder, and a bad or stale one is replaced.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { DIR_ENV, DISABLE_ENV, loadWithCodeCache } from "../../server/src/boot/codeCache";
import { REPO_ROOT } from "../support/demo";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-"));
}

/** A small CommonJS bundle that uses what bundles use: require, module, __dirname. */
function writeBundle(dir: string, value: number): string {
  const file = path.join(dir, "bundle.js");
  fs.writeFileSync(file, `const path = require("node:path");
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports = { value: ${value}, fib: fib(15), dir: path.basename(__dirname), self: module.filename };
`);
  return file;
}

const cachesIn = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith(".bin"));

test("the first load creates the cache, the next one uses it, with the same exports", () => {
  const dir = tempDir();
  const cache = path.join(dir, "cache");
  const bundle = writeBundle(dir, 1);
  const first = loadWithCodeCache(bundle, { dir: cache });
  assert.equal(first.status, "created");
  assert.deepEqual(first.exports, { value: 1, fib: 610, dir: path.basename(dir), self: bundle });
  first.flush();
  assert.deepEqual(cachesIn(cache), [path.basename(first.cacheFile!)]);
  assert.equal(fs.statSync(first.cacheFile!).mode & 0o777, 0o600);
  assert.equal(fs.statSync(cache).mode & 0o777, 0o700);

  const second = loadWithCodeCache(bundle, { dir: cache });
  assert.equal(second.status, "used");
  assert.deepEqual(second.exports, first.exports);
});

test("a rebuilt bundle gets a cache of its own and the old one is removed", () => {
  const dir = tempDir();
  const cache = path.join(dir, "cache");
  const bundle = writeBundle(dir, 3);
  const before = loadWithCodeCache(bundle, { dir: cache });
  before.flush();
  writeBundle(dir, 30);
  fs.utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
  const after = loadWithCodeCache(bundle, { dir: cache });
  assert.equal(after.status, "created");
  assert.equal((after.exports as { value: number }).value, 30);
  after.flush();
  assert.notEqual(after.cacheFile, before.cacheFile);
  assert.deepEqual(cachesIn(cache), [path.basename(after.cacheFile!)]);
});

test("no cache is read from or written to a folder others can write to, or when disabled", { skip: process.platform === "win32" ? "POSIX permissions" : false }, () => {
  const dir = tempDir();
  const cache = path.join(dir, "shared");
  fs.mkdirSync(cache, { mode: 0o777 });
  fs.chmodSync(cache, 0o777);
  const bundle = writeBundle(dir, 4);
  const load = loadWithCodeCache(bundle, { dir: cache });
  assert.equal(load.status, "disabled");
  assert.equal((load.exports as { value: number }).value, 4);
  load.flush();
  assert.deepEqual(cachesIn(cache), []);

  process.env[DISABLE_ENV] = "1";
  try {
    assert.equal(loadWithCodeCache(bundle, { dir: path.join(dir, "private") }).status, "disabled");
    assert.equal(fs.existsSync(path.join(dir, "private")), false);
  } finally {
    delete process.env[DISABLE_ENV];
  }
});

test("the CLI writes its cache on the first run and reuses it unchanged, with the same report", () => {
  const cache = path.join(tempDir(), "cache");
  const run = () => spawnSync(process.execPath, [path.join(REPO_ROOT, "dist/cli.js"), "check", "examples/demo"], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, [DIR_ENV]: cache } });
  const first = run();
  const [file] = cachesIn(cache);
  assert.ok(file, "a cache file after the first run");
  assert.match(file, /^cli-main-[0-9a-f]{8}-[0-9a-f]{16}\.bin$/);
  const written = fs.statSync(path.join(cache, file)).mtimeMs;
  const second = run();
  assert.equal(second.status, first.status);
  assert.equal(second.stdout, first.stdout);
  assert.match(second.stdout, /problems? \(/);
  assert.deepEqual(cachesIn(cache), [file]);
  assert.equal(fs.statSync(path.join(cache, file)).mtimeMs, written, "a used cache is not rewritten");

  // A corrupt cache (V8 rejects it; checked in a fresh process, as V8 also caches compiled
  // sources within one) changes nothing but the time taken, and is replaced.
  fs.writeFileSync(path.join(cache, file), Buffer.alloc(4096, 7));
  const third = run();
  assert.equal(third.status, first.status);
  assert.equal(third.stdout, first.stdout);
  assert.notDeepEqual(fs.readFileSync(path.join(cache, file)), Buffer.alloc(4096, 7));
});
