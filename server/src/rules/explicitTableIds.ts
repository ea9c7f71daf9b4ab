import { addTableName } from "../fixes/tableIds";
import type { Rule } from "./types";

/** Arguments of the old form of each method: `get(id)`, `patch(id, value)`; the table-name form has one more. */
const OLD_ARG_COUNT: Record<string, number> = { get: 1, delete: 1, patch: 2, replace: 2 };

/** The first `x.y.z` in a dependency range (`^1.31.0` → [1, 31, 0]); undefined when there is none. */
export function minimumVersion(range: string | undefined): [number, number, number] | undefined {
  const match = range === undefined ? null : /(\d+)\.(\d+)\.(\d+)/.exec(range);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function atLeast(version: [number, number, number], wanted: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== wanted[i]) return version[i] > wanted[i];
  return true;
}

export const explicitTableIds: Rule = {
  meta: {
    id: "explicit-table-ids",
    description: "`ctx.db.get/patch/replace/delete(id, …)` without the table name as the first argument (convex ≥ 1.31).",
    category: "function-types",
    defaultSeverity: "warning",
    fixKind: "fix",
    eslint: true,
  },
  check({ module, index, report }) {
    if (module.role !== "function") return;
    // The table-name overloads exist from convex 1.31.0 on; before that the advice cannot be followed.
    const version = minimumVersion(index.convexVersion);
    if (!version || !atLeast(version, [1, 31, 0])) return;
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        // Counting arguments also recognises a table name held in a variable: `db.get(table, id)`.
        if (call.area !== "db" || OLD_ARG_COUNT[call.method] !== call.argCount || call.tableName !== undefined) continue;
        report(
          call.calleeSpan,
          `\`db.${call.method}\` without the table name: since convex 1.31.0 the \`ctx.db\` methods take the table as their ` +
            `first argument (\`db.${call.method}("table", id${call.method === "get" || call.method === "delete" ? "" : ", …"})\`). ` +
            `Convex recommends always passing it: it adds a safeguard, and it will be required for custom ID ` +
            `generation. Add the table name as the first argument.`,
          { fixes: () => addTableName(module, call) },
        );
      }
    }
  },
};
