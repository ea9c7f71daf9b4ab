// Refactorings: code actions offered where the cursor is, without a finding. Plain data out; the
// LSP layer verifies each one and turns it into a code action.
import type { AnalysisIndex } from "../engine/index";
import type { ModuleFacts, Span } from "../project/types";
import type { Fix } from "../rules/types";
import { convertToInternal, convertToInternalTitle } from "./convertToInternal";

export const CONVERT_TO_INTERNAL_KIND = "refactor.rewrite.convex.convertToInternal";

export interface Refactoring {
  title: string;
  kind: string;
  /** The edits; absent when the refactoring is shown but cannot be applied. */
  fix?: Fix;
  /** Why it cannot be applied (shown by the editor on the disabled action). */
  disabledReason?: string;
}

const touches = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/**
 * The refactorings available at `span` (a cursor or selection) in `module`: "Convert to internal…"
 * on a public query, mutation or action, with the cursor on its exported name or its builder.
 */
export function refactoringsAt(index: AnalysisIndex, module: ModuleFacts, span: Span): Refactoring[] {
  if (module.role !== "function") return [];
  const out: Refactoring[] = [];
  for (const fn of module.functions) {
    // A default export's "name" is its whole builder call: only its builder counts there.
    const onName = fn.name !== "default" && touches(fn.nameSpan, span);
    if (!onName && !touches(fn.builderSpan, span)) continue;
    const conversion = convertToInternal(index, module, fn);
    if (!conversion) continue;
    out.push({ title: convertToInternalTitle(fn), kind: CONVERT_TO_INTERNAL_KIND, fix: conversion.fix, disabledReason: conversion.blocked });
  }
  return out;
}
