// Preloaded into the language server by the stress test (`node --expose-gc -r memoryProbe.cjs`):
// answers a "memory" message on the IPC channel with the heap in use after a full garbage collection.
"use strict";
process.on("message", (message) => {
  if (!message || message.type !== "memory") return;
  for (let i = 0; i < 3; i++) global.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ type: "memory", id: message.id, heapUsed, rss });
});
