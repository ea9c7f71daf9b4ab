import type { Rule } from "./types";

export const runInQueryOrMutation: Rule = {
  meta: {
    id: "run-in-query-or-mutation",
    description: "`ctx.runQuery` / `ctx.runMutation` inside a query or mutation instead of a plain TypeScript helper.",
    category: "application-patterns",
    defaultSeverity: "info",
    fixKind: "none",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "query" && fn.kind !== "mutation") continue;
      for (const call of fn.ctxCalls) {
        if (call.area !== "run") continue;
        if (call.method !== "runQuery" && call.method !== "runMutation") continue;
        // A query has no `ctx.runMutation`; query-no-writes reports that as an error already.
        if (fn.kind === "query" && call.method === "runMutation") continue;
        // `try { await ctx.runMutation(…) } catch` is the documented use: a sub-transaction whose
        // writes roll back alone when it throws.
        if (call.method === "runMutation" && call.inTry) continue;
        // Only `api.*` / `internal.*` targets: component functions (`components.x.y`) and function
        // handles can only be reached through ctx.run*, which Convex lists as an exception.
        if (!call.functionArg) continue;
        const target = `${call.functionArg.root}.${call.functionArg.path.join(".")}`;
        report(
          call.calleeSpan,
          `\`ctx.${call.method}(${target})\` in ${fn.kind} "${fn.name}": it runs in the same transaction, but with the ` +
            `overhead of a separate function call (argument and return validation, a new JS context). Move the shared ` +
            `logic into a plain TypeScript helper that takes \`ctx\` and call it directly` +
            (call.method === "runMutation" ? ", unless you rely on the partial rollback `ctx.runMutation` gives." : "."),
        );
      }
    }
  },
};
