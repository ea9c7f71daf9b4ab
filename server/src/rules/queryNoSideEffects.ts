import type { PlainCall } from "../project/types";
import type { Rule, Severity } from "./types";

interface Problem {
  severity?: Severity;
  why: string;
  /** Only a concern for queries clients subscribe to (public ones): staleness and caching. */
  publicOnly?: boolean;
}

/** What a call does in a query, or undefined when it is fine there. */
function problemOf(call: PlainCall): Problem | undefined {
  switch (call.callee) {
    case "fetch":
      return {
        severity: "error",
        why:
          "queries cannot make network requests, so this fails at run time (\"Can't use fetch() in queries and " +
          "mutations\"). Call it from an action and store the result with a mutation; the query then reads it.",
      };
    case "Date.now":
    case "new Date":
      if (call.callee === "new Date" && call.argCount > 0) return undefined;
      return {
        publicOnly: true,
        why:
          "Convex freezes the clock when the query starts and does not re-run the query as time passes, so " +
          "subscribers can see stale results, and reading the time makes Convex invalidate the query cache more " +
          "often. Pass the time in as an argument (rounded, e.g. to the minute) or keep a coarse flag in the " +
          "document that a scheduled function updates.",
      };
    case "Math.random":
    case "crypto.randomUUID":
      return {
        publicOnly: true,
        why:
          "Convex seeds randomness in queries to keep them deterministic, and the result is cached and shared by " +
          "every subscriber until the data the query read changes. Generate the value in a mutation (and store " +
          "it) or on the client.",
      };
    case "setTimeout":
    case "setInterval":
      return {
        why:
          "queries cannot use timers; Convex throws \"Can't use setTimeout in queries and mutations\". Delay work " +
          "with ctx.scheduler.runAfter from a mutation, or do it in an action.",
      };
    default:
      return undefined;
  }
}

export const queryNoSideEffects: Rule = {
  meta: {
    id: "query-no-side-effects",
    description:
      "Network requests, the current time, randomness or timers in a query handler, which must be deterministic.",
    category: "function-types",
    // `fetch` findings are reported as errors; the time, randomness and timer ones use this default.
    defaultSeverity: "warning",
    fixKind: "none",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "query") continue;
      for (const call of fn.calls) {
        const problem = problemOf(call);
        if (!problem) continue;
        // An internal query is never subscribed to by a client (an action polling it wants the fresh value).
        if (problem.publicOnly && fn.visibility !== "public") continue;
        const what = call.callee === "new Date" ? "`new Date()`" : `\`${call.callee}()\``;
        report(call.calleeSpan, `${what} in query "${fn.name}": ${problem.why}`, problem.severity ? { severity: problem.severity } : undefined);
      }
    }
  },
};
