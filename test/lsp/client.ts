// A minimal LSP client for tests: starts dist/server.js as its own process and talks to it over
// stdio exactly as an editor would.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type Diagnostic,
  type FileChangeType,
  type ProtocolConnection,
  type Range,
} from "vscode-languageserver-protocol/node";
import { REPO_ROOT } from "../support/demo";

export const uri = (path: string) => pathToFileURL(path).href;

export interface StartOptions {
  /**
   * Holds the answer to the server's first settings request, which the server waits for before
   * reading the workspace: documents opened meanwhile are open when it does.
   */
  configurationGate?: Promise<void>;
  /** Node options for the server process (`--expose-gc`, `-r preload.cjs`). */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Opens an IPC channel beside stdio (for test probes preloaded into the server). */
  ipc?: boolean;
  /** Replaces the development build, dist/server.js (the vsix test runs the packaged one). */
  server?: string;
}

export class TestLspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publish per URI, in order. */
  readonly published = new Map<string, Diagnostic[][]>();
  /** The document version of every publish per URI, in the same order (undefined when none was sent). */
  readonly publishedVersions = new Map<string, (number | undefined)[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly log: string[] = [];
  /** What `workspace/configuration` answers for the `convex` section. */
  settings: Record<string, unknown> = {};
  private listeners: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(private readonly process: ChildProcess, readonly connection: ProtocolConnection) {}

  static async start(rootPath: string, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<TestLspClient> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), options.server ?? resolve(REPO_ROOT, "dist/server.js"), "--stdio"], {
      stdio: options.ipc ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
      env: options.env ?? process.env,
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestLspClient(child, connection);
    client.settings = settings;
    child.stderr!.on("data", (d) => client.log.push(String(d)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.diagnostics.set(params.uri, params.diagnostics);
      client.published.set(params.uri, [...(client.published.get(params.uri) ?? []), params.diagnostics]);
      client.publishedVersions.set(params.uri, [...(client.publishedVersions.get(params.uri) ?? []), params.version]);
      client.changed();
    });
    connection.onNotification("window/logMessage", (params: { message: string }) => {
      client.log.push(params.message);
      client.changed();
    });
    for (const method of ["convex/status", "convex/modelChanged"]) {
      connection.onNotification(method, (params: unknown) => {
        client.notifications.push({ method, params });
        client.changed();
      });
    }
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      await options.configurationGate;
      return params.items.map(() => client.settings);
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(rootPath),
      workspaceFolders: [{ uri: uri(rootPath), name: "demo" }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true } },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Resolves once `predicate` holds, re-checked on every message from the server. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== check);
          resolvePromise(value);
        }
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`timed out waiting for ${what}; server log:\n${this.log.join("\n")}`));
      }, timeoutMs);
      this.listeners.push(check);
      check();
    });
  }

  /** The diagnostics of a file once they satisfy `predicate`. */
  diagnosticsFor(path: string, what: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return this.waitFor(what, () => {
      const list = this.diagnostics.get(uri(path));
      return list && predicate(list) ? list : undefined;
    });
  }

  async open(path: string, text: string): Promise<void> {
    this.versions.set(path, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(path), languageId: "typescript", version: 1, text },
    });
  }

  /** The version last sent for an open document. */
  versionOf(path: string): number | undefined {
    return this.versions.get(path);
  }

  /** Incremental edits (ranges refer to the text before this change, applied in order, as LSP specifies). */
  async edit(path: string, changes: { range: Range; text: string }[]): Promise<number> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(path), version },
      contentChanges: changes,
    });
    return version;
  }

  async change(path: string, text: string): Promise<void> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(path), version },
      contentChanges: [{ text }],
    });
  }

  async close(path: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(path) } });
  }

  async fileChanged(path: string, type: FileChangeType): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(path), type }] });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /**
   * The server's heap after a full garbage collection. Needs `ipc` and a server started with
   * `--expose-gc -r test/support/preload/memoryProbe.cjs`.
   */
  memory(): Promise<{ heapUsed: number; rss: number }> {
    return new Promise((resolvePromise, reject) => {
      const id = Math.random();
      const timer = setTimeout(() => reject(new Error("the server did not answer the memory probe")), 10_000);
      const onMessage = (m: { type?: string; id?: number; heapUsed: number; rss: number }) => {
        if (m?.type !== "memory" || m.id !== id) return;
        clearTimeout(timer);
        this.process.off("message", onMessage);
        resolvePromise({ heapUsed: m.heapUsed, rss: m.rss });
      };
      this.process.on("message", onMessage);
      this.process.send!({ type: "memory", id });
    });
  }

  get exited(): boolean {
    return this.process.exitCode !== null;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** A document's text after LSP text edits (ranges refer to the original text, as LSP specifies). */
export function applyTextEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
