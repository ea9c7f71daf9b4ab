import type { CtxCall } from "../project/types";
import type { Rule } from "./types";

function isWrite(call: CtxCall): boolean {
  switch (call.area) {
    case "db":
      return ["insert", "patch", "replace", "delete"].includes(call.method);
    case "scheduler":
      return call.method !== "";
    case "run":
      return call.method === "runMutation" || call.method === "runAction";
    case "storage":
      return call.method === "generateUploadUrl" || call.method === "delete";
    default:
      return false;
  }
}

export const queryNoWrites: Rule = {
  meta: {
    id: "query-no-writes",
    description: "A query that writes, schedules, or runs mutations or actions.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "query") continue;
      for (const call of fn.ctxCalls) {
        if (!isWrite(call)) continue;
        const what = module.text.slice(call.calleeSpan.start, call.calleeSpan.end).replace(/\s+/g, "");
        report(
          call.calleeSpan,
          `\`${what}\` in query "${fn.name}": queries are read-only (Convex caches them and re-runs them ` +
            `reactively), so this call fails at run time. Make "${fn.name}" a mutation, or move the write into one.`,
        );
      }
    }
  },
};
