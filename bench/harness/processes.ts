// Runs a command as a child process and times it from spawn to exit, with its stdout in a file (so
// the JSON it prints can be checked after the clock has stopped) and its stderr kept for errors.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";

export interface TimedRun {
  ms: number;
  exitCode: number;
  stdoutFile: string;
  stderr: string;
}

export function timedRun(command: string, args: readonly string[], options: { cwd: string; stdoutFile: string; timeoutMs: number }): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(options.stdoutFile, "w");
    const stderr: Buffer[] = [];
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", out, "pipe"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${[command, ...args].join(" ")} took more than ${options.timeoutMs} ms; killed`));
    }, options.timeoutMs);
    child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (e) => {
      clearTimeout(timer);
      fs.closeSync(out);
      reject(e);
    });
    child.on("close", (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      fs.closeSync(out);
      if (code === null) reject(new Error(`${[command, ...args].join(" ")} was killed by ${signal}`));
      else resolve({ ms, exitCode: code, stdoutFile: options.stdoutFile, stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });
}

/** Fails with the command's own words when it exits with a code the caller does not accept. */
export function expectExit(run: TimedRun, accepted: readonly number[], what: string): void {
  if (accepted.includes(run.exitCode)) return;
  const tail = run.stderr.trim().split("\n").slice(-15).join("\n");
  throw new Error(`${what} exited with ${run.exitCode} (accepted: ${accepted.join(", ")})${tail ? `:\n${tail}` : ""}`);
}
