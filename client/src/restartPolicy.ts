// When the language server process dies, whether the client starts it again. Plain code (no `vscode`)
// so it can be tested on its own; extension.ts turns its answers into vscode-languageclient's.

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export interface CrashDecision {
  restart: boolean;
  /** For the output channel (and, when giving up, the notification). */
  message: string;
}

/**
 * Restarts the server after a crash, up to `maxRestarts` times within `windowMs`; the crash after
 * that is left alone (a server that keeps dying would otherwise spin) until the user restarts it.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = MAX_RESTARTS,
    readonly windowMs = RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called when the connection to the server closed without the client asking for it. */
  crashed(): CrashDecision {
    const t = this.now();
    this.crashes = this.crashes.filter((at) => t - at < this.windowMs);
    this.crashes.push(t);
    const n = this.crashes.length;
    const minutes = Math.round(this.windowMs / 60_000);
    if (n <= this.maxRestarts) {
      return {
        restart: true,
        message: `The Convex Guidelines server stopped unexpectedly; restarting it (restart ${n} of at most ${this.maxRestarts} in ${minutes} minutes).`,
      };
    }
    return {
      restart: false,
      message: `The Convex Guidelines server stopped unexpectedly ${n} times in ${minutes} minutes and will not be restarted. ` +
        `Run "Convex: Restart Server" to start it again; the output above may tell why it stopped.`,
    };
  }

  /** A restart the user asked for starts the count anew. */
  reset(): void {
    this.crashes = [];
  }
}
