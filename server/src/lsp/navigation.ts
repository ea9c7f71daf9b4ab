// LSP wiring for the navigation aids: positions ↔ offsets and navigation results ↔ LSP types.
// The answers themselves come from server/src/navigation/.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Connection, type Hover, type Location, type Range } from "vscode-languageserver/node";
import { completionsAt, type NavCompletion } from "../navigation/completion";
import { definitionAt, type NavLocation } from "../navigation/definition";
import { hoverAt } from "../navigation/hover";
import { referencesAt } from "../navigation/references";
import { moduleOf, offsetOf } from "../navigation/symbols";
import { positionAt } from "../project/parse";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, Span } from "../project/types";
import type { Workspace } from "../project/workspace";
import { pathToUri, uriToPath } from "./convert";

export const NAVIGATION_CAPABILITIES = {
  definitionProvider: true,
  referencesProvider: true,
  hoverProvider: true,
  completionProvider: { triggerCharacters: ['"', "'"] },
};

type Log = (message: string) => void;

export function registerNavigation(connection: Connection, workspace: Workspace, error: Log): void {
  /** Runs `fn` for each project the file belongs to with the cursor's offset; a failure answers nothing. */
  const each = <T>(name: string, uri: string, position: { line: number; character: number }, fn: (project: ConvexProject, file: string, offset: number, module: ModuleFacts) => T[]): T[] => {
    try {
      const file = uriToPath(uri);
      if (!file) return [];
      const out: T[] = [];
      for (const project of workspace.projectsFor(file)) {
        const module = moduleOf(project, file);
        if (module) out.push(...fn(project, file, offsetOf(module, position), module));
      }
      return out;
    } catch (e) {
      error(`${name} failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  };

  connection.onDefinition((params) =>
    each("definition", params.textDocument.uri, params.position, (project, file, offset) => definitionAt(project, file, offset).map(toLocation)));

  connection.onReferences((params) =>
    each("references", params.textDocument.uri, params.position, (project, file, offset) =>
      referencesAt(project, file, offset, params.context.includeDeclaration).map(toLocation)));

  connection.onHover((params): Hover | null => {
    const [hover] = each("hover", params.textDocument.uri, params.position, (project, file, offset, module) => {
      const found = hoverAt(project, file, offset);
      return found ? [{ contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(module, found.span) }] : [];
    });
    return hover ?? null;
  });

  connection.onCompletion((params) =>
    each("completion", params.textDocument.uri, params.position, (project, file, offset, module) =>
      completionsAt(project, file, offset).map((item, i) => toCompletionItem(module, item, i))));
}

const COMPLETION_KINDS: Record<NavCompletion["kind"], CompletionItemKind> = {
  table: CompletionItemKind.Struct,
  index: CompletionItemKind.Property,
  field: CompletionItemKind.Field,
};

/** Kept in the engine's order (`sortText`), replacing the whole string content. */
function toCompletionItem(module: ModuleFacts, item: NavCompletion, i: number): CompletionItem {
  return {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind],
    detail: item.detail,
    sortText: String(i).padStart(4, "0"),
    filterText: item.label,
    textEdit: { range: toRange(module, item.replace), newText: item.label },
    ...(item.preselect ? { preselect: true } : {}),
  };
}

export function toRange(module: ModuleFacts, span: Span): Range {
  return { start: positionAt(module.lineStarts, span.start), end: positionAt(module.lineStarts, span.end) };
}

export function toLocation(location: NavLocation): Location {
  return { uri: pathToUri(location.module.path), range: toRange(location.module, location.span) };
}
