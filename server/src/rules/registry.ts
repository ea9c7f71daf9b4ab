// Every rule the engine runs, in catalogue order. Adding a rule = one file + one line here.
import { actionNoDb } from "./actionNoDb";
import { cronTargets } from "./cronTargets";
import { indexNaming } from "./indexNaming";
import { indexRangeOrder } from "./indexRangeOrder";
import { invalidIndex } from "./invalidIndex";
import { noDuplicateIndexes } from "./noDuplicateIndexes";
import { noFilterInQuery } from "./noFilterInQuery";
import { noOldRegisteredFunctionSyntax } from "./noOldRegisteredFunctionSyntax";
import { preferInternal } from "./preferInternal";
import { queryNoWrites } from "./queryNoWrites";
import { requireArgsValidator } from "./requireArgsValidator";
import { runInQueryOrMutation } from "./runInQueryOrMutation";
import { scheduleInternalOnly } from "./scheduleInternalOnly";
import { schemaMissing } from "./schemaMissing";
import type { Rule } from "./types";
import { unknownIndex } from "./unknownIndex";
import { unknownTable } from "./unknownTable";
import { uploadUrlInMutation } from "./uploadUrlInMutation";
import { useNodeOnlyActions } from "./useNodeOnlyActions";
import { useNodeRequired } from "./useNodeRequired";

export const RULES: readonly Rule[] = [
  schemaMissing,
  unknownTable,
  noFilterInQuery,
  unknownIndex,
  indexRangeOrder,
  noDuplicateIndexes,
  invalidIndex,
  indexNaming,
  queryNoWrites,
  actionNoDb,
  useNodeRequired,
  useNodeOnlyActions,
  requireArgsValidator,
  noOldRegisteredFunctionSyntax,
  preferInternal,
  scheduleInternalOnly,
  runInQueryOrMutation,
  cronTargets,
  uploadUrlInMutation,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

/** Where each rule's documentation page lives; diagnostics and SARIF link here. */
export const DOCS_BASE_URL = "https://github.com/convex-guidelines/convex-guidelines/blob/main/docs/rules/";

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
