import ts = require("typescript");
import type { AnalysisIndex } from "../engine/index";
import { addInternalFunction, argumentsOf, freeExportName, handlerOf } from "../fixes/extractFunction";
import { indentUnitOf, newlineOf, nodeAtSpan, sourceFileOf, usesSemicolons } from "../fixes/source";
import type { ModuleFacts, PlainCall, RegisteredFunction } from "../project/types";
import { startsWithVerb } from "./functionNaming";
import type { Fix, Rule } from "./types";

/**
 * The background-job pattern (G§4.1): a `fetch(…)` that is a statement of its own (its result
 * unused) moves into a new internalAction, wrapped in `try … catch` that logs a failure, and the
 * mutation schedules it with `ctx.scheduler.runAfter(0, internal.<module>.<name>, { … })`. Only when
 * every free name in the call is an argument of the mutation or module-level, and the mutation is internal.
 */
function scheduleInAction(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction, call: PlainCall): Fix | undefined {
  // From a public mutation, scheduled-job-status wants the job's status recorded on both sides,
  // which this fix cannot write.
  if (call.via || fn.visibility === "public") return undefined;
  const h = handlerOf(module, fn);
  if (!h) return undefined;
  const sourceFile = sourceFileOf(module);
  let node = nodeAtSpan(sourceFile, call.span);
  if (node && ts.isExpressionStatement(node)) node = node.expression;
  if (!node || !ts.isCallExpression(node)) return undefined;
  const expression = ts.isAwaitExpression(node.parent) || ts.isVoidExpression(node.parent) ? node.parent : node;
  const statement = expression.parent;
  if (!ts.isExpressionStatement(statement) || statement.expression !== expression) return undefined;
  const args = argumentsOf(module, h, node, { ctxDb: false });
  if (!args) return undefined;
  const base = startsWithVerb(fn.name) ? `${fn.name}Request` : `send${fn.name[0].toUpperCase()}${fn.name.slice(1)}Request`;
  const name = freeExportName(module, base);
  if (!name) return undefined;
  const text = module.text;
  const nl = newlineOf(text);
  const unit = indentUnitOf(text);
  const semi = usesSemicolons(text) ? ";" : "";
  const statements = [
    `${unit}${unit}try {`,
    `${unit}${unit}${unit}await ${node.getText(sourceFile)}${semi}`,
    `${unit}${unit}} catch (error) {`,
    `${unit}${unit}${unit}console.error(error)${semi}`,
    `${unit}${unit}}`,
  ].join(nl);
  const edits = addInternalFunction(index, module, h.statement, {
    name,
    builder: "internalAction",
    args: args.names.map((n) => `${n}: ${h.validators.get(n)}`),
    params: args.params,
    ctxName: h.ctxName,
    body: { statements },
  }, { start: expression.getStart(sourceFile), end: expression.getEnd(), newText: (ref) => `await ${h.ctxName}.scheduler.runAfter(0, ${ref}, ${args.call})` });
  return edits && { title: "Move the request into an internalAction and schedule it", safe: true, edits };
}

export const externalCallOutsideAction: Rule = {
  meta: {
    id: "external-call-outside-action",
    description: "`fetch(…)` in a mutation, which cannot make network requests.",
    category: "application-patterns",
    defaultSeverity: "error",
    fixKind: "fix",
  },
  check({ module, index, report }) {
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
          { fixes: () => [scheduleInAction(index, module, fn, call)].filter((f): f is Fix => f !== undefined) },
        );
      }
    }
  },
};
