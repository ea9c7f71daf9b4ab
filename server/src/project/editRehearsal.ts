// The path a keystroke takes — TypeScript's incremental re-parse and the extraction that reuses the
// unchanged statements — run on a private copy of a module while the server is idle after reading
// the project. Reading the project never runs that path, so without this the user's first few
// dozen keystrokes are the ones V8 compiles and optimises it on, each two to four times slower
// than the rest (bench/README.md). Nothing here touches the project: the copy's trees and facts
// are dropped as soon as each step is done.
import { extractModule } from "./extract/module";
import { parseModule, reparseModule } from "./parse";
import type { ModuleFacts } from "./types";

/** Synthetic edits a rehearsal makes: enough for V8 to optimise the edit path (measured by `npm run bench`). */
export const REHEARSAL_EDITS = 40;

/**
 * One synthetic edit per step, alternately inserting a space at the start of a line in the middle of
 * the module and removing it again, as `didChange` would deliver them. Each step re-parses the
 * previous tree, extracts the facts of the copy from it and yields them (for tests; the server
 * drops them). Returns the number of edits made.
 */
export function* editRehearsal(module: ModuleFacts, edits = REHEARSAL_EDITS): Generator<ModuleFacts, number, void> {
  if (module.skipped !== undefined || module.text.length === 0) return 0;
  const original = module.text;
  const lineStart = original.indexOf("\n", original.length >> 1) + 1;
  if (lineStart <= 0) return 0;
  const edited = original.slice(0, lineStart) + " " + original.slice(lineStart);
  let tree = { text: original, sourceFile: parseModule(module.path, original) };
  let done = 0;
  while (done < edits) {
    const text = done % 2 === 0 ? edited : original;
    tree = { text, sourceFile: reparseModule(tree, text) };
    done++;
    yield extractModule({ path: module.path, text, version: `rehearsal ${done}`, modulePath: module.modulePath, role: module.role, sourceFile: tree.sourceFile });
  }
  return done;
}
