// Bundles the extension (client, server, CLI) into dist/ and the TypeScript tests into out/.
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from "esbuild";
import { readdirSync, statSync, rmSync } from "node:fs";
import { join } from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

/** Every `*.test.ts` below test/, so a new test file needs no registration. */
function testEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === "fixtures" || name === "artifacts" || name === "node_modules") continue;
    if (statSync(full).isDirectory()) out.push(...testEntries(full));
    else if (name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
};

const builds = [
  // The client runs in the extension host: `vscode` is provided there, and it must never pull in
  // `typescript` (the parser lives in the server process only).
  { ...common, entryPoints: { client: "client/src/extension.ts" }, outdir: "dist", external: ["vscode"] },
  // The server and the CLI: each a bundle (`*-main.js`) and a small entry point that loads it
  // through V8's code cache (server/src/boot/codeCache.ts).
  { ...common, entryPoints: { "server-main": "server/src/lsp/main.ts", "cli-main": "server/src/cli/main.ts" }, outdir: "dist" },
  { ...common, entryPoints: { server: "server/src/boot/server.ts" }, outdir: "dist" },
  {
    ...common,
    entryPoints: { cli: "server/src/boot/cli.ts" },
    outdir: "dist",
    banner: { js: "#!/usr/bin/env node" },
  },
  // Tests: node --test runs everything under out/test, so only *.test.ts files go there.
  {
    ...common,
    sourcemap: "inline",
    entryPoints: testEntries("test"),
    outbase: "test",
    outdir: "out/test",
    external: ["vscode", "typescript", "playwright-core", "@vscode/test-electron"],
  },
  // The benchmark (bench/README.md): the project generator and the harness behind `npm run bench`.
  {
    ...common,
    sourcemap: "inline",
    entryPoints: { "bench/generate": "bench/generate.ts", "bench/run": "bench/run.ts", "bench/parseFloor": "bench/parseFloor.ts" },
    outdir: "out",
    external: ["typescript"],
  },
  // The fuzzer behind `npm run fuzz` (test/fuzz/main.ts); the short run is test/fuzz/fuzz.test.ts.
  {
    ...common,
    sourcemap: "inline",
    entryPoints: { "fuzz/run": "test/fuzz/main.ts" },
    outdir: "out",
    external: ["typescript"],
  },
  // Extension-host suites and runners (not node --test files).
  {
    ...common,
    sourcemap: "inline",
    entryPoints: { "ext-tests/suite": "test/e2e/suite/index.ts", "ext-tests/run-electron": "test/electron/run.ts" },
    outdir: "out",
    external: ["vscode", "@vscode/test-electron"],
  },
];

// A production build (what the .vsix ships) needs only what goes to dist/.
const selected = production ? builds.filter((b) => b.outdir === "dist") : builds;
if (!watch && !production) rmSync("out", { recursive: true, force: true });
for (const options of selected) {
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
