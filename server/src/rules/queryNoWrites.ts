import type { AnalysisIndex } from "../engine/index";
import { changeBuilders } from "../fixes/builders";
import type { CtxCall, ModuleFacts, Span } from "../project/types";
import type { Fix, Rule } from "./types";

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
  check({ module, index, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "query") continue;
      for (const call of fn.ctxCalls) {
        if (!isWrite(call)) continue;
        const what = module.text.slice(call.calleeSpan.start, call.calleeSpan.end).replace(/\s+/g, "");
        report(
          call.calleeSpan,
          `\`${what}\` in query "${fn.name}": queries are read-only (Convex caches them and re-runs them ` +
            `reactively), so this call fails at run time. Make "${fn.name}" a mutation, or move the write into one.`,
          { fixes: () => toMutation(index, module, call.calleeSpan) },
        );
      }
    }
  },
};

/**
 * Every query of the module that makes the write at `span` (a helper shared by several queries is
 * reported once) registered as a mutation instead: `query` → `mutation`, `internalQuery` →
 * `internalMutation`, with the import. `api.m.f` references keep their path. Not offered when client
 * code references one of them (`useQuery(api.m.f)` would no longer compile) or server code runs it
 * with `ctx.runQuery`, or when one uses a custom builder.
 */
function toMutation(index: AnalysisIndex, module: ModuleFacts, span: Span): Fix[] {
  const queries = module.functions.filter((fn) => fn.kind === "query" && fn.ctxCalls.some((c) => isWrite(c) && c.calleeSpan.start === span.start && c.calleeSpan.end === span.end));
  if (queries.length === 0) return [];
  for (const fn of queries) {
    if (index.clientReferencesTo(module, fn).length > 0) return [];
    const runQuery = index.serverReferencesTo(module, fn).some(({ module: other, reference }) =>
      other.functions.some((f) => f.ctxCalls.some((c) => c.method === "runQuery" && c.functionArg?.span.start === reference.span.start)));
    if (runQuery) return [];
  }
  const edits = changeBuilders(index.project, module, queries.map((fn) => ({ fn, newBuilder: fn.visibility === "internal" ? "internalMutation" : "mutation" })));
  if (!edits) return [];
  const names = queries.map((fn) => `"${fn.name}"`).join(", ");
  const title = queries.length === 1
    ? `Convert ${names} to ${queries[0].visibility === "internal" ? "internalMutation" : "mutation"}`
    : `Convert ${names} to mutations`;
  return [{ title, safe: true, edits }];
}
