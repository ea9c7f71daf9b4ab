import ts = require("typescript");
import type { AnalysisIndex } from "../engine/index";
import { addInternalFunction, argumentsOf, freeExportName, handlerOf } from "../fixes/extractFunction";
import { nodeAtSpan, sourceFileOf } from "../fixes/source";
import type { CtxCall, ModuleFacts, RegisteredFunction } from "../project/types";
import { startsWithVerb } from "./functionNaming";
import type { Fix, Rule } from "./types";

const READS = new Set(["get", "query"]);
const WRITES = new Set(["insert", "patch", "replace", "delete"]);
/** Where a `db.query(…)` chain yields a promise. */
const QUERY_ENDS = new Set(["collect", "take", "first", "unique"]);

/**
 * Suggestion: the `ctx.db…` expression becomes the handler of a new internalQuery/internalMutation
 * in the same module, and the action runs it instead. Only for a complete read or write (a `get`, a
 * `query(…)` chain up to `collect/take/first/unique`, an `insert/patch/replace/delete`) written on the
 * handler's own `ctx`, whose other free names are the action's arguments or module-level names.
 */
function moveIntoInternalFunction(index: AnalysisIndex, module: ModuleFacts, fn: RegisteredFunction, call: CtxCall): Fix | undefined {
  if (call.via || (!READS.has(call.method) && !WRITES.has(call.method))) return undefined;
  const h = handlerOf(module, fn);
  if (!h) return undefined;
  const sourceFile = sourceFileOf(module);
  const area = nodeAtSpan(sourceFile, call.areaSpan);
  if (!area || !ts.isPropertyAccessExpression(area) || !ts.isIdentifier(area.expression) || area.expression.text !== h.ctxName) return undefined;
  let node = nodeAtSpan(sourceFile, call.span);
  if (node && ts.isExpressionStatement(node)) node = node.expression;
  if (!node || !ts.isCallExpression(node)) return undefined;
  let last = call.method;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent) {
    last = node.parent.name.text;
    node = node.parent.parent;
  }
  if (call.method === "query" ? !QUERY_ENDS.has(last) : last !== call.method) return undefined;
  const args = argumentsOf(module, h, node);
  if (!args) return undefined;
  const read = READS.has(call.method);
  // Named after the action, starting with a verb as function-naming wants.
  const base = startsWithVerb(fn.name) ? `${fn.name}Db` : `${read ? "read" : "write"}${fn.name[0].toUpperCase()}${fn.name.slice(1)}`;
  const name = freeExportName(module, base);
  if (!name) return undefined;
  const builder = read ? "internalQuery" : "internalMutation";
  const expression = node.getText(sourceFile);
  const edits = addInternalFunction(index, module, h.statement, {
    name,
    builder,
    args: args.names.map((n) => `${n}: ${h.validators.get(n)}`),
    params: args.params,
    ctxName: h.ctxName,
    body: { expression },
  }, { start: node.getStart(sourceFile), end: node.getEnd(), newText: (ref) => `${h.ctxName}.${read ? "runQuery" : "runMutation"}(${ref}, ${args.call})` });
  return edits && { title: `Move the database access into an ${builder}`, safe: false, edits };
}

export const actionNoDb: Rule = {
  meta: {
    id: "action-no-db",
    description: "`ctx.db` used in an action.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "suggestion",
  },
  check({ module, index, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "action") continue;
      for (const call of fn.ctxCalls) {
        if (call.area !== "db") continue;
        report(
          call.areaSpan,
          `Action "${fn.name}" uses the database directly, but actions have no \`ctx.db\` (it is undefined at run ` +
            `time). Put the read or write in an internalQuery or internalMutation and call it with ` +
            `\`ctx.runQuery\` / \`ctx.runMutation\`.`,
          { fixes: () => [moveIntoInternalFunction(index, module, fn, call)].filter((f): f is Fix => f !== undefined) },
        );
      }
    }
  },
};
