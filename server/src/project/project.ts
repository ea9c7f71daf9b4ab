// One Convex project: a functions folder, its modules and schema, and the client files around it
// that call its functions. Holds facts only; rules read them through the analysis index.
import * as path from "node:path";
import { IGNORED_DIRS, type ProjectLocation } from "./discovery";
import type ts from "typescript";
import { extractModule, unreadableModule, type Builder, type ModuleInput } from "./extract/module";
import { parseModule, reparseModule } from "./parse";
import { MAX_FILE_BYTES, type FileSystem } from "./fileSystem";
import { SOURCE_EXTENSIONS, candidateModulePaths, isFunctionModule, isSourceFile, isWithin, modulePathOf } from "./paths";
import type { ModuleFacts, SchemaFacts } from "./types";

/** How many edited files keep their syntax tree for incremental re-parsing. */
const MAX_EDITED_TREES = 8;

/** Client files are found by scanning; a runaway tree must not stall the server. */
const MAX_CLIENT_SCAN_FILES = 20_000;
const MAX_SCAN_DEPTH = 12;

export type Logger = (message: string) => void;

/** The team's shared rule setup, committed next to convex.json; the CLI and the editor both read it. */
export const CONFIG_FILE = "convex-guidelines.json";

export interface ProjectConfigFile {
  path: string;
  /** The parsed JSON, validated by the engine. */
  json?: unknown;
  /** Why the file could not be read as JSON. */
  error?: string;
}

export class ConvexProject {
  readonly modules = new Map<string, ModuleFacts>();
  readonly clients = new Map<string, ModuleFacts>();
  /** Source files in the functions folder that Convex's bundler skips; only path rules read them. */
  readonly unrouted = new Map<string, ModuleFacts>();
  config: ProjectConfigFile | undefined;
  /**
   * A component (`defineComponent` in convex.config.ts): its public functions are the API the
   * installing app calls through `components.*`, from code outside this folder's reach.
   */
  isComponent = false;
  /** The `convex` dependency range from the nearest package.json at or above the project root. */
  convexVersion: string | undefined;

  /**
   * The last syntax tree of each file being edited (not of files read from disk), so the next
   * keystroke re-parses incrementally. Bounded: a handful of open editors.
   */
  private readonly trees = new Map<string, { text: string; sourceFile: ts.SourceFile }>();
  /** The last message logged about each file (see notice), shared with the copies made for checking fixes. */
  private notices = new Map<string, string>();

  constructor(
    readonly location: ProjectLocation,
    /** Where client code is searched for: the workspace folder (editor) or the checked path (CLI). */
    readonly scanRoot: string,
    readonly fs: FileSystem,
    private readonly log: Logger = () => {},
    /** The disk under the editor's buffers, to tell an edited `_generated/` file; absent in the CLI. */
    private readonly disk?: FileSystem,
  ) {}

  get functionsDir(): string {
    return this.location.functionsDir;
  }

  get schemaModule(): ModuleFacts | undefined {
    for (const module of this.modules.values()) if (module.role === "schema") return module;
    return undefined;
  }

  get schema(): SchemaFacts | undefined {
    return this.schemaModule?.schema;
  }

  /** Reads every module and client file from scratch. */
  load(): void {
    this.loadSettings();
    this.modules.clear();
    this.clients.clear();
    this.unrouted.clear();
    const inputs: ModuleInput[] = [];
    const collect = (file: string) => {
      const read = this.inputFor(file, "disk");
      if (read?.input) inputs.push(read.input);
    };
    this.walk(this.functionsDir, 0, (file) => {
      collect(file);
    });
    let scanned = 0;
    this.walk(this.scanRoot, 0, (file) => {
      if (scanned++ >= MAX_CLIENT_SCAN_FILES) return false;
      if (!isWithin(this.functionsDir, file)) collect(file);
      return true;
    });
    if (scanned > MAX_CLIENT_SCAN_FILES) {
      this.log(`stopped looking for client code after ${MAX_CLIENT_SCAN_FILES} files under ${this.scanRoot}`);
    }
    for (const input of inputs) this.tableFor(input.role).set(input.path, this.factsOf(input));
    // Read without knowing other modules' custom builders: the modules importing some are read again.
    for (const module of [...this.modules.values()]) {
      if (Object.keys(module.exportedBuilders).length > 0 && this.modules.get(module.path) === module) this.refreshImportersOf(module);
    }
  }

