import type { Rule } from "./types";

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
      );
    }
  },
};
