// Preloaded into the language server or the CLI by the security tests (`node -r watch.cjs`), before
// any of their code runs: records every attempt to
//   - load a module that is not a Node built-in (the bundle itself is the one expected),
//   - start a process (child_process), run code from a string (eval, vm),
//   - reach the network (TCP/IPC connects, listening servers, UDP, DNS, http(s), tls, fetch),
//   - change the file system (write, append, create, delete, rename, chmod, open for writing).
// Each attempt is appended as one JSON line to $CONVEX_WATCH_LOG, with the original fs functions,
// and the call then goes ahead (the tests assert that the log stays as expected; they do not rely
// on the calls failing).
"use strict";
const fs = require("node:fs");
const Module = require("node:module");

const logFile = process.env.CONVEX_WATCH_LOG;
if (!logFile) throw new Error("watch.cjs needs CONVEX_WATCH_LOG");
const appendFileSync = fs.appendFileSync;
let recording = false;
function record(kind, detail) {
  if (recording) return; // the log write itself
  recording = true;
  try {
    appendFileSync(logFile, JSON.stringify({ kind, detail: String(detail).slice(0, 300), pid: process.pid }) + "\n");
  } finally {
    recording = false;
  }
}

function wrap(target, name, kind, describe = (args) => args[0]) {
  const original = target[name];
  if (typeof original !== "function") return;
  const wrapped = function (...args) {
    record(kind, `${name} ${describe(args)}`);
    return original.apply(this, args);
  };
  Object.defineProperty(wrapped, "name", { value: name });
  target[name] = wrapped;
}

// Modules: everything but built-ins goes through Module._load.
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (!Module.isBuiltin(request)) record("load", `${request}${isMain ? " (main)" : ""} from ${parent?.filename ?? "-"}`);
  return load.apply(this, arguments);
};

// Processes and code from strings.
const childProcess = require("node:child_process");
for (const name of ["spawn", "spawnSync", "fork", "exec", "execSync", "execFile", "execFileSync"]) wrap(childProcess, name, "process");
const vm = require("node:vm");
for (const name of ["runInContext", "runInNewContext", "runInThisContext", "compileFunction"]) wrap(vm, name, "eval", () => "");
const Script = vm.Script;
vm.Script = function (...args) {
  record("eval", `vm.Script ${args[1]?.filename ?? "(no file)"}`);
  return new Script(...args);
};
const globalEval = globalThis.eval;
globalThis.eval = function (code) {
  record("eval", "eval");
  return globalEval(code);
};
const workerThreads = require("node:worker_threads");
const Worker = workerThreads.Worker;
workerThreads.Worker = function (...args) {
  record("process", `Worker ${args[0]}`);
  return new Worker(...args);
};

// Network. stdio and IPC channels are pipes or socketpairs the parent created: they are wrapped
// in net.Socket without connect(), so any connect() is the process reaching out.
const net = require("node:net");
wrap(net.Socket.prototype, "connect", "net", (args) => JSON.stringify(args[0]));
wrap(net, "connect", "net", (args) => JSON.stringify(args[0]));
wrap(net, "createConnection", "net", (args) => JSON.stringify(args[0]));
wrap(net.Server.prototype, "listen", "net", (args) => JSON.stringify(args[0]));
wrap(require("node:dgram"), "createSocket", "net", (args) => JSON.stringify(args[0]));
const dns = require("node:dns");
for (const name of ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveTxt", "resolveSrv", "reverse"]) {
  wrap(dns, name, "net");
  wrap(dns.promises, name, "net");
}
for (const module of [require("node:http"), require("node:https")]) {
  wrap(module, "request", "net", (args) => String(args[0]?.href ?? args[0]?.host ?? args[0]));
  wrap(module, "get", "net", (args) => String(args[0]?.href ?? args[0]?.host ?? args[0]));
}
wrap(require("node:tls"), "connect", "net", (args) => JSON.stringify(args[0]));
wrap(require("node:http2"), "connect", "net");
if (typeof globalThis.fetch === "function") wrap(globalThis, "fetch", "net", (args) => String(args[0]));
if (typeof globalThis.WebSocket === "function") {
  const WebSocket = globalThis.WebSocket;
  globalThis.WebSocket = function (...args) {
    record("net", `WebSocket ${args[0]}`);
    return new WebSocket(...args);
  };
}

// The file system: reading is all the server and `check` may do.
const WRITES = [
  "writeFile", "appendFile", "mkdir", "mkdtemp", "rm", "rmdir", "unlink", "rename", "copyFile", "cp", "symlink", "link",
  "truncate", "ftruncate", "chmod", "chown", "lchown", "utimes", "lutimes", "futimes",
];
for (const name of WRITES) {
  wrap(fs, name, "fs");
  wrap(fs, `${name}Sync`, "fs");
  wrap(fs.promises, name, "fs");
}
wrap(fs, "createWriteStream", "fs");
const writable = (flags) => flags !== undefined && flags !== null && (typeof flags === "number" ? (flags & 3) !== 0 || (flags & 0o100) !== 0 : /[wa+]/.test(String(flags)));
for (const target of [fs, fs.promises]) {
  for (const name of target === fs ? ["open", "openSync"] : ["open"]) {
    const original = target[name];
    target[name] = function (path, flags, ...rest) {
      if (writable(flags)) record("fs", `${name} ${path} ${flags}`);
      return original.call(this, path, flags, ...rest);
    };
  }
}
