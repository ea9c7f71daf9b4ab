// Every rule in the registry is documented, configurable and tested, and nothing else claims to be a rule.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { RULES, docsUrl } from "../../server/src/rules/registry";
import { REPO_ROOT } from "../support/demo";

const ids = RULES.map((r) => r.meta.id);
const camel = (id: string) => id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

test("rule ids are unique kebab-case and metadata is complete", () => {
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.match(rule.meta.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(rule.meta.description.endsWith("."), rule.meta.id);
    assert.match(docsUrl(rule.meta.id), new RegExp(`/docs/rules/${rule.meta.id}\\.md$`));
  }
});

test("each rule has a docs page and a test file", () => {
  const pages = readdirSync(resolve(REPO_ROOT, "docs/rules")).filter((f) => f !== "README.md").map((f) => f.replace(/\.md$/, ""));
  assert.deepEqual(pages.sort(), [...ids].sort());
  for (const id of ids) {
    assert.match(readFileSync(resolve(REPO_ROOT, `docs/rules/${id}.md`), "utf8"), new RegExp(`^# ${id}\\n`));
    assert.ok(existsSync(resolve(REPO_ROOT, `test/rules/${camel(id)}.test.ts`)), `test/rules/${camel(id)}.test.ts`);
  }
});

test("every generated list of rules is up to date (npm run sync-rules)", () => {
  const result = spawnSync(process.execPath, ["scripts/sync-rules.mjs", "--check"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test("convex.rules in package.json and the config file schema accept exactly the registered ids", () => {
  const configSchema = JSON.parse(readFileSync(resolve(REPO_ROOT, "schemas/convex-guidelines.schema.json"), "utf8"));
  assert.deepEqual([...configSchema.properties.rules.propertyNames.enum].sort(), [...ids].sort());
  const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));
  const schema = manifest.contributes.configuration.properties["convex.rules"];
  assert.deepEqual([...schema.propertyNames.enum].sort(), [...ids].sort());
  assert.deepEqual(schema.additionalProperties.enum, ["off", "hint", "info", "warning", "error"]);
});

test("each rule the catalogue gives a code action offers one in its tests, of that kind, and the others offer none", () => {
  for (const rule of RULES) {
    const file = resolve(REPO_ROOT, `test/rules/__snapshots__/${rule.meta.id}.md`);
    // The fix snapshots list every fix the rule's invalid cases offered, each headed by its kind.
    const kinds = new Set(existsSync(file) ? [...readFileSync(file, "utf8").matchAll(/^(fix|suggestion): /gm)].map((m) => m[1]) : []);
    const expected = rule.meta.fixKind === "none" ? [] : [rule.meta.fixKind];
    assert.deepEqual([...kinds].filter((k) => k === rule.meta.fixKind || rule.meta.fixKind === "none"), expected, rule.meta.id);
  }
});
