import { bigintToInt64, getMetadataToSystemGet } from "../fixes/rewrites";
import { atLeast, minimumVersion } from "./explicitTableIds";
import type { Rule } from "./types";

export const deprecatedApi: Rule = {
  meta: {
    id: "deprecated-api",
    description: "Deprecated Convex APIs: `v.bigint()` and `ctx.storage.getMetadata`.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    const version = minimumVersion(index.convexVersion);
    const tableNameForm = version !== undefined && atLeast(version, [1, 31, 0]);
    for (const call of module.validatorCalls) {
      if (call.method !== "bigint") continue;
      report(
        call.span,
        "`v.bigint()` is deprecated. Use `v.int64()`: it is the same validator (a signed 64-bit integer, a JavaScript " +
          "`bigint`) under its current name.",
        { fixes: () => bigintToInt64(module, call) },
      );
    }
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        if (call.area !== "storage" || call.method !== "getMetadata") continue;
        const inAction = fn.kind === "action" || fn.kind === "httpAction";
        report(
          call.calleeSpan,
          "`ctx.storage.getMetadata` is deprecated. Read the file's document from the `_storage` system table instead: " +
            "`ctx.db.system.get(\"_storage\", id)` returns `{ _id, _creationTime, sha256, size, contentType? }` " +
            "(`_id` in place of `storageId`; `contentType` is absent rather than null when unknown)." +
            (inAction
              ? ` An ${fn.kind === "action" ? "action" : "HTTP action"} has no \`ctx.db\`: do the read in an internalQuery and call it with \`ctx.runQuery\`.`
              : ""),
          { fixes: () => getMetadataToSystemGet(module, fn, call, tableNameForm) },
        );
      }
    }
  },
};