  private loadSettings(): void {
    this.loadConfig();
    this.convexVersion = this.readConvexVersion();
    this.isComponent = /\bdefineComponent\s*\(/.test(this.fs.readFile(`${this.functionsDir}/convex.config.ts`) ?? "");
  }

  /**
   * Reads only what the given files' own findings need: the project's settings, the schema, the
   * modules each file imports (custom builders), and the files. Lets the editor show an open file's
   * module-local findings before the whole folder is read; `load()` completes the picture.
   */
  loadFirst(files: readonly string[]): void {
    this.loadSettings();
    for (const name of ["schema.ts", "schema.js"]) this.update(`${this.functionsDir}/${name}`);
    for (const file of files) {
      if (!this.update(file)) continue;
      const facts = this.modules.get(file) ?? this.clients.get(file) ?? this.unrouted.get(file);
      for (const imp of facts?.imports ?? []) {
        if (imp.typeOnly || !imp.specifier.startsWith(".") || facts!.role === "client") continue;
        for (const candidate of candidateModulePaths(facts!.modulePath, imp.specifier) ?? []) {
          // An exporter of custom builders makes the importer be read again (refreshImportersOf).
          for (const ext of [".ts", ".tsx", ".js", ".jsx"]) this.update(`${this.functionsDir}/${candidate}${ext}`);
        }
      }
    }
  }

  /** Whether this project cares about a file at all (as a module, the schema, or client code). */
  roleOf(file: string): ModuleFacts["role"] | undefined {
    if (isWithin(this.functionsDir, file)) {
      const rel = path.posix.relative(this.functionsDir, file);
      if (rel.startsWith("_generated/")) return isSourceFile(rel) || rel.endsWith(".d.ts") ? "generated" : undefined;
      const base = rel.slice(rel.lastIndexOf("/") + 1);
      if (rel === "schema.ts" || rel === "schema.js") return "schema";
      if (rel === "auth.config.ts" || rel === "auth.config.js" || rel === "convex.config.ts") return "special";
      if (base.endsWith(".d.ts") || !isSourceFile(base) || rel.split("/").some((s) => s === "_generated" || s === "node_modules")) return undefined;
      return isFunctionModule(rel) ? "function" : "unrouted";
    }
    if (isWithin(this.scanRoot, file) && isSourceFile(file)) {
      const segments = path.posix.relative(this.scanRoot, file).split("/");
      if (!segments.some((s) => IGNORED_DIRS.has(s) || s === "_generated" || s.startsWith("."))) return "client";
    }
    return undefined;
  }

  /**
   * Re-reads one file (from the editor buffer when open, else from disk) and re-extracts its facts
   * if its text changed. Returns whether the model changed.
   */
  update(file: string, version = "disk"): boolean {
    if (file === this.configPath) return this.loadConfig();
    if (file === `${this.functionsDir}/convex.config.ts`) {
      const was = this.isComponent;
      this.isComponent = /\bdefineComponent\s*\(/.test(this.fs.readFile(file) ?? "");
      return this.updateFacts(file, version) || was !== this.isComponent;
    }
    return this.updateFacts(file, version);
  }

  private updateFacts(file: string, version: string): boolean {
    const read = this.inputFor(file, version);
    if (!read) return false;
    const { input } = read;
    if (!input) return read.table.delete(file);
    const table = read.table;
    const previous = table.get(file);
    if (previous && previous.text === input.text && previous.skipped === input.skipped) return false;
    // Builders imported from another module of the project (convex-helpers' customMutation in
    // convex/functions.ts) depend on this module's imports, which an edit rarely changes: parse
    // with those of the previous version, and again only if the new imports bind others.
    const guess = previous ? this.importedBuilders(previous) : new Map<string, Builder>();
    const sourceFile = input.skipped === undefined ? this.treeFor(input) : undefined;
    let facts = this.factsOf({ ...input, importedBuilders: guess, sourceFile });
    const imported = this.importedBuilders(facts);
    if (!sameBuilders(imported, guess)) facts = this.factsOf({ ...input, importedBuilders: imported, sourceFile });
    const exportsBefore = JSON.stringify(previous?.exportedBuilders ?? {});
    table.set(file, facts);
    if (input.role !== "client" && JSON.stringify(facts.exportedBuilders) !== exportsBefore) this.refreshImportersOf(facts);
    return true;
  }

  /** A tree for an edited file, re-parsed from its previous one; undefined for files read from disk. */
  private treeFor(input: ModuleInput): ts.SourceFile | undefined {
    if (input.version === "disk") {
      this.trees.delete(input.path);
      return undefined;
    }
    const previous = this.trees.get(input.path);
    this.trees.delete(input.path);
    let sourceFile: ts.SourceFile;
    try {
      sourceFile = previous ? reparseModule(previous, input.text) : parseModule(input.path, input.text);
    } catch {
      // The parser overflowing on pathological nesting: extraction parses again and reports it.
      return undefined;
    }
    if (this.trees.size >= MAX_EDITED_TREES) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(input.path, { text: input.text, sourceFile });
    return sourceFile;
  }

  private tableFor(role: ModuleFacts["role"]): Map<string, ModuleFacts> {
    return role === "client" ? this.clients : role === "unrouted" || role === "generated" ? this.unrouted : this.modules;
  }

  /**
   * What to extract for a file: undefined when the project does not care about it, no input when
   * it is to be forgotten (gone, a client file that calls nothing, an unedited generated file).
   */
  private inputFor(file: string, version: string): { table: Map<string, ModuleFacts>; input?: Input } | undefined {
    const role = this.roleOf(file);
    if (!role) return undefined;
    const table = this.tableFor(role);
    let text = this.fs.readFile(file);
    // Generated files are only of interest while an editor holds changes to them.
    const unchangedGenerated = role === "generated" && (this.disk === undefined || this.disk.readFile(file) === text);
    // A file of the functions folder that is there but cannot be analysed stays known (so that no
    // rule takes it for missing), with the reason; client code and generated files are just left out.
    const skipped = role === "client" || role === "generated" ? undefined : whySkipped(this.fs, file, text);
    if (skipped !== undefined) text = "";
    else if (text === undefined || unchangedGenerated || (role === "client" && (text.length > MAX_FILE_BYTES || !text.includes("_generated/api")))) return { table };
    const rel = path.posix.relative(role === "client" ? this.scanRoot : this.functionsDir, file);
    return { table, input: { path: file, text: text!, version, modulePath: modulePathOf(rel), role, skipped } };
  }

  /** The facts of a module, or of a module that could not be read (with the reason logged once). */
  private factsOf(input: Input): ModuleFacts {
    if (input.skipped !== undefined) {
      this.notice(input.path, `skipped ${input.path}: ${input.skipped}`);
      return { ...unreadableModule(input, input.skipped), skipped: input.skipped };
    }
    try {
      const facts = extractModule(input);
      this.notice(input.path, input.role !== "client" && input.text.includes("\ufffd")
        ? `${input.path} is not valid UTF-8 (or holds U+FFFD): it is analysed with each undecodable byte read as U+FFFD, as an editor opening it as UTF-8 shows it`
        : undefined);
      return facts;
    } catch (e) {
      // The parser overflows the stack on pathological nesting; anything else is our bug. Either
      // way the module stays known, with no facts a rule could misread.
      const tooDeep = e instanceof RangeError;
      const reason = tooDeep ? "the file is nested too deeply to analyse" : `internal error: ${(e as Error).message}`;
      this.notice(input.path, `could not analyse ${input.path}: ${reason}${tooDeep ? "" : `\n${(e as Error).stack}`}`);
      return unreadableModule(input, reason);
    }
  }

  /** Logs what is wrong with a file once, not on every keystroke; undefined: nothing (any more). */
  private notice(file: string, message: string | undefined): void {
    if (message === undefined) {
      this.notices.delete(file);
    } else if (this.notices.get(file) !== message) {
      this.notices.set(file, message);
      this.log(message);
    }
  }

  /** Local names bound to custom builders exported by other modules of this project. */
  private importedBuilders(facts: ModuleFacts): Map<string, Builder> {
    const found = new Map<string, Builder>();
    for (const imp of facts.imports) {
      if (imp.typeOnly || !imp.specifier.startsWith(".") || imp.specifier.includes("_generated")) continue;
      const source = this.moduleAt(facts, imp.specifier);
      if (!source) continue;
      for (const { imported, local } of imp.names) {
        const builder = source.exportedBuilders[imported];
        if (builder) found.set(local, builder);
      }
    }
    return found;
  }

  /** The module of this functions folder a relative import of `from` leads to. */
  private moduleAt(from: ModuleFacts, specifier: string): ModuleFacts | undefined {
    const candidates = candidateModulePaths(from.modulePath, specifier);
    if (!candidates || from.role === "client") return undefined;
    for (const candidate of candidates) {
      for (const ext of SOURCE_EXTENSIONS) {
        const module = this.modules.get(`${this.functionsDir}/${candidate}${ext}`);
        if (module && module.modulePath === candidate) return module;
      }
    }
    return undefined;
  }

  /** The builders a module exports changed: modules importing from it are read again. */
  private refreshImportersOf(exporter: ModuleFacts, depth = 0): void {
    if (depth > 3) return;
    for (const module of [...this.modules.values()]) {
      if (module === exporter || !module.imports.some((i) => !i.typeOnly && this.moduleAt(module, i.specifier) === exporter)) continue;
      const input: Input = { path: module.path, text: module.text, version: module.version, modulePath: module.modulePath, role: module.role, skipped: module.skipped };
      const facts = this.factsOf({ ...input, importedBuilders: this.importedBuilders(module) });
      const changedExports = JSON.stringify(facts.exportedBuilders) !== JSON.stringify(module.exportedBuilders);
      this.modules.set(module.path, facts);
      if (changedExports) this.refreshImportersOf(facts, depth + 1);
    }
  }

  private readConvexVersion(): string | undefined {
    let dir = this.location.root;
    for (let i = 0; i < 6; i++) {
      const text = this.fs.readFile(`${dir}/package.json`);
      if (text !== undefined) {
        try {
          const json = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
          const range = json.dependencies?.convex ?? json.devDependencies?.convex ?? json.peerDependencies?.convex;
          if (typeof range === "string") return range;
        } catch {
          // not JSON: keep looking above
        }
      }
      const parent = path.posix.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  get configPath(): string {
    return `${this.location.root}/${CONFIG_FILE}`;
  }

  /** Re-reads convex-guidelines.json; returns whether it changed. */
  loadConfig(): boolean {
    const text = this.fs.readFile(this.configPath);
    const before = JSON.stringify(this.config);
    if (text === undefined) {
      this.config = undefined;
    } else {
      try {
        this.config = { path: this.configPath, json: JSON.parse(text) as unknown };
      } catch (e) {
        this.config = { path: this.configPath, error: (e as Error).message };
        this.log(`${this.configPath}: ${(e as Error).message}; using the default rule setup until it is fixed`);
      }
    }
    return JSON.stringify(this.config) !== before;
  }

  /**
   * A copy of this project in which some files have other text (a fix applied); only those files
   * are parsed again. The copy is for checking, and never touches the disk.
   */
  withTexts(texts: ReadonlyMap<string, string>): ConvexProject {
    const fs: FileSystem = { ...this.fs, readFile: (p) => texts.get(p) ?? this.fs.readFile(p) };
    const copy = new ConvexProject(this.location, this.scanRoot, fs, this.log, this.disk);
    for (const [from, to] of [[this.modules, copy.modules], [this.clients, copy.clients], [this.unrouted, copy.unrouted]] as const) {
      for (const [k, v] of from) to.set(k, v);
    }
    copy.config = this.config;
    copy.notices = this.notices;
    copy.isComponent = this.isComponent;
    copy.convexVersion = this.convexVersion;
    for (const file of texts.keys()) copy.update(file);
    return copy;
  }

  remove(file: string): boolean {
    return this.modules.delete(file) || this.clients.delete(file) || this.unrouted.delete(file);
  }

  private walk(dir: string, depth: number, visit: (file: string) => boolean | void): boolean {
    if (depth > MAX_SCAN_DEPTH) return true;
    for (const entry of this.fs.readDirectory(dir)) {
      const full = `${dir === "/" ? "" : dir}/${entry.name}`;
      if (entry.isDirectory) {
        if (entry.name.startsWith(".") || IGNORED_DIRS.has(entry.name) || entry.name === "_generated") continue;
        if (this.walk(full, depth + 1, visit) === false) return false;
      } else if (entry.isFile && isSourceFile(entry.name)) {
        if (visit(full) === false) return false;
      }
    }
    return true;
  }
}

/** What to extract for a file, or why not (then `text` is empty). */
type Input = ModuleInput & { skipped?: string };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a file of the functions folder cannot be analysed, if so: too large, or not text. */
function whySkipped(fs: FileSystem, file: string, text: string | undefined): string | undefined {
  const size = text === undefined ? fs.size?.(file) : text.length;
  if (size !== undefined && size > MAX_FILE_BYTES) {
    return `it is ${megabytes(size)}, more than the ${megabytes(MAX_FILE_BYTES)} a module may have to be analysed (a generated or bundled file?)`;
  }
  if (text?.includes("\u0000")) return "it is not a text file (it contains NUL characters: binary data, or a UTF-16 encoding)";
  return undefined;
}

function sameBuilders(a: ReadonlyMap<string, Builder>, b: ReadonlyMap<string, Builder>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, builder] of a) {
    const other = b.get(name);
    if (!other || other.kind !== builder.kind || other.visibility !== builder.visibility) return false;
  }
  return true;
}
