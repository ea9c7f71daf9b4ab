import type { CtxCall, RegisteredFunction } from "../project/types";
import type { Rule } from "./types";

const isRunQueryOrMutation = (c: CtxCall) => c.area === "run" && (c.method === "runQuery" || c.method === "runMutation");

/**
 * Something between two `ctx.run*` calls that the action visibly does in between: an awaited call
 * (`await fetch(…)`, `await callOpenAi(…)`), a `fetch`, `ctx.runAction`, a schedule or a storage
 * call. Convex lists "a side effect in between" as the normal reason for several transactions.
 */
function sideEffectBetween(fn: RegisteredFunction, from: number, to: number): boolean {
  const inside = (span: { start: number; end: number }) => span.start >= from && span.end <= to;
  if (fn.calls.some((c) => inside(c.span) && (c.awaited || c.callee === "fetch"))) return true;
  return fn.ctxCalls.some(
    (c) => inside(c.span) && c.method !== "" && (c.area === "scheduler" || c.area === "storage" || (c.area === "run" && c.method === "runAction")),
  );
}

export const sequentialRunCalls: Rule = {
  meta: {
    id: "sequential-run-calls",
    description: "Several `ctx.runQuery` / `ctx.runMutation` calls in one action, or one inside a loop: separate transactions.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "none",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "action") continue;
      // Calls inside helpers have no order relative to the handler's own: only the handler's are compared.
      const runs = fn.ctxCalls.filter((c) => isRunQueryOrMutation(c) && c.via === undefined).sort((a, b) => a.span.start - b.span.start);
      let previous: CtxCall | undefined;
      for (const call of runs) {
        if (call.inLoop) {
          report(
            call.calleeSpan,
            `\`ctx.${call.method}\` inside a loop in action "${fn.name}": every iteration is a separate transaction, so ` +
              `the iterations can see inconsistent data and each pays for a function call. Pass the whole list to one ` +
              `internal ${call.method === "runQuery" ? "query" : "mutation"} that loops inside a single transaction` +
              ` (unless the data is too large for one transaction, e.g. a batched migration).`,
          );
          continue;
        }
        // A call in a `try` block and one outside it (typically in its `catch`) are alternatives, not a sequence.
        if (previous && previous.inTry === call.inTry && !sideEffectBetween(fn, previous.span.end, call.span.start)) {
          report(
            call.calleeSpan,
            `Another \`ctx.${call.method}\` in action "${fn.name}" right after \`ctx.${previous.method}\`: each runs in ` +
              `its own transaction, so the two can see inconsistent data (something may change in between). Combine ` +
              `them into one internal query or mutation that does both.`,
          );
        }
        previous = call;
      }
    }
  },
};
