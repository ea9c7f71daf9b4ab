import type { Span, ValidatorCall } from "../project/types";
import type { Rule } from "./types";

const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;

export const noAnyValidator: Rule = {
  meta: {
    id: "no-any-validator",
    description: "`v.any()` in a table definition or in a public function's `args`.",
    category: "schema",
    defaultSeverity: "warning",
    fixKind: "none",
  },
  check({ module, index, report }) {
    const anys = module.validatorCalls.filter((c) => c.method === "any");
    if (anys.length === 0) return;
    // A component's tables and public functions are reached only through the installing app's
    // server code, and a component that stores or forwards the app's values (job arguments,
    // migration state) cannot know their shape: `v.any()` is how such a boundary is typed.
    if (index.isComponent) return;
    const reported = new Set<ValidatorCall>();
    if (module.role === "schema" && module.schema) {
      for (const call of anys) {
        const table = module.schema.tables.find(
          (t) => within(call.span, t.span) || t.fields.some((f) => within(call.span, f.span)),
        );
        if (!table) continue;
        reported.add(call);
        report(
          call.span,
          `\`v.any()\` in table "${table.name}"${call.key !== undefined ? ` (field "${call.key}")` : ""}: Convex stores whatever ` +
            `is written there without checking it, and the generated types make it \`any\`, so every reader has to guess ` +
            `its shape. Describe the value with a specific validator (\`v.object({ … })\`, \`v.union(…)\`, ` +
            `\`v.record(v.string(), …)\`).`,
        );
      }
    }
    for (const fn of module.functions) {
      if (fn.visibility !== "public" || !fn.argsSpan) continue;
      for (const call of anys) {
        if (reported.has(call) || !within(call.span, fn.argsSpan)) continue;
        reported.add(call);
        report(
          call.span,
          `\`v.any()\` in the args of public ${fn.kind} "${fn.name}"${call.key !== undefined ? ` (argument "${call.key}")` : ""}: ` +
            `anyone with the deployment URL can call it with any value there, so the validator checks nothing and the ` +
            `handler sees \`any\`. Validate the exact shape you expect (\`v.object({ … })\`, \`v.union(…)\`, \`v.id("table")\`).`,
        );
      }
    }
  },
};
