// Every rule the engine runs, in catalogue order. Adding a rule = one file + one line here.
import { actionNoDb } from "./actionNoDb";
import { noFilterInQuery } from "./noFilterInQuery";
import { preferInternal } from "./preferInternal";
import { queryNoWrites } from "./queryNoWrites";
import { requireArgsValidator } from "./requireArgsValidator";
import { scheduleInternalOnly } from "./scheduleInternalOnly";
import type { Rule } from "./types";
import { unknownIndex } from "./unknownIndex";
import { unknownTable } from "./unknownTable";
import { useNodeOnlyActions } from "./useNodeOnlyActions";
import { useNodeRequired } from "./useNodeRequired";

export const RULES: readonly Rule[] = [
  unknownTable,
  noFilterInQuery,
  unknownIndex,
  queryNoWrites,
  actionNoDb,
  useNodeRequired,
  useNodeOnlyActions,
  requireArgsValidator,
  preferInternal,
  scheduleInternalOnly,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

/** Where each rule's documentation page lives; diagnostics and SARIF link here. */
export const DOCS_BASE_URL = "https://github.com/convex-guidelines/convex-guidelines/blob/main/docs/rules/";

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
