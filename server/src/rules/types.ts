// The contract between the engine and a rule. A rule reads facts and reports spans; it never
// parses, does I/O, or knows about LSP. Its fixes are built by server/src/fixes/, which may
// re-parse a module to shape edits, and only when someone asks for them.
import type { AnalysisIndex } from "../engine/index";
import type { ModuleFacts, Span } from "../project/types";

export type Severity = "error" | "warning" | "info" | "hint";
export type SeveritySetting = Severity | "off";

export type RuleCategory = "schema" | "function-types" | "application-patterns" | "code-structure";

export interface RuleMeta {
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  category: RuleCategory;
  defaultSeverity: SeveritySetting;
  /** Whether the catalogue plans a code action: `fix` (safe, applied by fix-all), `suggestion`, or none. */
  fixKind: "fix" | "suggestion" | "none";
  /** The rule is also in `@convex-dev/eslint-plugin` with the same id and meaning. */
  eslint?: boolean;
  /** Reported because Convex would reject the push. */
  deploy?: boolean;
  /** Also runs on files in the functions folder that Convex's bundler skips (role `unrouted`). */
  unroutedFiles?: boolean;
}

/**
 * A text edit in one file: offsets into that file's current text. With `create`, the file does not
 * exist yet and `newText` is its whole content (start and end are 0).
 */
export interface FileEdit {
  path: string;
  start: number;
  end: number;
  newText: string;
  create?: boolean;
}

/** A code action that changes code. `safe` fixes are the ones fix-all applies; the others are suggestions. */
export interface Fix {
  title: string;
  safe: boolean;
  edits: FileEdit[];
}

export interface ReportOptions {
  /**
   * Edits that resolve the finding; each is verified before it is offered. A function is called only
   * when someone asks for the fixes (a code action request, fix-all, the CLI), so expensive fixes
   * cost nothing while the user types.
   */
  fixes?: Fix[] | (() => Fix[]);
  /**
   * The default severity of this finding when it differs from the rule's (a redundant prefix index
   * is a warning, an identical one an error). A severity the user set for the rule still wins.
   */
  severity?: Severity;
}

export interface RuleContext {
  module: ModuleFacts;
  index: AnalysisIndex;
  report(span: Span, message: string, options?: ReportOptions): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
