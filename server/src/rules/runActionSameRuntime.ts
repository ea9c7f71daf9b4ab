import { hasUseNode } from "./nodeBuiltins";
import type { Rule } from "./types";

export const runActionSameRuntime: Rule = {
  meta: {
    id: "run-action-same-runtime",
    description: "`ctx.runAction` from an action to an action that runs in the same runtime.",
    category: "application-patterns",
    defaultSeverity: "info",
    fixKind: "none",
  },
  check({ module, index, report }) {
    if (module.role !== "function") return;
    const callerNode = hasUseNode(module.directives);
    for (const fn of module.functions) {
      // HTTP actions always run in the default runtime ("use node" files cannot hold them).
      if (fn.kind !== "action" && fn.kind !== "httpAction") continue;
      for (const call of fn.ctxCalls) {
        if (call.area !== "run" || call.method !== "runAction" || !call.functionArg) continue;
        const target = index.resolve(call.functionArg);
        // Component functions, function handles and targets outside the project: runtime unknown.
        if (!target || target.fn.kind !== "action") continue;
        const targetNode = hasUseNode(target.module.directives);
        if (targetNode !== callerNode) continue;
        const runtime = callerNode ? "Node.js runtime" : "default Convex runtime";
        const name = `${call.functionArg.root}.${call.functionArg.path.join(".")}`;
        report(
          call.calleeSpan,
          `\`ctx.runAction(${name})\` from ${fn.kind === "httpAction" ? "HTTP action" : "action"} "${fn.name}": both run in the ` +
            `${runtime}. \`runAction\` starts a separate function call with its own memory and CPU while this one just waits, ` +
            `so Convex recommends it only for switching runtimes. Move the shared logic into a plain TypeScript helper that ` +
            `takes \`ctx\` and call it directly.`,
        );
      }
    }
  },
};
