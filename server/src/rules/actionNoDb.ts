import type { Rule } from "./types";

export const actionNoDb: Rule = {
  meta: {
    id: "action-no-db",
    description: "`ctx.db` used in an action.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "suggestion",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.kind !== "action") continue;
      for (const call of fn.ctxCalls) {
        if (call.area !== "db") continue;
        report(
          call.areaSpan,
          `Action "${fn.name}" uses the database directly, but actions have no \`ctx.db\` (it is undefined at run ` +
            `time). Put the read or write in an internalQuery or internalMutation and call it with ` +
            `\`ctx.runQuery\` / \`ctx.runMutation\`.`,
        );
      }
    }
  },
};
