// Spans of the project model as the panel's locations: file URI plus zero-based line/character range.
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { positionAt } from "../project/parse";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, Span } from "../project/types";
import type { ViewLocation, ViewProject } from "../lsp/protocol";

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export function locationOf(module: Pick<ModuleFacts, "path" | "lineStarts">, span: Span): ViewLocation {
  return { uri: fileUri(module.path), range: { start: positionAt(module.lineStarts, span.start), end: positionAt(module.lineStarts, span.end) } };
}

/** The workspace folder a project belongs to, as the editor names it. */
export interface FolderInfo {
  name: string;
  path: string;
}

export function viewProject(project: ConvexProject, folder: FolderInfo | undefined): ViewProject {
  const base = folder?.path ?? project.location.root;
  return {
    id: fileUri(project.functionsDir),
    workspaceFolder: folder?.name ?? path.posix.basename(project.location.root),
    functionsDir: `${path.posix.relative(base, project.functionsDir)}/`,
  };
}
