import ts = require("typescript");
import type { AnalysisIndex } from "../engine/index";
import { referencesTo, rewriteReferences, unroutedReferencesTo } from "../fixes/references";
import { identifierUses, nodeAtSpan, sourceFileOf } from "../fixes/source";
import type { ModuleFacts, RegisteredFunction } from "../project/types";
import type { Fix, Rule } from "./types";

/**
 * Verbs an exported function name may start with: the guidelines' own list, the catalogue's common
 * additions, and further plain verbs for the same kinds of operations (the published @convex-dev
 * components use `enqueue`, `migrate`, `paginate`, `cleanup`, `execute`, … for their API).
 */
export const FUNCTION_VERBS: readonly string[] = [
  // The guidelines document (G§5).
  "create", "add", "insert", "get", "find", "list", "update", "patch", "upsert", "remove", "delete",
  // The catalogue's common additions.
  "send", "set", "toggle", "count", "search", "generate", "run", "process", "handle", "schedule",
  // Reads and checks.
  "fetch", "load", "read", "query", "paginate", "inspect", "display", "dump", "check", "validate", "verify",
  "compute", "calculate", "aggregate", "is", "has", "can",
  // Writes.
  "save", "store", "write", "record", "replace", "make", "mark", "clear", "clean", "cleanup", "reset", "apply",
  "ensure", "sync", "init", "migrate", "enqueue", "rate",
  // Lifecycle of jobs and workflows (what scheduled functions and components mostly do).
  "start", "restart", "stop", "cancel", "complete", "finish", "fail", "retry", "recover", "execute", "force", "sleep",
  // Everyday app actions.
  "build", "upload", "download", "import", "export", "publish", "notify", "track", "log", "invite", "join",
  "leave", "accept", "reject", "approve", "archive", "restore", "refresh", "submit", "increment", "decrement",
  "move", "copy", "assign", "register", "sign", "login", "logout", "like", "follow", "vote", "post", "reply",
];

const VERBS = new Set(FUNCTION_VERBS);

/**
 * The name starts with a known verb: the whole name, or the verb followed by an uppercase letter,
 * `_` or a digit. Event-handler names (`onComplete`, `handlerOnComplete`) follow the callback
 * convention Convex components use for `onComplete` handlers and count as well.
 */
export function startsWithVerb(name: string, verbs: ReadonlySet<string> = VERBS): boolean {
  if (/(?:^on|On)[A-Z]/.test(name)) return true;
  for (let end = 1; end <= name.length; end++) {
    const next = name[end];
    if (next !== undefined && !/[A-Z0-9_]/.test(next)) continue;
    if (verbs.has(name.slice(0, end))) return true;
  }
  return false;
}

export const functionNaming: Rule = {
  meta: {
    id: "function-naming",
    description: "An exported Convex function whose name does not start with a verb.",
    category: "code-structure",
    defaultSeverity: "info",
    fixKind: "suggestion",
  },
  check({ module, index, report }) {
    if (module.role !== "function") return;
    for (const fn of module.functions) {
      if (fn.kind === "httpAction" || fn.name === "default") continue;
      if (startsWithVerb(fn.name)) continue;
      report(
        fn.nameSpan,
        `Convex function "${fn.name}" does not start with a verb. The guidelines name functions after what they do ` +
          `(\`getUser\`, \`listMessages\`, \`createTask\`, \`deleteFile\`): \`api.…\` / \`internal.…\` references then read ` +
          `as actions and the function's effect is clear where it is called. Rename it, updating every reference.`,
        { fixes: () => renameFix(index, module, fn) },
      );
    }
  },
};

const PREFIX: Record<string, string> = { query: "get", mutation: "update", action: "run" };

/**
 * The name the suggestion proposes: the name with a lowercase first letter when that starts with a
 * verb (`Remove` → `remove`), else a verb for the kind in front: `get` for queries, `update` for
 * mutations, `run` for actions (`userList` → `getUserList`, `user_list` → `get_user_list`).
 */
export function suggestedName(name: string, kind: RegisteredFunction["kind"]): string | undefined {
  const lowered = name[0].toLowerCase() + name.slice(1);
  if (lowered !== name && startsWithVerb(lowered)) return lowered;
  const verb = PREFIX[kind];
  if (!verb) return undefined;
  return /_/.test(name) && !/[A-Z]/.test(name) ? `${verb}_${name}` : `${verb}${name[0].toUpperCase()}${name.slice(1)}`;
}

/**
 * "Rename to <name>": the exported declaration `export const old = …` and every `api.m.old` /
 * `internal.m.old` reference (server code, client code, tests in the functions folder). Only for a
 * direct `export const` that nothing else in the module names, and when the new name is free there.
 */
function renameFix(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction): Fix[] {
  const name = suggestedName(fn.name, fn.kind);
  if (!name || module.exportNames.includes(name)) return [];
  const sourceFile = sourceFileOf(module);
  const identifier = nodeAtSpan(sourceFile, fn.nameSpan);
  const declaration = identifier?.parent;
  if (!identifier || !ts.isIdentifier(identifier) || identifier.text !== fn.name || !declaration || !ts.isVariableDeclaration(declaration) ||
    !ts.isVariableStatement(declaration.parent.parent) || !declaration.parent.parent.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
    return [];
  }
  if (identifierUses(sourceFile, fn.name, [fn.nameSpan]) > 0 || identifierUses(sourceFile, name) > 0) return [];
  const modulePath = module.modulePath.split("/");
  const sites = [...referencesTo(index, module, fn), ...unroutedReferencesTo(index, module, fn)];
  const edits: Fix["edits"] = [{ path: module.path, start: fn.nameSpan.start, end: fn.nameSpan.end, newText: name }];
  for (const root of ["api", "internal"] as const) {
    edits.push(...rewriteReferences(index, sites.filter((s) => s.reference.root === root), { root, path: [...modulePath, name] }));
  }
  return [{ title: `Rename to ${name}`, safe: false, edits }];
}
