import { convertToInternal } from "../fixes/convertToInternal";
import type { FunctionReference, Span } from "../project/types";
import type { Rule } from "./types";

export const scheduleInternalOnly: Rule = {
  meta: {
    id: "schedule-internal-only",
    description: "`api.*` passed to the scheduler, `ctx.run*` or a cron instead of `internal.*`.",
    category: "function-types",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    // A component's public functions are its API for the installing app, not for browsers.
    if (index.isComponent) return;
    const flag = (ref: FunctionReference | undefined, how: string) => {
      if (!ref || ref.root !== "api") return;
      const name = ref.path.join(".");
      const span: Span = ref.span;
      report(
        span,
        `api.${name} is ${how}, so only the server needs it, yet as a public function any client can call it too. ` +
          `Make it an internal function and pass internal.${name}.`,
        {
          fixes: () => {
            // The target is converted (which rewrites this reference too) only when it is known.
            const target = index.resolve(ref);
            const c = target && convertToInternal(index, target.module, target.fn);
            return c?.fix ? [c.fix] : [];
          },
        },
      );
    };
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        if (call.area === "scheduler") flag(call.functionArg, "scheduled by the server");
        else if (call.area === "run") flag(call.functionArg, `run by the server (ctx.${call.method})`);
      }
    }
    for (const job of module.cronJobs) flag(job.functionArg, "run by a cron job");
  },
};
