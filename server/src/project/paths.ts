// Path conventions shared by the engine: absolute paths with `/` separators everywhere, and
// Convex's own rules for which files in a functions folder are function modules.
import * as path from "node:path";

export function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}

export function normalizePath(p: string): string {
  return toPosix(path.resolve(p));
}

/** True when `child` is `dir` itself or lies below it. */
export function isWithin(dir: string, child: string): boolean {
  const d = dir.endsWith("/") ? dir : dir + "/";
  return child === dir || child.startsWith(d);
}

export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

export function isSourceFile(p: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => p.endsWith(ext)) && !p.endsWith(".d.ts");
}

/**
 * Whether Convex bundles this file (relative to the functions folder) as a function module.
 * Mirrors the Convex CLI: skip `_generated/`, dot and `#` files, `schema.*`, names with more than
 * one dot, and paths with spaces.
 */
export function isFunctionModule(relative: string): boolean {
  const rel = toPosix(relative);
  if (!SOURCE_EXTENSIONS.some((ext) => rel.endsWith(ext))) return false;
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  if (rel.split("/").some((segment) => segment === "_generated" || segment === "node_modules")) return false;
  if (base.startsWith(".") || base.startsWith("#")) return false;
  if (base === "schema.ts" || base === "schema.js") return false;
  if ((base.match(/\./g) ?? []).length > 1) return false;
  if (rel.includes(" ")) return false;
  return true;
}

/** `lib/util.ts` → `lib/util`: the path `api.lib.util.*` refers to. */
export function modulePathOf(relative: string): string {
  const rel = toPosix(relative);
  const dot = rel.lastIndexOf(".");
  return dot > rel.lastIndexOf("/") ? rel.slice(0, dot) : rel;
}

/** Files in a functions folder that Convex treats specially (not function modules, or restricted). */
export const SPECIAL_MODULES = new Set(["schema", "http", "crons", "auth.config", "convex.config"]);

export function scriptKindFor(p: string): "ts" | "tsx" | "js" | "jsx" {
  if (p.endsWith(".tsx")) return "tsx";
  if (p.endsWith(".jsx")) return "jsx";
  if (p.endsWith(".js") || p.endsWith(".mjs") || p.endsWith(".cjs")) return "js";
  return "ts";
}

/**
 * The module paths (relative to the functions folder, without extension, as `modulePath` spells
 * them) a relative specifier can mean, most likely first: `./x`, `./x.js` → `x`; `./dir` →
 * `dir`, then `dir/index`. Undefined for a bare specifier or one that leaves the functions folder.
 */
export function candidateModulePaths(fromModulePath: string, specifier: string): string[] | undefined {
  if (specifier !== "." && specifier !== ".." && !specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const segments = fromModulePath.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(part);
  }
  const joined = segments.join("/");
  const candidates: string[] = [];
  const ext = SOURCE_EXTENSIONS.find((e) => joined.endsWith(e));
  if (ext) candidates.push(joined.slice(0, -ext.length));
  if (joined !== "") candidates.push(joined);
  candidates.push(joined === "" ? "index" : `${joined}/index`);
  return candidates;
}
