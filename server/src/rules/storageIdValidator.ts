import type { Span, ValidatorCall } from "../project/types";
import { stringToStorageId } from "../fixes/rewrites";
import type { Rule } from "./types";

const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;

/** `storageId`, `storageIds`, `imageStorageId`, `thumbnailStorageIds`. */
export const STORAGE_ID_KEY = /^(?:storageIds?|[A-Za-z0-9_$]+StorageIds?)$/;

export const storageIdValidator: Rule = {
  meta: {
    id: "storage-id-validator",
    description: "A field or argument that holds storage ids (`storageId`, `…StorageId`) validated with `v.string()` instead of `v.id(\"_storage\")`.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    // In a component, a storage id handed over by the installing app belongs to the app's storage,
    // and ids cross the component boundary as plain strings: `v.string()` is right there.
    if (index.isComponent) return;
    const candidates = module.validatorCalls.filter((c) => c.method === "string" && c.key !== undefined && STORAGE_ID_KEY.test(c.key));
    if (candidates.length === 0) return;
    // `v.record(v.string(), …)` keyed by the property name: the string validates record keys, whose
    // position the facts do not tell apart from the value's. Leave every string inside a record alone.
    const records = module.validatorCalls.filter((c) => c.method === "record");
    const containers: { span: Span; where: string }[] = [];
    if (module.role === "schema" && module.schema) {
      for (const t of module.schema.tables) {
        containers.push({ span: t.span, where: `table "${t.name}"` });
        for (const f of t.fields) containers.push({ span: f.span, where: `table "${t.name}"` });
      }
    }
    for (const fn of module.functions) {
      if (fn.argsSpan) containers.push({ span: fn.argsSpan, where: `the args of ${fn.kind} "${fn.name}"` });
    }
    const seen = new Set<ValidatorCall>();
    for (const call of candidates) {
      if (seen.has(call)) continue;
      if (records.some((r) => r !== call && within(call.span, r.span))) continue;
      const container = containers.find((c) => within(call.span, c.span));
      if (!container) continue;
      seen.add(call);
      const plural = call.key!.endsWith("s");
      report(
        call.span,
        `"${call.key}" in ${container.where} holds storage ${plural ? "ids" : "id"} but is validated with \`v.string()\`. ` +
          `Use \`v.id("_storage")\`: it rejects strings that are not ids of stored files, and it types the value as ` +
          `\`Id<"_storage">\`, which \`ctx.storage.getUrl\`/\`delete\` and \`ctx.db.system.get\` expect.`,
        { fixes: () => stringToStorageId(module, call) },
      );
    }
  },
};
