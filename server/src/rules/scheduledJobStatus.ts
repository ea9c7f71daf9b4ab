import type { AnalysisIndex } from "../engine/index";
import type { CtxCall, ModuleFacts, RegisteredFunction } from "../project/types";
import type { Rule } from "./types";

/** A status value that says the job was accepted and is not finished yet. */
const IN_PROGRESS = /^(processing|pending|queued|running|scheduled|in[_ -]?progress|started)$/i;
/** A status value that records how the job ended. */
const FINAL = /^(completed|complete|done|succeeded|success|failed|failure|error|errored|cancell?ed)$/i;

const WRITES = new Set(["insert", "patch", "replace"]);
/** How many `ctx.run*` / scheduler hops are followed to find where a status is written. */
const MAX_DEPTH = 3;

interface Located {
  module: ModuleFacts;
  fn: RegisteredFunction;
}

interface Scheduling extends Located {
  call: CtxCall;
}

function isSchedule(call: CtxCall): boolean {
  return call.area === "scheduler" && (call.method === "runAfter" || call.method === "runAt");
}

/**
 * Whether `fn`, or a function it runs or schedules (followed a few hops), writes a document with a
 * string matching `status`. Unknown targets (a reference that is not `api.*`/`internal.*`, or that
 * does not resolve) count as writing it: the rule stays quiet rather than guess.
 */
function writesStatus(index: AnalysisIndex, fn: RegisteredFunction, status: RegExp, depth = 0, seen = new Set<RegisteredFunction>()): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  for (const call of fn.ctxCalls) {
    if (call.area === "db" && WRITES.has(call.method) && call.stringArgs.some((s) => status.test(s))) return true;
  }
  for (const call of fn.ctxCalls) {
    const follows = call.area === "run" || isSchedule(call);
    if (!follows || call.method === "runQuery") continue;
    if (call.stringArgs.some((s) => status.test(s))) return true;
    if (!call.functionArg) return true;
    const target = index.resolve(call.functionArg);
    if (!target) return true;
    if (depth < MAX_DEPTH && writesStatus(index, target.fn, status, depth + 1, seen)) return true;
  }
  return false;
}

/** Public mutations' scheduler calls that start an action, by the action they start. */
const SCHEDULINGS = Symbol("schedulings");

/** By the action they start, as `modulePath/name`. */
function schedulingsOf(index: AnalysisIndex): Map<string, Scheduling[]> {
  return index.memo(SCHEDULINGS, () => findSchedulings(index));
}

function findSchedulings(index: AnalysisIndex): Map<string, Scheduling[]> {
  const map = new Map<string, Scheduling[]>();
  for (const module of index.allModules("schedulers")) {
    if (module.role !== "function") continue;
    for (const fn of module.functions) {
      if (fn.kind !== "mutation" || fn.visibility !== "public") continue;
      for (const call of fn.ctxCalls) {
        if (!isSchedule(call) || !call.functionArg || index.kindOf(call.functionArg) !== "action") continue;
        const target = call.functionArg.path.join("/");
        const list = map.get(target);
        if (list) list.push({ module, fn, call });
        else map.set(target, [{ module, fn, call }]);
      }
    }
  }
  return map;
}

const referenceName = (call: CtxCall) => (call.functionArg ? `${call.functionArg.root}.${call.functionArg.path.join(".")}` : "the action");

export const scheduledJobStatus: Rule = {
  meta: {
    id: "scheduled-job-status",
    description:
      'A public mutation that schedules an action without recording a "processing"-style status, or such an action with no path that records "completed" or "failed".',
    category: "application-patterns",
    defaultSeverity: "info",
    fixKind: "none",
  },
  check({ module, index, report }) {
    if (module.role !== "function") return;
    for (const fn of module.functions) {
      // (a) The mutation that starts the job marks it as in progress.
      if (fn.kind === "mutation" && fn.visibility === "public") {
        const starts = fn.ctxCalls.filter((c) => isSchedule(c) && c.functionArg && index.kindOf(c.functionArg) === "action");
        if (starts.length > 0 && !writesStatus(index, fn, IN_PROGRESS)) {
          for (const call of starts) {
            report(
              call.calleeSpan,
              `Mutation "${fn.name}" schedules the action ${referenceName(call)} but records no job status ("processing", ` +
                `"pending", …) in the same transaction, so the client cannot tell that work is under way, or whether it ` +
                `ever finished. Write the status on the document the job is about (for example \`status: "processing"\`) ` +
                `in this mutation, and have the action set "completed" or "failed" through an internal mutation.`,
            );
          }
        }
      }
      // (b) The action such a mutation starts records how the job ended.
      if (fn.kind === "action" && fn.handlerSpan) {
        // Only actions look at every module's scheduler calls (so only they are re-run after any change).
        const startedBy = (schedulingsOf(index).get(`${module.modulePath}/${fn.name}`) ?? []).filter((s) => writesStatus(index, s.fn, IN_PROGRESS));
        if (startedBy.length === 0 || writesStatus(index, fn, FINAL)) continue;
        const starter = startedBy[0];
        report(
          fn.nameSpan,
          `Action "${fn.name}" is scheduled by mutation "${starter.fn.name}" (convex/${starter.module.modulePath}), which ` +
            `marks the job as in progress, but nothing in this action records that it finished: no \`ctx.runMutation\` ` +
            `here writes a status such as "completed" or "failed". When the action ends, or throws, the job stays ` +
            `"processing" forever. Call an internal mutation that sets "completed" on success and "failed" (with the ` +
            `error) in a \`catch\`.`,
        );
      }
    }
  },
};
