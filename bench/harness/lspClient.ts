// A timing LSP client: starts dist/server.js as its own process and talks to it over stdio as an
// editor would (the same protocol calls as test/lsp/client.ts), stamping every message from the
// server with the monotonic clock so latencies can be read off afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
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
  type ProtocolConnection,
  type Range,
} from "vscode-languageserver-protocol/node";
import { STATUS_NOTIFICATION } from "../../server/src/lsp/protocol";

export const fileUri = (file: string) => pathToFileURL(file).href;

export interface Publish {
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** performance.now() when the message arrived. */
  at: number;
  /** Position in the order of all publishes. */
  seq: number;
}

export class BenchLspClient {
  readonly publishes: Publish[] = [];
  readonly latest = new Map<string, Publish>();
  /** `convex/status` notifications received: the server sends one after each analysis of whole projects. */
  statuses = 0;
  /** performance.now() of the last message of any kind from the server. */
  lastMessageAt: number;
  private readonly log: string[] = [];
  private listeners: (() => void)[] = [];
  private exitError: Error | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
    /** performance.now() just before the server process was spawned. */
    readonly spawnedAt: number,
  ) {
    this.lastMessageAt = spawnedAt;
  }

  /** Spawns the server; nothing is sent yet. */
  static spawn(serverJs: string): BenchLspClient {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [serverJs, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new BenchLspClient(child, connection, spawnedAt);
    child.stderr!.on("data", (d) => client.log.push(String(d)));
    child.on("exit", (code, signal) => {
      client.exitError = new Error(`the language server exited (code ${code}, signal ${signal}); its log:\n${client.logTail()}`);
      client.changed();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const publish: Publish = { uri: params.uri, version: params.version, diagnostics: params.diagnostics, at: performance.now(), seq: client.publishes.length };
      client.publishes.push(publish);
      client.latest.set(params.uri, publish);
      client.changed();
    });
    // Every other notification (log messages, convex/status, convex/modelChanged) counts as activity.
    connection.onUnhandledNotification((message) => {
      if (message.method === "window/logMessage") client.log.push(`${(message.params as { message: string }).message}\n`);
      if (message.method === STATUS_NOTIFICATION) client.statuses++;
      client.changed();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    return client;
  }

  get pid(): number {
    return this.child.pid!;
  }

  logTail(lines = 30): string {
    return this.log.join("").split("\n").slice(-lines).join("\n");
  }

  private changed(): void {
    this.lastMessageAt = performance.now();
    for (const listener of [...this.listeners]) listener();
  }

  /** `initialize` for one workspace folder, then `initialized`. */
  async initialize(root: string): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: "bench" }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the predicate's value once it holds, re-checked on every message; fails on timeout or server exit. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
      };
      const check = () => {
        if (this.exitError) {
          done();
          reject(new Error(`while waiting for ${what}: ${this.exitError.message}`));
          return;
        }
        const value = predicate();
        if (value) {
          done();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server log (tail):\n${this.logTail()}`));
      }, timeoutMs);
      this.listeners.push(check);
      check();
    });
  }

  /** Resolves once the server has sent nothing for `quietMs`. */
  async quiescence(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.exitError) throw this.exitError;
      const idle = performance.now() - this.lastMessageAt;
      if (idle >= quietMs) return;
      if (performance.now() > deadline) throw new Error(`the language server did not go quiet (${quietMs} ms without messages) within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, Math.max(10, quietMs - idle)));
    }
  }

  async open(file: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: fileUri(file), languageId: "typescript", version, text },
    });
  }

  /** An incremental edit, as an editor sends for a keystroke or a line insertion. */
  async edit(file: string, version: number, range: Range, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: fileUri(file), version },
      contentChanges: [{ range, text }],
    });
  }

  /** Resident and peak resident memory of the server process, in MB (from /proc). */
  memoryMB(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = (key: string) => {
      const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status);
      if (!match) throw new Error(`no ${key} in /proc/${this.pid}/status`);
      return Number(match[1]);
    };
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  }

  async stop(): Promise<void> {
    if (!this.exitError) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
        await this.connection.sendNotification(ExitNotification.type);
        // Let it exit on its own (it writes its code cache then) before making sure it is gone.
        if (this.child.exitCode === null && this.child.signalCode === null) {
          await Promise.race([new Promise((r) => this.child.once("exit", r)), new Promise((r) => setTimeout(r, 5000))]);
        }
      } catch {
        // already gone
      }
    }
    this.connection.dispose();
    this.child.kill();
  }
}
