// Every Convex project of the open workspace folders (or of the paths the CLI was given), with
// unsaved editor buffers put in front of the disk. The one model the server and the CLI share.
import { discoverProjects } from "./discovery";
import { nodeFileSystem, type DirEntry, type FileSystem } from "./fileSystem";
import { isWithin, normalizePath } from "./paths";
import { ConvexProject, type Logger } from "./project";

export interface WorkspaceRoot {
  path: string;
  /** `convex.functionsDir`: use this folder instead of detecting. */
  functionsDir?: string;
}

export class Workspace {
  private readonly overlays = new Map<string, string>();
  private roots: WorkspaceRoot[] = [];
  projects: ConvexProject[] = [];
  readonly fs: FileSystem;

  private readonly disk: FileSystem;
  /** Functions folders that disappeared during the session, to notice when one comes back. */
  private readonly lost = new Set<string>();

  constructor(disk: FileSystem = nodeFileSystem, private readonly log: Logger = () => {}) {
    this.disk = disk;
    const overlays = this.overlays;
    this.fs = {
      readFile: (p) => overlays.get(p) ?? disk.readFile(p),
      isFile: (p) => overlays.has(p) || disk.isFile(p),
      isDirectory: (p) => disk.isDirectory(p),
      readDirectory: (p): DirEntry[] => disk.readDirectory(p),
      size: (p) => overlays.get(p)?.length ?? disk.size?.(p),
    };
  }

  /**
   * (Re)discovers projects under the given roots and loads them. With `first`, each project reads
   * only what those files need (see ConvexProject.loadFirst) and `load()` must follow.
   */
  setRoots(roots: WorkspaceRoot[], first?: readonly string[]): void {
    this.roots = roots.map((r) => ({ ...r, path: normalizePath(r.path) }));
    this.reload(first);
  }

  reload(first?: readonly string[]): void {
    this.projects = [];
    for (const root of this.roots) {
      for (const location of discoverProjects(this.fs, root.path, { functionsDir: root.functionsDir, log: this.log })) {
        if (this.projects.some((p) => p.functionsDir === location.functionsDir)) continue;
        const project = new ConvexProject(location, root.path, this.fs, this.log, this.disk);
        if (first) project.loadFirst(first.filter((f) => project.roleOf(f) !== undefined));
        else project.load();
        this.projects.push(project);
      }
    }
  }

  /** Completes loading after `setRoots(roots, first)`. */
  load(): void {
    for (const project of this.projects) project.load();
  }

  /** The editor's text for an open document replaces the disk's. Returns the projects that changed. */
  setOverlay(file: string, text: string, version: string): ConvexProject[] {
    this.overlays.set(file, text);
    return this.projects.filter((p) => p.update(file, version));
  }

  /** A closed document falls back to the disk. */
  clearOverlay(file: string): ConvexProject[] {
    this.overlays.delete(file);
    return this.projects.filter((p) => p.update(file));
  }

  /**
   * A file changed, appeared or disappeared on disk. A `convex.json` change can move a functions
   * folder, so it rediscovers everything.
   */
  fileChanged(file: string): ConvexProject[] {
    if (file.endsWith("/convex.json")) {
      this.reload();
      return this.projects;
    }
    if (this.overlays.has(file)) return [];
    // A functions folder deleted (or moved away) with everything in it, or one of its files deleted
    // after it: the projects are found again, and those gone are returned so that their findings
    // are cleared. A folder that comes back is found again the same way.
    const related = (dir: string) => isWithin(file, dir) || isWithin(dir, file);
    const gone = this.projects.filter((p) => related(p.functionsDir) && !this.disk.isDirectory(p.functionsDir));
    const back = [...this.lost].filter((dir) => related(dir) && this.disk.isDirectory(dir));
    if (gone.length > 0 || back.length > 0) {
      for (const p of gone) {
        this.log(`functions folder ${p.functionsDir} is gone: its findings are cleared`);
        this.lost.add(p.functionsDir);
        for (const table of [p.modules, p.clients, p.unrouted]) table.clear();
      }
      for (const dir of back) {
        this.log(`functions folder ${dir} is back: reading it again`);
        this.lost.delete(dir);
      }
      this.reload();
      return [...gone, ...this.projects];
    }
    // A folder (or the whole functions folder) vanished: drop what lived below it.
    const changed = this.projects.filter((p) => {
      if (this.fs.isDirectory(file) || this.fs.isFile(file)) return p.update(file);
      let removed = false;
      for (const table of [p.modules, p.clients, p.unrouted]) {
        for (const key of [...table.keys()]) if (isWithin(file, key)) removed = table.delete(key) || removed;
      }
      return removed;
    });
    return changed;
  }

  projectsFor(file: string): ConvexProject[] {
    return this.projects.filter((p) => p.modules.has(file) || p.clients.has(file) || p.unrouted.has(file) || p.roleOf(file) !== undefined);
  }

  rootFor(file: string): WorkspaceRoot | undefined {
    return this.roots.find((r) => isWithin(r.path, file));
  }
}
