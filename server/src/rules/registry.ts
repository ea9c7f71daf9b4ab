// Every rule the engine runs, in catalogue order. Adding a rule = one file + one line here.
import { actionNoDb } from "./actionNoDb";
import { actionUnhandledExternalCall } from "./actionUnhandledExternalCall";
import { cronTargets } from "./cronTargets";
import { deprecatedApi } from "./deprecatedApi";
import { explicitTableIds } from "./explicitTableIds";
import { externalCallOutsideAction } from "./externalCallOutsideAction";
import { functionNaming } from "./functionNaming";
import { generatedReadonly } from "./generatedReadonly";
import { hardcodedSecret } from "./hardcodedSecret";
import { httpCors } from "./httpCors";
import { httpRouterExport } from "./httpRouterExport";
import { indexNaming } from "./indexNaming";
import { indexRangeOrder } from "./indexRangeOrder";
import { invalidIndex } from "./invalidIndex";
import { missingIndexForForeignKey } from "./missingIndexForForeignKey";
import { modulePath } from "./modulePath";
import { noAnyValidator } from "./noAnyValidator";
import { noCollectInQuery } from "./noCollectInQuery";
import { noDuplicateIndexes } from "./noDuplicateIndexes";
import { noFilterInQuery } from "./noFilterInQuery";
import { noFloatingPromises } from "./noFloatingPromises";
import { noImportUseNode } from "./noImportUseNode";
import { noOldRegisteredFunctionSyntax } from "./noOldRegisteredFunctionSyntax";
import { noSchemaImportCycle } from "./noSchemaImportCycle";
import { noTopOfHourCrons } from "./noTopOfHourCrons";
import { preferInternal } from "./preferInternal";
import { queryNoSideEffects } from "./queryNoSideEffects";
import { queryNoWrites } from "./queryNoWrites";
import { queryPreferNullOverThrow } from "./queryPreferNullOverThrow";
import { requireAccessControl } from "./requireAccessControl";
import { requireArgsValidator } from "./requireArgsValidator";
import { runActionSameRuntime } from "./runActionSameRuntime";
import { runInQueryOrMutation } from "./runInQueryOrMutation";
import { scheduledJobStatus } from "./scheduledJobStatus";
import { scheduleInternalOnly } from "./scheduleInternalOnly";
import { schemaMissing } from "./schemaMissing";
import { sequentialRunCalls } from "./sequentialRunCalls";
import { storageIdValidator } from "./storageIdValidator";
import { unknownIndex } from "./unknownIndex";
import { unknownTable } from "./unknownTable";
import { uploadUrlInMutation } from "./uploadUrlInMutation";
import { useNodeOnlyActions } from "./useNodeOnlyActions";
import { useNodeRequired } from "./useNodeRequired";
import type { Rule } from "./types";

export const RULES: readonly Rule[] = [
  schemaMissing,
  unknownTable,
  noAnyValidator,
  noFilterInQuery,
  unknownIndex,
  indexRangeOrder,
  noDuplicateIndexes,
  invalidIndex,
  indexNaming,
  missingIndexForForeignKey,
  queryNoSideEffects,
  queryNoWrites,
  queryPreferNullOverThrow,
  actionNoDb,
  useNodeRequired,
  useNodeOnlyActions,
  noImportUseNode,
  requireArgsValidator,
  noOldRegisteredFunctionSyntax,
  preferInternal,
  scheduleInternalOnly,
  noFloatingPromises,
  noCollectInQuery,
  requireAccessControl,
  explicitTableIds,
  externalCallOutsideAction,
  hardcodedSecret,
  actionUnhandledExternalCall,
  scheduledJobStatus,
  sequentialRunCalls,
  runActionSameRuntime,
  runInQueryOrMutation,
  noTopOfHourCrons,
  cronTargets,
  storageIdValidator,
  uploadUrlInMutation,
  httpRouterExport,
  httpCors,
  deprecatedApi,
  noSchemaImportCycle,
  generatedReadonly,
  functionNaming,
  modulePath,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

/** Where each rule's documentation page lives; diagnostics and SARIF link here. */
export const DOCS_BASE_URL = "https://github.com/convex-guidelines/convex-guidelines/blob/main/docs/rules/";

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
