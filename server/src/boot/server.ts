// Entry point of dist/server.js: loads the language server bundle (dist/server-main.js) through the
// code cache, written a few seconds in, once reading the project has compiled what it runs.
import * as path from "node:path";
import * as v8 from "node:v8";
import { loadWithCodeCache } from "./codeCache";

// Reading a project makes V8 see that almost everything extraction allocates lives on (the facts
// of every module), and it then allocates those objects in the old generation from the start. After
// the load the same code runs on every keystroke and its results live for one edit only: allocated
// old, they hold what they point to alive through every minor GC until the next full one, and each
// minor GC copied megabytes (9–25 ms pauses, the slowest edits; bench/README.md). Set before the
// bundle runs, so that no allocation site is ever pretenured. It is also part of the code cache's
// flag check, which is why it is never changed later.
v8.setFlagsFromString("--no-allocation-site-pretenuring");

loadWithCodeCache(path.join(__dirname, "server-main.js"), { writeAfterMs: 5_000 });
