import type { Rule } from "./types";

export const externalCallOutsideAction: Rule = {
  meta: {
    id: "external-call-outside-action",
    description: "`fetch(…)` in a mutation, which cannot make network requests.",
    category: "application-patterns",
    defaultSeverity: "error",
    fixKind: "fix",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      // Queries: query-no-side-effects reports `fetch` there.
      if (fn.kind !== "mutation") continue;
      for (const call of fn.calls) {
        if (call.callee !== "fetch") continue;
        report(
          call.calleeSpan,
          `\`fetch()\` in mutation "${fn.name}": mutations cannot make network requests, so this fails at run time ` +
            `("Can't use fetch() in queries and mutations"). Move the request into an internalAction and schedule it ` +
            `from the mutation with \`ctx.scheduler.runAfter(0, internal…)\`; the action can write its result back ` +
            `with \`ctx.runMutation\`.`,
        );
      }
    }
  },
};
