import type { Rule } from "./types";

export const requireArgsValidator: Rule = {
  meta: {
    id: "require-args-validator",
    description: "A public function registered without an `args` validator.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    eslint: true,
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.visibility !== "public" || fn.kind === "httpAction" || fn.hasArgs) continue;
      report(
        fn.nameSpan,
        `Public ${fn.kind} "${fn.name}" has no \`args\` validator. Any client can call it with any arguments, and ` +
          `Convex checks arguments only against a declared validator. Add \`args: { … }\` with validators from ` +
          `convex/values (\`args: {}\` when it takes none).`,
      );
    }
  },
};
