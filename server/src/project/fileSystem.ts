// The engine's only window onto the disk. Everything reads through this interface, so tests can
// use an in-memory tree and the language server can put unsaved editor buffers in front of it.
import * as fs from "node:fs";

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

export interface FileSystem {
  /**
   * The file's text, or undefined when it does not exist or cannot be read as a file (on disk: also
   * when it is larger than MAX_FILE_BYTES). A leading byte order mark is not part of the text, as in
   * an editor: offsets and positions are the same whether a file is read from disk or open.
   */
  readFile(path: string): string | undefined;
  /** The file's size in bytes, when known: tells a file too large to read from a missing one. */
  size?(path: string): number | undefined;
  readDirectory(path: string): DirEntry[];
  isDirectory(path: string): boolean;
  isFile(path: string): boolean;
}

/**
 * Larger files are not analysed (a generated or vendored blob is not a hand-written Convex module),
 * whether on disk or open in an editor: parsing one on every keystroke would stall the server.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export const nodeFileSystem: FileSystem = {
  readFile(path) {
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return withoutBom(fs.readFileSync(path, "utf8"));
    } catch {
      return undefined;
    }
  },
  size(path) {
    try {
      const stat = fs.statSync(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  },
  readDirectory(path) {
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        // Symlinks are not followed: a link loop must not hang discovery.
        isDirectory: d.isDirectory(),
        isFile: d.isFile(),
      }));
    } catch {
      return [];
    }
  },
  isDirectory(path) {
    try {
      return fs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  isFile(path) {
    try {
      return fs.statSync(path).isFile();
    } catch {
      return false;
    }
  },
};

/** The text without a leading byte order mark (editors do not show it, and `JSON.parse` rejects it). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** An in-memory tree for tests: keys are absolute `/` paths, values the file text. Edits to the object show through. */
export function memoryFileSystem(files: Record<string, string>): FileSystem {
  const prefixOf = (p: string) => (p.endsWith("/") ? p : p + "/");
  return {
    readFile: (p) => files[p],
    isDirectory: (p) => Object.keys(files).some((f) => f.startsWith(prefixOf(p))),
    isFile: (p) => p in files,
    readDirectory(p) {
      const prefix = prefixOf(p);
      const seen = new Map<string, DirEntry>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length);
        const slash = rest.indexOf("/");
        const name = slash === -1 ? rest : rest.slice(0, slash);
        seen.set(name, { name, isDirectory: slash !== -1, isFile: slash === -1 });
      }
      return [...seen.values()];
    },
  };
}
