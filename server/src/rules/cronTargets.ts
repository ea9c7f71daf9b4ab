import type { FunctionReference, ModuleFacts } from "../project/types";
import type { Rule } from "./types";

/**
 * True only when `module` surely has no export called `name`: it parsed cleanly and re-exports
 * nothing wholesale, so its export list is complete.
 */
function surelyLacks(module: ModuleFacts, name: string): boolean {
  return module.parseProblems.length === 0 && !module.exportsStar && !module.exportNames.includes(name);
}

export const cronTargets: Rule = {
  meta: {
    id: "cron-targets",
    description: "A cron job that runs a query, or names a function that does not exist.",
    category: "application-patterns",
    defaultSeverity: "error",
    fixKind: "none",
    deploy: true,
  },
  check({ module, index, report }) {
    if (module.modulePath !== "crons" || module.cronJobs.length === 0) return;
    const modules = [...index.allModules()];
    const otherModules = modules.filter((m) => m.role === "function" && m.modulePath !== "crons");
    for (const job of module.cronJobs) {
      const ref: FunctionReference | undefined = job.functionArg;
      if (!ref) continue;
      const name = `${ref.root}.${ref.path.join(".")}`;
      const label = job.name !== undefined ? `Cron job "${job.name}"` : `This cron job`;
      const resolved = index.resolve(ref);
      if (resolved) {
        if (resolved.fn.kind === "query" || resolved.fn.kind === "httpAction") {
          const what = resolved.fn.kind === "query" ? "a query" : "an HTTP action";
          report(
            ref.span,
            `${label} runs ${name}, which is ${what}. Crons can only run mutations and actions, so Convex rejects ` +
              `the push. Point the cron at a mutation or action (an internalMutation if it writes).`,
          );
        }
        continue;
      }
      // "Does not exist": only with a module:function path, and only when the project's modules
      // were found at all (a partially loaded project must not make every cron look broken).
      if (ref.path.length < 2) continue;
      if (otherModules.length === 0) continue;
      const modulePath = ref.path.slice(0, -1).join("/");
      const fnName = ref.path[ref.path.length - 1];
      const target = modules.find((m) => m.modulePath === modulePath);
      if (target && target.role !== "function") continue;
      if (target && !surelyLacks(target, fnName)) continue;
      const why = target
        ? `convex/${modulePath} has no function "${fnName}"`
        : `there is no module convex/${modulePath}`;
      report(
        ref.span,
        `${label} runs ${name}, but ${why}. Convex rejects the push when a cron names a function that does not ` +
          `exist. Fix the reference or add the function.`,
      );
    }
  },
};
