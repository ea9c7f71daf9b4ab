// The manifest as the Marketplace and VS Code read it: listing fields, trust and remote settings, and
// activation events that wake the extension exactly where the server would find a Convex project.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { discoverProjects } from "../../server/src/project/discovery";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { DOCS_BASE_URL } from "../../server/src/rules/registry";
import { REPO_ROOT } from "../support/demo";

const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(0, 8).toString("hex"), "89504e470d0a1a0a", "not a PNG");
  assert.equal(bytes.subarray(12, 16).toString("latin1"), "IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the Marketplace listing: PNG icon of at least 128 px, banner, categories, keywords, links, license", () => {
  // vsce rejects SVG icons; the Marketplace shows the icon at 128 px
  assert.match(manifest.icon, /\.png$/);
  const { width, height } = pngSize(readFileSync(resolve(REPO_ROOT, manifest.icon)));
  assert.equal(width, height);
  assert.ok(width >= 128, `icon is ${width} px`);
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(["dark", "light"].includes(manifest.galleryBanner.theme));
  assert.deepEqual(manifest.categories, ["Linters", "Snippets", "Programming Languages"]);
  // vsce refuses more than 30 keywords
  assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30);
  assert.ok(manifest.keywords.includes("convex"));
  const repo = manifest.repository.url as string;
  assert.match(repo, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  assert.equal(manifest.bugs.url, `${repo}/issues`);
  assert.ok(manifest.homepage.startsWith(repo));
  assert.equal(manifest.license, "MIT");
  assert.match(readFileSync(resolve(REPO_ROOT, "LICENSE"), "utf8"), /^MIT License\n/);
});

test("the rule pages every diagnostic links to live in this repository", () => {
  assert.equal(DOCS_BASE_URL, `${manifest.repository.url}/blob/main/docs/rules/`);
});

test("the extension runs where the files are, and in untrusted workspaces (it runs no workspace code)", () => {
  assert.deepEqual(manifest.extensionKind, ["workspace"]);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  // vsce refuses a package whose @types/vscode is newer than engines.vscode: the API we compile
  // against must exist in the oldest VS Code we claim to run in
  const minor = (version: string) => Number(/^\^?1\.(\d+)\./.exec(version)?.[1]);
  const types = JSON.parse(readFileSync(resolve(REPO_ROOT, "node_modules/@types/vscode/package.json"), "utf8")).version as string;
  assert.ok(minor(types) <= minor(manifest.engines.vscode), `@types/vscode ${types} vs engines.vscode ${manifest.engines.vscode}`);
});

/** A `workspaceContains` glob as VS Code reads it (`**`, `*`, `?`, `{a,b}`), as a RegExp on relative paths. */
function globRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith("**/", i)) [source, i] = [source + "(?:.*/)?", i + 2];
    else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "{") source += "(?:";
    else if (c === "}") source += ")";
    else if (c === ",") source += "|";
    else source += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

test("activation: only workspaceContains patterns, which match exactly the layouts the server finds a project in", () => {
  const events = manifest.activationEvents as string[];
  // no "*", no onLanguage:typescript (that would wake the extension in every TypeScript folder);
  // commands and views activate it implicitly when a user asks for them
  assert.ok(events.length > 0);
  for (const e of events) assert.match(e, /^workspaceContains:/);
  const patterns = events.map((e) => e.slice("workspaceContains:".length));
  // VS Code checks a pattern without `*` or `?` as a plain path (braces included, literally); the
  // others go to a file search that it abandons after 7 s, which happens on a busy machine: the usual
  // layouts (the folder itself is the project) must be matched by plain paths.
  const plain = patterns.filter((p) => !/[*?]/.test(p));
  for (const p of plain) assert.doesNotMatch(p, /[{}[\]]/, `${p} is checked literally, not as a glob`);
  const globs = patterns.map(globRegExp);
  const activates = (files: string[], only = globs) => files.some((f) => only.some((g) => g.test(f)));

  const layouts: Record<string, string[]> = {
    "convex.json at the root": ["convex.json", "convex/tasks.ts"],
    "convex.json naming another functions folder": ["app/convex.json", "app/backend/feed.ts"],
    "convex/ with a schema": ["convex/schema.ts", "convex/tasks.ts"],
    "convex/ with a JavaScript schema": ["convex/schema.js", "convex/tasks.js"],
    "convex/ with generated code only": ["convex/_generated/api.d.ts", "convex/_generated/server.d.ts", "convex/tasks.ts"],
    "convex/ in a monorepo package, generated code only": ["packages/backend/convex/_generated/api.d.ts", "packages/backend/convex/tasks.ts"],
    "a component's functions folder": ["src/component/convex.config.ts", "src/component/_generated/api.ts", "src/component/lib.ts"],
    "no Convex: plain TypeScript": ["src/index.ts", "package.json"],
    "no Convex: a folder named convex with neither schema nor generated code": ["src/convex/client.ts", "src/convex/helpers.ts"],
    "no Convex: a module named convex.ts": ["lib/convex.ts", "tsconfig.json"],
  };
  for (const [name, files] of Object.entries(layouts)) {
    const fs = memoryFileSystem(Object.fromEntries(files.map((f) => [`/ws/${f}`, f === "app/convex.json" ? '{ "functions": "backend/" }' : ""])));
    const found = discoverProjects(fs, "/ws").length > 0;
    assert.equal(found, !name.startsWith("no Convex"), `${name}: the server ${found ? "finds" : "finds no"} project`);
    assert.equal(activates(files), found, `${name}: activation events ${found ? "do not match" : "match"} ${JSON.stringify(files)}`);
    if (found && discoverProjects(fs, "/ws").some((p) => p.root === "/ws" && p.functionsDir === "/ws/convex")) {
      assert.ok(activates(files, plain.map(globRegExp)), `${name}: no plain path matches, only the time-limited search would`);
    }
  }
});
