// The Functions view's data: every module of a project's functions folder with the functions it
// registers, their kind, visibility, arguments and how many places call them.
import type { AnalysisIndex } from "../engine/index";
import type { ConvexProject } from "../project/project";
import type { FunctionsTreeProject, FunctionsTreeModule } from "../lsp/protocol";
import type { RegisteredFunction } from "../project/types";
import { fileUri, locationOf, viewProject, type FolderInfo } from "./location";

export function functionsTreeOf(project: ConvexProject, index: AnalysisIndex, folder?: FolderInfo): FunctionsTreeProject {
  const modules: FunctionsTreeModule[] = [];
  for (const module of project.modules.values()) {
    if (module.role !== "function" || module.functions.length === 0) continue;
    modules.push({
      modulePath: module.modulePath,
      uri: fileUri(module.path),
      functions: module.functions.map((fn) => ({
        name: fn.name,
        kind: fn.kind,
        visibility: fn.visibility,
        args: argsSummary(fn, module.text),
        callSites: index.serverReferencesTo(module, fn).length + index.clientReferencesTo(module, fn).length,
        location: locationOf(module, fn.nameSpan),
      })),
    });
  }
  modules.sort((a, b) => a.modulePath.localeCompare(b.modulePath));
  return { ...viewProject(project, folder), modules };
}

const MAX_ARGS_LENGTH = 60;

export function argsSummary(fn: RegisteredFunction, source: string): string {
  if (fn.kind === "httpAction") return "";
  if (!fn.hasArgs) return "no args validator";
  if (fn.argNames.length === 0) {
    // Not an object literal (a shared validator constant): show what is written.
    const written = fn.argsSpan ? source.slice(fn.argsSpan.start, fn.argsSpan.end).replace(/^args\s*:\s*/, "").replace(/\s+/g, " ") : "{}";
    return /^\{\s*\}$/.test(written) ? "{}" : written.length > MAX_ARGS_LENGTH ? `${written.slice(0, MAX_ARGS_LENGTH - 1)}…` : written;
  }
  const text = `{ ${fn.argNames.join(", ")} }`;
  return text.length > MAX_ARGS_LENGTH ? `{ ${fn.argNames.length} args }` : text;
}
