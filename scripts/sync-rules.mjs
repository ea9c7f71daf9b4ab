// Regenerates every list of rules from the registry: the `convex.rules` setting schema in
// package.json, the convex-guidelines.json schema, and the rule tables in README.md and
// docs/rules/README.md (between <!-- rules:start --> and <!-- rules:end -->).
// `node scripts/sync-rules.mjs` writes; `--check` only reports what is stale (exit 1).
import * as esbuild from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const check = process.argv.includes("--check");
const { outputFiles } = await esbuild.build({
  entryPoints: ["server/src/rules/registry.ts"], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "warning", external: ["typescript"],
});
const module = { exports: {} };
new Function("module", "exports", "require", outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const rules = module.exports.RULES.map((r) => r.meta);
const ids = rules.map((r) => r.id);

const FIX = { fix: "fix", suggestion: "suggestion", none: "—" };
const table = (link) => [
  "| Rule | Default | Checks | Quick fix |",
  "|---|---|---|---|",
  ...rules.map((r) => `| [\`${r.id}\`](${link(r.id)}) | ${r.defaultSeverity} | ${r.description.replace(/\.$/, "")} | ${FIX[r.fixKind]} |`),
].join("\n");

const stale = [];
function update(file, transform) {
  const before = readFileSync(file, "utf8");
  const after = transform(before);
  if (after === before) return;
  stale.push(file);
  if (!check) writeFileSync(file, after);
}
const json = (text, edit) => {
  const data = JSON.parse(text);
  edit(data);
  return JSON.stringify(data, null, 2) + "\n";
};
const between = (text, body) => text.replace(/(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/, `$1\n${body}\n$2`);

update("package.json", (t) => json(t, (d) => { d.contributes.configuration.properties["convex.rules"].propertyNames.enum = ids; }));
update("schemas/convex-guidelines.schema.json", (t) => json(t, (d) => { d.properties.rules.propertyNames.enum = ids; }));
update("README.md", (t) => between(t, table((id) => `docs/rules/${id}.md`)));
update("docs/rules/README.md", (t) => between(t, table((id) => `${id}.md`)));

if (stale.length > 0) {
  console.log(`${check ? "stale" : "updated"}: ${stale.join(", ")}`);
  if (check) process.exitCode = 1;
}
