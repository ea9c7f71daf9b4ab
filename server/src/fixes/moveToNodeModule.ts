// Splitting a module along Convex's runtimes: the actions that need Node.js go to a new
// `<name>Node.ts` with `"use node"`, or the queries and mutations of a `"use node"` module go to a
// new module in the default runtime.
import * as path from "node:path";
import ts = require("typescript");
import type { AnalysisIndex } from "../engine/index";
import type { ModuleFacts } from "../project/types";
import { isNodeBuiltin } from "../rules/nodeBuiltins";
import type { FileEdit, Fix } from "../rules/types";
import { freeSiblingPath, moveDefinitions } from "./moveDefinitions";
import { newlineOf, sourceFileOf } from "./source";

/**
 * `Move Node actions to <name>Node.ts`: every action of a module that also defines queries or
 * mutations moves, with the Node.js built-in imports, into a new `"use node"` module.
 */
export function moveNodeActionsFix(index: AnalysisIndex, module: ModuleFacts): Fix | undefined {
  const actions = module.functions.filter((f) => f.kind === "action");
  if (actions.length === 0 || actions.length === module.functions.length) return undefined;
  const target = freeSiblingPath(index, module, "Node");
  if (!target) return undefined;
  const edits = moveDefinitions(index, module, actions, target, { directive: "use node", mustLeave: isNodeBuiltin });
  return edits && { title: `Move Node actions to ${path.posix.basename(target)}`, safe: true, edits };
}

/**
 * `Move the queries and mutations to <name>.ts`: out of a `"use node"` module into a new module of
 * the default runtime: `<name without the Node suffix>.ts` when that is free, else `<name>Queries.ts`.
 */
export function moveOutOfNodeModuleFix(index: AnalysisIndex, module: ModuleFacts): Fix | undefined {
  const fns = module.functions.filter((f) => f.kind === "query" || f.kind === "mutation");
  if (fns.length === 0) return undefined;
  const base = path.posix.basename(module.path).replace(/\.[^.]+$/, "");
  const stripped = /^(.+?)_?Node$/i.exec(base)?.[1];
  const target = (stripped && freeSiblingPath(index, { ...module, path: module.path.replace(/[^/]*$/, `${stripped}${path.posix.extname(module.path)}`) }, "")) ??
    freeSiblingPath(index, module, "Queries");
  if (!target) return undefined;
  const edits = moveDefinitions(index, module, fns, target, { mustStay: isNodeBuiltin });
  if (!edits) return undefined;
  const kinds = new Set(fns.map((f) => f.kind));
  const what = kinds.size === 2 ? "queries and mutations" : fns.length === 1 ? `${fns[0].kind} "${fns[0].name}"` : fns[0].kind === "query" ? "queries" : "mutations";
  return { title: `Move the ${what} to ${path.posix.basename(target)}`, safe: true, edits };
}

/** Whether anything in the module needs Node.js: a value import or re-export of a built-in. */
export function needsNode(module: ModuleFacts): boolean {
  return module.imports.some((i) => !i.typeOnly && isNodeBuiltin(i.specifier));
}

/** Bare package imports other than Convex's own, which might need Node.js without our knowing. */
export function importsPackages(module: ModuleFacts): boolean {
  return module.imports.some((i) => !i.typeOnly && !i.specifier.startsWith(".") && !/^convex(\/|$)/.test(i.specifier));
}

/** `Remove "use node"`: the directive and its line, and a blank line after it when it opened the file. */
export function removeUseNodeEdits(module: ModuleFacts): FileEdit[] | undefined {
  const sourceFile = sourceFileOf(module);
  const directive = sourceFile.statements.find((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use node");
  if (!directive) return undefined;
  const text = module.text;
  const start = directive.getStart(sourceFile);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return undefined;
  let end = directive.getEnd();
  const rest = /^[ \t]*(?:\/\/[^\n]*)?\r?\n/.exec(text.slice(end));
  if (!rest || rest[0].trim().startsWith("//")) return undefined;
  end += rest[0].length;
  const nl = newlineOf(text);
  if (text.slice(0, lineStart).trim() === "" && text.startsWith(nl, end)) end += nl.length;
  return [{ path: module.path, start: lineStart, end, newText: "" }];
}
