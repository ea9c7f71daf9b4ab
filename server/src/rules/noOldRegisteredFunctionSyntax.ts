import { ensureValuesImport, inferArgs } from "../fixes/inferArgs";
import type { ModuleFacts, RegisteredFunction } from "../project/types";
import type { Fix, Rule } from "./types";

export const noOldRegisteredFunctionSyntax: Rule = {
  meta: {
    id: "no-old-registered-function-syntax",
    description: "A function registered as `query(async (ctx) => …)` instead of `query({ args, handler })`.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    eslint: true,
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      // `httpAction(async (ctx, request) => …)` is the only form httpAction has.
      if (fn.syntax !== "function" || fn.kind === "httpAction") continue;
      report(
        fn.nameSpan,
        `"${fn.name}" is registered with the old function syntax \`${fn.builder}(async (ctx) => …)\`, which cannot ` +
          `declare \`args\` or \`returns\` validators. Write \`${fn.builder}({ args: {}, handler: async (ctx) => … })\`.`,
        { fixes: () => toObjectSyntax(module, fn) },
      );
    }
  },
};

/**
 * The handler wrapped in `{ args, handler: … }`. `args: {}` when it takes at most `ctx`; with an
 * arguments parameter, the args its type annotation spells out, or else `{ handler }` alone (which
 * verification only lets through where no `args` validator is required).
 */
function toObjectSyntax(module: ModuleFacts, fn: RegisteredFunction): Fix[] {
  if (!fn.handlerSpan) return [];
  const wrap = (args: string | undefined, title: string, extra: Fix["edits"] = []): Fix => ({
    title,
    safe: true,
    edits: [
      { path: module.path, start: fn.handlerSpan!.start, end: fn.handlerSpan!.start, newText: `{ ${args !== undefined ? `args: ${args}, ` : ""}handler: ` },
      { path: module.path, start: fn.handlerSpan!.end, end: fn.handlerSpan!.end, newText: " }" },
      ...extra,
    ],
  });
  if (fn.handlerParams <= 1) return [wrap("{}", "Convert to `{ args: {}, handler }`")];
  const values = ensureValuesImport(module);
  const args = inferArgs(module, fn, values.v);
  if (args !== undefined) return [wrap(args, "Convert to `{ args, handler }`", args === "{}" ? [] : values.edits)];
  return [wrap(undefined, "Convert to `{ handler }`")];
}
