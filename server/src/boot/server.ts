// Entry point of dist/server.js: loads the language server bundle (dist/server-main.js) through the
// code cache, written a few seconds in, once reading the project has compiled what it runs.
import * as path from "node:path";
import { loadWithCodeCache } from "./codeCache";

loadWithCodeCache(path.join(__dirname, "server-main.js"), { writeAfterMs: 5_000 });
