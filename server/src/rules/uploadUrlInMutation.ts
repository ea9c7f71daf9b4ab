import type { Rule } from "./types";

export const uploadUrlInMutation: Rule = {
  meta: {
    id: "upload-url-in-mutation",
    description: "`ctx.storage.generateUploadUrl()` in an action or HTTP action instead of a mutation.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "none",
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      // Mutations are the intended place. Queries are left to query-no-writes, which reports the
      // same call as an error (a query's storage has no generateUploadUrl).
      if (fn.kind !== "action" && fn.kind !== "httpAction") continue;
      const what = fn.kind === "action" ? "action" : "HTTP action";
      for (const call of fn.ctxCalls) {
        if (call.area !== "storage" || call.method !== "generateUploadUrl") continue;
        report(
          call.calleeSpan,
          `Upload URL generated in ${what} "${fn.name}". Generate upload URLs in a mutation: the client gets one ` +
            `with \`useMutation\`, and the mutation is where you check who may upload before handing out the URL.`,
        );
      }
    }
  },
};
