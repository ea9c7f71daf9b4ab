import * as path from "node:path";
import { convertToInternal } from "../fixes/convertToInternal";
import { positionAt } from "../project/parse";
import { internalBuilder, plural } from "./text";
import type { Rule } from "./types";

export const preferInternal: Rule = {
  meta: {
    id: "prefer-internal",
    description: "A public function that only server code calls.",
    category: "function-types",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    // A component's public functions are its API, called by the installing app through `components.*`.
    if (module.role !== "function" || index.isComponent) return;
    for (const fn of module.functions) {
      if (fn.visibility !== "public" || fn.kind === "httpAction") continue;
      const server = index.serverReferencesTo(module, fn);
      if (server.length === 0 || index.clientReferencesTo(module, fn).length > 0) continue;
      const first = server[0];
      const where = `${path.posix.relative(index.root, first.module.path)}:${positionAt(first.module.lineStarts, first.reference.span.start).line + 1}`;
      const ref = [...module.modulePath.split("/"), fn.name].join(".");
      report(
        fn.nameSpan,
        `"${fn.name}" is public but only server code calls it (${plural(server.length, "place")}, first in ${where}); ` +
          `no client code in this workspace does. Public functions can be called by anyone. Make it ` +
          `${internalBuilder(fn.kind)} and call it as internal.${ref}.`,
        {
          fixes: () => {
            const conversion = convertToInternal(index, module, fn);
            return conversion?.fix ? [conversion.fix] : [];
          },
        },
      );
    }
  },
};
