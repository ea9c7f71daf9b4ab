import { wrapInTryCatch } from "../fixes/tryCatch";
import type { Rule } from "./types";

export const actionUnhandledExternalCall: Rule = {
  meta: {
    id: "action-unhandled-external-call",
    description: "An awaited `fetch` in an action outside any `try` block.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "action") continue;
      for (const call of fn.calls) {
        if (call.callee !== "fetch" || !call.awaited || call.inTry) continue;
        report(
          call.calleeSpan,
          `\`await fetch()\` in action "${fn.name}" is not inside a \`try\` block: when the request fails (network ` +
            `error, timeout) the action throws, and Convex does not retry actions, so nothing records the failure ` +
            `(a job's status stays "processing"). Wrap it in \`try … catch\` and record the failure with \`ctx.runMutation\`.`,
          { fixes: () => wrapInTryCatch(index.project, module, fn, call) },
        );
      }
    }
  },
};
