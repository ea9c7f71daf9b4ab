import { throwToReturn } from "../fixes/rewrites";
import type { Rule } from "./types";

export const queryPreferNullOverThrow: Rule = {
  meta: {
    id: "query-prefer-null-over-throw",
    description: "A query that throws on a missing identity or document instead of returning `null` / `[]`.",
    category: "function-types",
    defaultSeverity: "info",
    fixKind: "suggestion",
  },
  check({ module, index, report }) {
    // A component's queries are called by the installing app's code, never by `useQuery` directly.
    if (index.isComponent) return;
    for (const fn of module.functions) {
      // Internal queries are only called from server code, which should fail loudly on a missing document.
      if (fn.kind !== "query" || fn.visibility !== "public") continue;
      for (const thrown of fn.throws) {
        if (thrown.guard === undefined) continue;
        const nullable = fn.nullables.find((n) => n.name === thrown.guard);
        if (!nullable) continue;
        const missing = nullable.source === "identity" ? "there is no signed-in user" : "the document does not exist";
        report(
          thrown.span,
          `Query "${fn.name}" throws when ${missing} (\`${nullable.name}\` is null). A query that throws makes \`useQuery\` ` +
            `throw in the client; return \`null\` (or \`[]\` for a list query) instead so callers can render an empty ` +
            `or signed-out state.`,
          { fixes: () => throwToReturn(module, fn, thrown.span) },
        );
      }
    }
  },
};
