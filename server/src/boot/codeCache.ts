// Before the server or the CLI does any work, node compiles their bundle: several megabytes of
// JavaScript, most of it the `typescript` parser, and a good part of start-up. V8 can hand out the
// code it compiled and take it back on the next start. This loader keeps that code cache per user
// (never in a workspace) and loads the bundle the plain way whenever anything about the cache is
// off: missing, from another node or bundle, rejected by V8, or in a folder others could write to.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module = require("node:module");
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";

/** Set to `1` to load without a code cache. */
export const DISABLE_ENV = "CONVEX_GUIDELINES_NO_CODE_CACHE";
/** Overrides where the cache is kept. */
export const DIR_ENV = "CONVEX_GUIDELINES_CACHE_DIR";

export interface CodeCacheLoad {
  /** The bundle's `module.exports`. */
  exports: unknown;
  /** What happened to the cache, for tests and the server log. */
  status: "used" | "created" | "rejected" | "disabled";
  cacheFile?: string;
  /** Writes the cache now if this run has to (at most once; otherwise done at exit or after `writeAfterMs`). */
  flush(): void;
}

export interface CodeCacheOptions {
  /** The cache folder; by default the user's cache folder (see `defaultCacheDir`). */
  dir?: string;
  /** Also write the cache this long after loading (a server may run for days, or be killed). */
  writeAfterMs?: number;
}

/** Runs a CommonJS bundle as node's `require` would, compiled from the code cache when it can be. */
export function loadWithCodeCache(file: string, options: CodeCacheOptions = {}): CodeCacheLoad {
  const source = fs.readFileSync(file, "utf8");
  const dir = process.env[DISABLE_ENV] === "1" ? undefined : (process.env[DIR_ENV] || options.dir || defaultCacheDir());
  const cacheFile = dir && privateFolder(dir) ? path.join(dir, `${bundleName(file)}-${cacheKey(file, source)}.bin`) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const rejected = cachedData !== undefined && script.cachedDataRejected === true;
  const status: CodeCacheLoad["status"] = !cacheFile ? "disabled" : cachedData === undefined ? "created" : rejected ? "rejected" : "used";

  let flushed = status === "used" || status === "disabled";
  const flush = () => {
    if (flushed || !cacheFile) return;
    flushed = true;
    try {
      // Taken after running, so it also holds the functions compiled since start-up.
      const data = script.createCachedData();
      const temp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, data, { mode: 0o600 });
      fs.renameSync(temp, cacheFile);
      removeStaleCaches(cacheFile);
    } catch {
      // A cache that cannot be written only costs the next start its head start.
    }
  };
  if (!flushed) {
    if (options.writeAfterMs !== undefined) setTimeout(flush, options.writeAfterMs).unref();
    process.once("exit", flush);
  }

  const module = new Module(file, undefined);
  module.filename = file;
  (module as unknown as { paths: string[] }).paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return { exports: module.exports, status, cacheFile, flush };
}

/** The user's cache folder for this tool, by the platform's convention. */
export function defaultCacheDir(): string {
  if (process.platform === "win32") return path.join(process.env.LOCALAPPDATA || path.join(os.homedir(), "AppData", "Local"), "convex-guidelines", "cache");
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Caches", "convex-guidelines");
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "convex-guidelines");
}

/**
 * The cache is compiled code this process will run, so it is only read from a folder that is this
 * user's and that nobody else can write to (created so when missing).
 */
function privateFolder(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return false;
    if (process.platform === "win32") return true;
    return stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The bundle's name and where it is installed: installs of other versions keep their own caches. */
function bundleName(file: string): string {
  return `${path.basename(file, ".js")}-${createHash("sha256").update(file).digest("hex").slice(0, 8)}`;
}

/** Which bundle, which build of it, which node: a cache of anything else is never offered to V8. */
function cacheKey(file: string, source: string): string {
  const stat = fs.statSync(file);
  return createHash("sha256")
    .update([process.version, process.arch, file, stat.size, stat.mtimeMs, source.length].join("\0"))
    .digest("hex")
    .slice(0, 16);
}

/** Caches of earlier builds of the same bundle are of no further use. */
function removeStaleCaches(current: string): void {
  const dir = path.dirname(current);
  const prefix = path.basename(current).replace(/[0-9a-f]{16}\.bin$/, "");
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && name.endsWith(".bin") && path.join(dir, name) !== current) fs.rmSync(path.join(dir, name), { force: true });
  }
}
