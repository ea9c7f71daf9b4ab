// The panel's manifest contributions hang together, and the constants the client shares with the
// server are the server's own.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { CONVERT_TO_INTERNAL_KIND as PROTOCOL_KIND } from "../../server/src/lsp/protocol";
import { CONVERT_TO_INTERNAL_KIND } from "../../server/src/fixes/refactorings";
import { REPO_ROOT } from "../support/demo";

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8")) as Manifest;

test("the Convex activity bar container holds the Schema and Functions views, with an icon that ships", () => {
  const { viewsContainers, views, viewsWelcome } = manifest.contributes;
  const container = viewsContainers.activitybar.find((c) => c.id === "convex");
  assert.ok(container);
  assert.ok(statSync(resolve(REPO_ROOT, container.icon)).isFile());
  assert.match(readFileSync(resolve(REPO_ROOT, ".vscodeignore"), "utf8"), new RegExp(`^!${container.icon.replace(/\./g, "\\.")}$`, "m"));
  assert.deepEqual(views.convex.map((v) => v.id), ["convex.schema", "convex.functions"]);
  assert.deepEqual(viewsWelcome.map((w) => w.view).sort(), ["convex.functions", "convex.schema"]);
});

test("every command in a menu is declared in the Convex category; item-only commands are hidden from the palette", () => {
  const { commands, menus } = manifest.contributes;
  const declared = new Map(commands.map((c) => [c.command, c]));
  for (const [menu, entries] of Object.entries(menus)) {
    for (const entry of entries) assert.ok(declared.has(entry.command), `${menu} names undeclared ${entry.command}`);
  }
  for (const id of ["convex.showSchema", "convex.refresh", "convex.addIndex", "convex.findUsages", "convex.convertToInternal", "convex.fixAllInFile", "convex.openRuleDocs"]) {
    assert.equal(declared.get(id)?.category, "Convex", id);
  }
  const hidden = menus.commandPalette.filter((e) => e.when === "false").map((e) => e.command).sort();
  assert.deepEqual(hidden, ["convex.addIndex", "convex.convertToInternal", "convex.findUsages", "convex.reveal"]);
});

test("the client asks for the refactoring by the server's own code action kind", () => {
  assert.equal(PROTOCOL_KIND, CONVERT_TO_INTERNAL_KIND);
});
