// Reading a large functions folder is mostly parsing, which a second core can share. The caller
// stays synchronous: files are handed out through a shared counter, the main thread extracts its
// share while a worker thread extracts the rest, and the worker's results are read with
// `receiveMessageOnPort` once the main thread runs out of files.
import { availableParallelism } from "node:os";
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import { extractModule, type ModuleInput } from "./extract/module";
import type { ModuleFacts } from "./types";

/** An extraction that threw: the parser overflowing its stack on pathological nesting, or our bug. */
export interface ExtractionFailure {
  failure: { message: string; stack?: string; tooDeep: boolean };
}

export type Extracted = ModuleFacts | ExtractionFailure;

export function isFailure(result: Extracted): result is ExtractionFailure {
  return "failure" in result;
}

interface Parallelism {
  /** The script a worker runs: a bundle whose entry calls `runExtractWorkerIfAsked()` first. */
  script: string;
  /** Below this many files a worker's start-up (loading the parser) costs more than it saves. */
  minFiles: number;
}

let parallelism: Parallelism | undefined;

/** Lets `extractAll` use a worker thread (the CLI does; the language server reads files as they change). */
export function enableParallelExtraction(script: string, minFiles = 200): void {
  parallelism = availableParallelism() > 1 ? { script, minFiles } : undefined;
}

const WORKER_KIND = "convex-guidelines/extract";
const CLAIMED = 1;
const DONE = 2;
/** How long the main thread waits for one file from the worker before extracting it itself. */
const WAIT_MS = 10_000;
const BATCH = 16;

interface WorkerData {
  kind: typeof WORKER_KIND;
  inputs: ModuleInput[];
  counter: SharedArrayBuffer;
  status: SharedArrayBuffer;
  port: MessagePort;
}

/** How the last `extractAll` shared its files (for tests and diagnostics). */
export const lastExtraction = { files: 0, byWorker: 0 };

export function extractAll(inputs: ModuleInput[]): Extracted[] {
  lastExtraction.files = inputs.length;
  lastExtraction.byWorker = 0;
  if (!parallelism || inputs.length < parallelism.minFiles) return inputs.map(extractSafely);
  const results: (Extracted | undefined)[] = new Array(inputs.length);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const status = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, inputs.length)));
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  try {
    const channel = new MessageChannel();
    const data: WorkerData = { kind: WORKER_KIND, inputs, counter: counter.buffer as SharedArrayBuffer, status: status.buffer as SharedArrayBuffer, port: channel.port2 };
    worker = new Worker(parallelism.script, { workerData: data, transferList: [channel.port2] });
    worker.unref();
    port = channel.port1;
  } catch {
    // No worker: the main thread extracts every file.
    worker = undefined;
  }
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= inputs.length) break;
    results[i] = extractSafely(inputs[i]);
  }
  if (worker && port) {
    const receive = () => {
      for (let message = receiveMessageOnPort(port!); message; message = receiveMessageOnPort(port!)) {
        for (const { i, result } of message.message as { i: number; result: Extracted }[]) results[i] = result;
      }
    };
    for (let i = 0; i < inputs.length; i++) {
      if (results[i] !== undefined) continue;
      for (let state = Atomics.load(status, i); state !== DONE; state = Atomics.load(status, i)) {
        if (Atomics.wait(status, i, state, WAIT_MS) === "timed-out" && Atomics.load(status, i) === state) break;
      }
      receive();
      if (results[i] !== undefined) lastExtraction.byWorker++;
      // A worker that died or stalled: do its file here.
      else results[i] = extractSafely(inputs[i]);
    }
    port.close();
    void worker.terminate();
  }
  return results as Extracted[];
}

function extractSafely(input: ModuleInput): Extracted {
  try {
    return extractModule(input);
  } catch (e) {
    return { failure: { message: (e as Error).message, stack: (e as Error).stack, tooDeep: e instanceof RangeError } };
  }
}

/** In a worker started by `extractAll`: extracts files until none are left, and returns true. */
export function runExtractWorkerIfAsked(): boolean {
  if (isMainThread || (workerData as WorkerData | undefined)?.kind !== WORKER_KIND) return false;
  const { inputs, port } = workerData as WorkerData;
  const counter = new Int32Array((workerData as WorkerData).counter);
  const status = new Int32Array((workerData as WorkerData).status);
  let batch: { i: number; result: Extracted }[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    // Posted before the files are marked done, so the main thread finds them when it wakes.
    port.postMessage(batch);
    for (const { i } of batch) {
      Atomics.store(status, i, DONE);
      Atomics.notify(status, i);
    }
    batch = [];
  };
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= inputs.length) break;
    Atomics.store(status, i, CLAIMED);
    batch.push({ i, result: extractSafely(inputs[i]) });
    if (batch.length >= BATCH) flush();
  }
  flush();
  return true;
}
