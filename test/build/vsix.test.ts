// The .vsix users install, built by `npm run package` and unpacked: exactly the files the manifest
// and the client refer to (no sources, maps, tests or docs), the production bundles, a Marketplace
// manifest carrying our listing fields, a README whose images the Marketplace can show, and a
// language server that runs from the unpacked package alone.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import { DOCS_BASE_URL } from "../../server/src/rules/registry";
import { TestLspClient } from "../lsp/client";
import { copyFixture, REPO_ROOT } from "../support/demo";
import { packageVsix, type PackagedVsix } from "../support/vsix";
import { mediaFiles, walkthroughsOf } from "../support/walkthrough";
import { readZip, type ZipEntry } from "../support/zip";

/** The bench's target for what users download (bench/README.md). */
const MAX_VSIX_BYTES = 4 * 1024 * 1024;

const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));
let workDir: string;
let vsix: PackagedVsix;
let entries: ZipEntry[];
const entry = (name: string) => entries.find((e) => e.name === name) ?? assert.fail(`${name} is not in the vsix`);
const text = (name: string) => entry(name).data().toString("utf8");

before(
  async () => {
    workDir = mkdtempSync(join(tmpdir(), "convex-vsix-"));
    vsix = await packageVsix(workDir);
    entries = readZip(readFileSync(vsix.path));
  },
  { timeout: 180_000 },
);

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Every file of the extension the manifest or the client names, relative to the extension root. */
function referencedFiles(): string[] {
  const c = manifest.contributes;
  const files: (string | undefined)[] = [
    manifest.main,
    ...Object.values(manifest.bin as Record<string, string>),
    manifest.icon,
    ...Object.values(c.viewsContainers as Record<string, { icon?: string }[]>).flat().map((v) => v.icon),
    ...Object.values(c.views as Record<string, { icon?: string }[]>).flat().map((v) => v.icon),
    ...c.snippets.map((s: { path: string }) => s.path),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.jsonValidation.map((j: { url: string }) => j.url).filter((u: string) => !/^https?:/.test(u)),
    ...walkthroughsOf(manifest).flatMap((w) => w.steps.flatMap(mediaFiles)),
  ];
  // the server module the client starts
  const client = readFileSync(resolve(REPO_ROOT, "client/src/extension.ts"), "utf8");
  for (const [, path] of client.matchAll(/asAbsolutePath\("([^"]+)"\)/g)) files.push(path);
  // the bundles the server and CLI entry points load (server/src/boot/)
  for (const entry of ["server", "cli"]) {
    const boot = readFileSync(resolve(REPO_ROOT, `server/src/boot/${entry}.ts`), "utf8");
    for (const [, name] of boot.matchAll(/join\(__dirname, "([^"]+)"\)/g)) files.push(`dist/${name}`);
  }
  return [...new Set(files.filter((f): f is string => typeof f === "string").map((f) => f.replace(/^\.\//, "")))];
}

test("npm run package builds convex-guidelines-<version>.vsix within the size budget", (t) => {
  assert.equal(vsix.path.split("/").pop(), `convex-guidelines-${manifest.version}.vsix`);
  const bytes = statSync(vsix.path).size;
  t.diagnostic(`${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB), ${entries.length} entries, packaged in ${vsix.ms} ms`);
  assert.ok(bytes <= MAX_VSIX_BYTES, `the vsix is ${bytes} bytes, over ${MAX_VSIX_BYTES}`);
});

test("the vsix holds exactly what runs: the files the manifest and client name, README, CHANGELOG, LICENSE", () => {
  const expected = [
    "[Content_Types].xml",
    "extension.vsixmanifest",
    "extension/package.json",
    "extension/readme.md",
    "extension/changelog.md",
    "extension/LICENSE.txt",
    ...referencedFiles().map((f) => `extension/${f}`),
  ].sort();
  for (const f of referencedFiles()) assert.ok(existsSync(resolve(REPO_ROOT, f)), `the manifest names ${f}, which does not exist`);
  assert.deepEqual(entries.map((e) => e.name).sort(), expected);
});

test("the packaged manifest is package.json as committed", () => {
  assert.deepEqual(JSON.parse(text("extension/package.json")), manifest);
});

test("the bundles are the production build: minified, no source maps, the parser only in the server", () => {
  const client = text("extension/dist/client.js");
  const server = text("extension/dist/server-main.js");
  for (const [name, code] of [["client", client], ["server-main", server], ["server", text("extension/dist/server.js")], ["cli-main", text("extension/dist/cli-main.js")]]) {
    // (the TypeScript compiler's own code mentions sourceMappingURL: look at the trailing comment only)
    assert.ok(!/\/\/# sourceMappingURL=\S+\s*$/.test(code), `${name}.js links a source map that is not shipped`);
    // the development build has one statement per line (228k lines for the server); minified, the
    // only line breaks left are in license comments and template literals
    const lines = code.split("\n").length;
    assert.ok(lines < 2_000, `${name}.js has ${lines} lines: not minified`);
  }
  assert.ok(!/createSourceFile|ScriptTarget/.test(client), "the client bundle carries the TypeScript parser");
  assert.ok(server.includes("createSourceFile"), "the server bundle lacks the TypeScript parser");
});

test("the Marketplace manifest carries the listing: id, categories, tags, banner, icon, links, extension kind", () => {
  const xml = text("extension.vsixmanifest");
  assert.match(xml, new RegExp(`<Identity [^>]*Id="${manifest.name}" Version="${manifest.version}"[^>]* Publisher="${manifest.publisher}"`));
  assert.match(xml, new RegExp(`<DisplayName>${manifest.displayName}</DisplayName>`));
  assert.match(xml, new RegExp(`<Categories>${manifest.categories.join(",")}</Categories>`));
  const tags = /<Tags>([^<]*)<\/Tags>/.exec(xml)?.[1].split(",") ?? [];
  for (const keyword of manifest.keywords) assert.ok(tags.includes(keyword), `tag ${keyword} missing: ${tags}`);
  assert.match(xml, new RegExp(`Id="Microsoft.VisualStudio.Services.Branding.Color" Value="${manifest.galleryBanner.color}"`));
  assert.match(xml, new RegExp(`Id="Microsoft.VisualStudio.Services.Branding.Theme" Value="${manifest.galleryBanner.theme}"`));
  assert.match(xml, /Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace"/);
  assert.match(xml, new RegExp(`Id="Microsoft.VisualStudio.Services.Links.Source" Value="${manifest.repository.url}`));
  assert.match(xml, new RegExp(`<Asset Type="Microsoft.VisualStudio.Services.Icons.Default" Path="extension/${manifest.icon}"`));
  assert.match(xml, /<License>extension\/LICENSE.txt<\/License>/);
});

test("the packaged README shows its images from this repository (the Marketplace cannot read relative paths)", () => {
  const readme = text("extension/readme.md");
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length >= 3, `${images.length} images`);
  const base = `${manifest.repository.url}/raw/HEAD/`;
  for (const image of images) {
    assert.ok(image.startsWith(base), `${image} is not under ${base}`);
    assert.ok(existsSync(resolve(REPO_ROOT, image.slice(base.length))), `${image} names a file the repository does not have`);
  }
});

test("the packaged language server runs on its own and links every finding to its rule's page", { timeout: 60_000 }, async () => {
  // Unpacked away from the repository, so no node_modules is within reach: the bundle must carry
  // everything it needs.
  const unpacked = join(workDir, "unpacked");
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    mkdirSync(dirname(join(unpacked, e.name)), { recursive: true });
    writeFileSync(join(unpacked, e.name), e.data());
  }
  const demo = copyFixture("examples/demo");
  const client = await TestLspClient.start(demo.root, {}, { server: join(unpacked, "extension", "dist", "server.js") });
  try {
    // the status notification counts every finding; wait until that many are published
    const total = await client.waitFor("the status of the demo project", () => {
      const status = client.notifications.filter((n) => n.method === "convex/status").pop()?.params as { projects: unknown[]; findings: { total: number } } | undefined;
      return status && status.projects.length === 1 ? status.findings.total : undefined;
    }, 30_000);
    const all = await client.waitFor("every finding to be published", () => {
      const list: Diagnostic[] = [...client.diagnostics.values()].flat();
      return list.length === total ? list : undefined;
    }, 30_000);
    assert.ok(all.length >= 10, `${all.length} findings in the demo`);
    for (const d of all) {
      assert.equal(d.source, "convex");
      assert.equal(d.codeDescription?.href, `${DOCS_BASE_URL}${d.code}.md`);
      assert.ok(existsSync(resolve(REPO_ROOT, "docs/rules", `${d.code}.md`)), `no page for ${d.code}`);
    }
  } finally {
    await client.stop();
    demo.dispose();
  }
});
