// Starts and stops code-server (VS Code's server + web workbench) for the end-to-end tests.
// Every instance gets its own run folder (user data, extensions, XDG dirs, log), its own session and
// process group (so stopping it also stops the extension hosts and language servers it spawned), and
// is killed when the test process exits, whatever the reason.
import { spawn } from "node:child_process";
import { mkdirSync, openSync, closeSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { CODE_SERVER_ENTRY, NODE24, NODE24_DIR } from "./toolchain";

export interface CodeServer {
  readonly port: number;
  readonly url: string;
  readonly pgid: number;
  readonly runDir: string;
  readonly logFile: string;
  /** `vscode-remote://` URI of a path on this machine, as the workbench payload expects. */
  remote(path: string): string;
  /** Workbench URL opening `folder`, with optional `payload` entries (needs the smoke-test driver). */
  workbenchUrl(folder: string, payload?: [string, string][]): string;
  logTail(lines?: number): string;
  /** The extension host logs of the windows opened so far (one per window: which extension woke on which event). */
  extensionHostLogs(): string[];
  stop(): Promise<void>;
  toString(): string;
}

/** Settings that keep the window free of welcome pages, AI/chat prompts, update and tip popups. */
const QUIET_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "typescript.tsserver.experimental.enableProjectDiagnostics": false,
  "files.autoSave": "off",
  // only our diagnostics in the editor and the Problems panel (the demo has no node_modules, so the
  // TypeScript service would flag every `convex/...` import)
  "typescript.validate.enable": false,
  "javascript.validate.enable": false,
};

function findFiles(dir: string, wanted: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? findFiles(join(dir, e.name), wanted) : wanted(e.name) ? [join(dir, e.name)] : [],
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

const running = new Set<number>();
let exitHookInstalled = false;

/** Kills every still-running group synchronously: the last resort when the test process goes away. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const pgid of running) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    running.clear();
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process environment of every code-server command: Node 24 first, XDG folders in the run folder. */
function codeServerEnv(runDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${join(NODE24_DIR, "bin")}:${process.env.PATH ?? ""}`,
    XDG_DATA_HOME: join(runDir, "xdg-data"),
    XDG_CONFIG_HOME: join(runDir, "xdg-config"),
    XDG_CACHE_HOME: join(runDir, "xdg-cache"),
    // the project's own test run must not leak into VS Code's processes
    NODE_OPTIONS: "",
    NODE_TEST_CONTEXT: "",
    ELECTRON_RUN_AS_NODE: "",
  };
}

/** The run folder's user data and extensions folders, shared by installing and serving. */
function folderArgs(runDir: string): string[] {
  return ["--user-data-dir", join(runDir, "user-data"), "--extensions-dir", join(runDir, "extensions")];
}

/**
 * Installs a .vsix into the run folder's extensions folder with `code-server --install-extension`,
 * as a user installs the packaged extension. Returns the folder it was unpacked into.
 */
export async function installExtension(runDir: string, vsix: string, timeoutMs = 60_000): Promise<string> {
  const extensions = join(runDir, "extensions");
  mkdirSync(extensions, { recursive: true });
  const before = new Set(readdirSync(extensions));
  const child = spawn(NODE24, [CODE_SERVER_ENTRY, ...folderArgs(runDir), "--install-extension", vsix], {
    stdio: ["ignore", "pipe", "pipe"],
    env: codeServerEnv(runDir),
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`code-server --install-extension did not finish within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolveExit(c);
    });
  });
  const added = readdirSync(extensions).filter((name) => !before.has(name) && existsSync(join(extensions, name, "package.json")));
  if (code !== 0 || added.length !== 1) {
    throw new Error(`code-server --install-extension ${vsix} exited with ${code} and added ${JSON.stringify(added)}:\n${output}`);
  }
  return join(extensions, added[0]);
}

export interface StartOptions {
  runDir: string;
  /** Extra code-server arguments. */
  args?: string[];
  /** Allowed time until /healthz answers. */
  timeoutMs?: number;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const { runDir, args = [], timeoutMs = 60_000 } = options;
  const port = await freePort();
  const userData = join(runDir, "user-data");
  mkdirSync(join(userData, "User"), { recursive: true });
  mkdirSync(join(runDir, "extensions"), { recursive: true });
  const config = join(runDir, "config.yaml");
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  writeFileSync(join(userData, "User", "settings.json"), JSON.stringify(QUIET_SETTINGS, null, 2));
  const logFile = join(runDir, "code-server.log");
  const logFd = openSync(logFile, "a");

  installExitHook();
  const started = Date.now();
  // detached: the child calls setsid(), so it leads a new session and process group (pgid = pid).
  const child = spawn(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      "--config", config,
      ...folderArgs(runDir),
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--vscode-option", "enable-smoke-test-driver",
      ...args,
    ],
    {
      detached: true,
      stdio: ["ignore", logFd, logFd],
      env: codeServerEnv(runDir),
    },
  );
  closeSync(logFd);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start code-server (${NODE24} ${CODE_SERVER_ENTRY})`);
  running.add(pgid);
  child.unref();
  let exitCode: number | null | undefined;
  child.on("exit", (code, signal) => (exitCode = code ?? (signal ? -1 : null)));

  const url = `http://127.0.0.1:${port}`;
  const logTail = (lines = 40) =>
    existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n") : "(no log)";

  const stop = async () => {
    if (!running.has(pgid)) return;
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
    if (groupAlive(pgid)) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
      for (let i = 0; i < 20 && groupAlive(pgid); i++) await sleep(100);
    }
    running.delete(pgid);
  };

  // wait for the health endpoint
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`code-server exited (${exitCode}) before it was ready; log ${logFile}:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms; log ${logFile}:\n${logTail()}`);
    }
    await sleep(150);
  }

  const readyMs = Date.now() - started;
  const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
  return {
    port,
    url,
    pgid,
    runDir,
    logFile,
    remote,
    workbenchUrl(folder, payload) {
      let href = `${url}/?folder=${encodeURIComponent(folder)}`;
      if (payload && payload.length > 0) href += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return href;
    },
    logTail,
    extensionHostLogs: () => findFiles(join(userData, "logs"), (name) => /exthost\.log$/.test(name)),
    stop,
    toString: () => `code-server pgid ${pgid} on ${url} (ready after ${readyMs} ms)`,
  };
}
