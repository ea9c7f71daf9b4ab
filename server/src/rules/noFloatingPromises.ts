import { addAwait } from "../fixes/rewrites";
import type { Rule } from "./types";

export const noFloatingPromises: Rule = {
  meta: {
    id: "no-floating-promises",
    description: "A `ctx.db` / `ctx.scheduler` / `ctx.storage` / `ctx.run*` call whose promise is neither awaited, returned, nor stored.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        if (!call.floating) continue;
        const what = module.text.slice(call.calleeSpan.start, call.calleeSpan.end).replace(/\s+/g, "");
        report(
          call.calleeSpan,
          `The promise of \`${what}(…)\` in ${fn.kind} "${fn.name}" is neither awaited nor returned. Convex's best ` +
            `practices warn that an un-awaited call can behave unexpectedly (a function that never gets scheduled, a ` +
            `write that does not happen) and that its errors go unhandled. Add \`await\`.`,
          { fixes: () => addAwait(module, call) },
        );
      }
    }
  },
};
