// Fixture helpers: copy a fixture project to a throw-away folder so tests can edit it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../../..");

export interface TempProject {
  root: string;
  path(relative: string): string;
  read(relative: string): string;
  write(relative: string, text: string): void;
  dispose(): void;
}

export function copyFixture(source: string): TempProject {
  const root = mkdtempSync(join(tmpdir(), "convex-guidelines-"));
  cpSync(resolve(REPO_ROOT, source), root, { recursive: true });
  return {
    root,
    path: (relative) => join(root, relative),
    read: (relative) => readFileSync(join(root, relative), "utf8"),
    write: (relative, text) => writeFileSync(join(root, relative), text),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
