// The path a keystroke takes — TypeScript's incremental re-parse, the extraction that reuses the
// unchanged statements, the incremental analysis — run on a private copy of a module and its
// schema while the server is idle after reading the project. Reading the project never runs that
// path, so without this the user's first keystrokes are the ones V8 compiles and optimises it on,
// each two to four times slower than the rest (bench/README.md). Nothing here touches the user's
// project: the copy lives in a workspace of its own, over memory, dropped when the rehearsal ends.
import { memoryFileSystem } from "../project/fileSystem";
import type { ModuleFacts } from "../project/types";
import { Workspace } from "../project/workspace";
import { analyze, type ProjectAnalysis } from "./analyze";
import type { AnalysisSettings } from "./settings";

/** Synthetic edits a rehearsal makes: enough for V8 to optimise the edit path (measured by `npm run bench`). */
export const REHEARSAL_EDITS = 20;

export interface RehearsalInput {
  /** The module to copy, usually the one the user has open. */
  module: ModuleFacts;
  /** Its project's schema module, copied along so that the schema rules run as they will. */
  schema?: ModuleFacts;
  /** Its project's root and functions folder. */
  root: string;
  functionsDir: string;
  settings: AnalysisSettings;
}

/**
 * One synthetic edit per step, alternately inserting a space at the start of a line in the middle of
 * the module and removing it again, as `didChange` would deliver them: the edited text goes to the
 * private workspace as an editor buffer and the project is analysed incrementally, as the server
 * does. Yields each step's analysis (for tests; the server drops them) and returns the edits made.
 */
export function* editRehearsal(input: RehearsalInput, edits = REHEARSAL_EDITS): Generator<ProjectAnalysis, number, void> {
  const { module, schema } = input;
  if (module.skipped !== undefined || module.text.length === 0) return 0;
  const original = module.text;
  const lineStart = original.indexOf("\n", original.length >> 1) + 1;
  if (lineStart <= 0) return 0;
  const edited = original.slice(0, lineStart) + " " + original.slice(lineStart);
  const files: Record<string, string> = { [module.path]: original };
  if (schema && schema.skipped === undefined) files[schema.path] = schema.text;
  const workspace = new Workspace(memoryFileSystem(files));
  workspace.setRoots([{ path: input.root, functionsDir: input.functionsDir }]);
  workspace.load();
  const project = workspace.projects[0];
  if (!project?.modules.has(module.path)) return 0;
  // Opened as the editor opens it: its later versions are re-parsed from this one's tree.
  workspace.setOverlay(module.path, original, "1");
  let analysis = analyze(project, input.settings);
  let done = 0;
  while (done < edits) {
    workspace.setOverlay(module.path, done % 2 === 0 ? edited : original, String(done + 2));
    analysis = analyze(project, input.settings, { previous: analysis });
    for (const file of analysis.files()) analysis.reports(file);
    done++;
    yield analysis;
  }
  return done;
}
