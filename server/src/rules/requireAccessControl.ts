import type { RegisteredFunction } from "../project/types";
import type { Rule } from "./types";

/** The registrars that make a function callable by anyone (as in `@convex-dev/eslint-plugin`). */
const PUBLIC_BUILDERS = new Set(["query", "mutation", "action"]);

/**
 * `@convex-dev/eslint-plugin`'s default pattern: `requireUser`, `checkAccess`, `can`, `canEdit`,
 * `assert_admin`, `hasRole` — but not `canister`, and not a bare `has` (usually a Map/Set lookup).
 */
const ACCESS_CHECK = /^(require|assert|check|ensure|can)([A-Z_]|$)|^has[A-Z_]/;

function hasAccessCheck(fn: RegisteredFunction): boolean {
  if (fn.ctxCalls.some((c) => c.area === "auth" && c.method === "getUserIdentity")) return true;
  return fn.calls.some((c) => {
    // A bare `require(…)` is a CommonJS import; for `x.y(…)` the method name counts.
    if (c.callee === "require") return false;
    const name = c.callee.slice(c.callee.lastIndexOf(".") + 1);
    return ACCESS_CHECK.test(name);
  });
}

export const requireAccessControl: Rule = {
  meta: {
    id: "require-access-control",
    description: "A public query, mutation or action with no visible access check.",
    category: "function-types",
    defaultSeverity: "off",
    fixKind: "none",
    eslint: true,
  },
  check({ module, index, report }) {
    // A component's public functions are reachable only from the installing app (through `components.*`).
    if (index.isComponent) return;
    for (const fn of module.functions) {
      if (fn.visibility !== "public" || !PUBLIC_BUILDERS.has(fn.builder)) continue;
      if (!fn.handlerSpan) continue;
      if (hasAccessCheck(fn)) continue;
      report(
        fn.nameSpan,
        `Anyone on the internet can call ${fn.kind} "${fn.name}", and it has no visible access check. Call ` +
          `\`ctx.auth.getUserIdentity()\` or a check named like \`requireUser\`, \`checkAccess\`, \`canEditNote\` or ` +
          `\`hasRole\`, or make it internal (\`internal${fn.kind[0].toUpperCase()}${fn.kind.slice(1)}\`) if clients ` +
          `should not call it.`,
      );
    }
  },
};
