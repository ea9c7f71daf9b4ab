// The bundles the extension ships: the client must stay free of the parser (it loads in every
// window), and the manifest must point at what the build produces.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../support/demo";

const read = (p: string) => readFileSync(resolve(REPO_ROOT, p), "utf8");

test("dist/client.js does not contain the typescript parser; the server bundle does", () => {
  const client = read("dist/client.js");
  assert.doesNotMatch(client, /createSourceFile|ScriptTarget/);
  assert.ok(statSync(resolve(REPO_ROOT, "dist/client.js")).size < 1_500_000);
  assert.match(read("dist/server-main.js"), /createSourceFile/);
  // The entry points only load their bundle (through the code cache): no parser of their own.
  for (const entry of ["dist/server.js", "dist/cli.js"]) {
    assert.doesNotMatch(read(entry), /createSourceFile/);
    assert.ok(statSync(resolve(REPO_ROOT, entry)).size < 20_000, entry);
  }
});

test("the manifest's entry points exist and the CLI is executable by node", () => {
  const manifest = JSON.parse(read("package.json"));
  assert.equal(manifest.main, "./dist/client.js");
  assert.equal(manifest.bin["convex-guidelines"], "./dist/cli.js");
  assert.ok(read("dist/cli.js").startsWith("#!/usr/bin/env node\n"));
  assert.equal(manifest.name, "convex-guidelines");
  assert.equal(manifest.displayName, "Convex Guidelines");
  for (const c of manifest.contributes.snippets) assert.ok(statSync(resolve(REPO_ROOT, c.path)).isFile());
  for (const g of manifest.contributes.grammars) assert.ok(statSync(resolve(REPO_ROOT, g.path)).isFile());
});
