// Entry point of dist/cli.js: loads the CLI bundle (dist/cli-main.js) through the code cache.
import * as path from "node:path";
import { loadWithCodeCache } from "./codeCache";

const { main } = loadWithCodeCache(path.join(__dirname, "cli-main.js")).exports as typeof import("../cli/main");
process.exitCode = main(process.argv.slice(2));
