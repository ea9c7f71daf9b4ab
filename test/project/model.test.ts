// The project model: where functions folders are found, which files are modules, and how edits
// and unsaved buffers update the facts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { discoverProjects } from "../../server/src/project/discovery";
import { memoryFileSystem } from "../../server/src/project/fileSystem";
import { isFunctionModule, modulePathOf } from "../../server/src/project/paths";
import { Workspace } from "../../server/src/project/workspace";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ tasks: defineTable({}).index("by_a", ["a"]) });\n`;
const MODULE = `import { query } from "./_generated/server";\nexport const list = query({ args: {}, handler: async (ctx) => ctx.db.query("tasks").collect() });\n`;

describe("functions folder discovery", () => {
  test("convex.json `functions` moves the folder; the default is convex/", () => {
    const fs = memoryFileSystem({
      "/w/convex.json": `{ "functions": "src/backend/" }`,
      "/w/src/backend/schema.ts": SCHEMA,
      "/w/convex/stray.ts": MODULE,
    });
    assert.deepEqual(discoverProjects(fs, "/w"), [{ root: "/w", functionsDir: "/w/src/backend", source: "convex.json" }]);
    const plain = memoryFileSystem({ "/w/convex/schema.ts": SCHEMA, "/w/convex/tasks.ts": MODULE });
    assert.deepEqual(discoverProjects(plain, "/w"), [{ root: "/w", functionsDir: "/w/convex", source: "convention" }]);
  });

  test("several projects in one workspace (a monorepo), none inside node_modules", () => {
    const fs = memoryFileSystem({
      "/w/apps/web/convex/schema.ts": SCHEMA,
      "/w/packages/backend/convex.json": `{}`,
      "/w/packages/backend/convex/tasks.ts": MODULE,
      "/w/node_modules/pkg/convex/schema.ts": SCHEMA,
      "/w/src/lib/convex/client.ts": "export {}",
    });
    assert.deepEqual(discoverProjects(fs, "/w").map((p) => p.functionsDir).sort(), ["/w/apps/web/convex", "/w/packages/backend/convex"]);
  });

  test("an unreadable convex.json is reported and the default folder is used", () => {
    const fs = memoryFileSystem({ "/w/convex.json": `{ functions: `, "/w/convex/schema.ts": SCHEMA });
    const log: string[] = [];
    assert.deepEqual(discoverProjects(fs, "/w", { log: (m) => log.push(m) }).map((p) => p.functionsDir), ["/w/convex"]);
    assert.match(log[0], /cannot parse \/w\/convex\.json/);
  });

  test("the convex.functionsDir setting wins over detection", () => {
    const fs = memoryFileSystem({ "/w/convex/schema.ts": SCHEMA, "/w/backend/tasks.ts": MODULE });
    assert.deepEqual(discoverProjects(fs, "/w", { functionsDir: "backend" }), [{ root: "/w", functionsDir: "/w/backend", source: "setting" }]);
  });
});

describe("which files are function modules (Convex's own rules)", () => {
  const cases: [string, boolean][] = [
    ["tasks.ts", true],
    ["lib/util.tsx", true],
    ["http.js", true],
    ["schema.ts", false],
    ["_generated/api.js", false],
    ["tasks.test.ts", false],
    ["api.d.ts", false],
    [".eslintrc.js", false],
    ["#scratch.ts", false],
    ["my file.ts", false],
    ["README.md", false],
  ];
  for (const [file, expected] of cases) {
    test(`${file} → ${expected}`, () => assert.equal(isFunctionModule(file), expected));
  }
  test("module paths drop the extension only", () => {
    assert.equal(modulePathOf("lib/util.ts"), "lib/util");
    assert.equal(modulePathOf("tasks.js"), "tasks");
  });
});

describe("workspace model", () => {
  const files = () => ({
    "/w/convex/schema.ts": SCHEMA,
    "/w/convex/tasks.ts": MODULE,
    "/w/convex/users.ts": MODULE.replace("list", "me"),
    "/w/convex/_generated/server.d.ts": "export {}",
    "/w/src/App.tsx": `import { api } from "../convex/_generated/api";\nexport const x = api.tasks.list;\n`,
    "/w/src/plain.ts": "export const y = 1;\n",
  });

  test("loads modules, schema and client files that use the api", () => {
    const workspace = new Workspace(memoryFileSystem(files()));
    workspace.setRoots([{ path: "/w" }]);
    const [project] = workspace.projects;
    assert.deepEqual([...project.modules.keys()].sort(), ["/w/convex/schema.ts", "/w/convex/tasks.ts", "/w/convex/users.ts"]);
    assert.deepEqual([...project.clients.keys()], ["/w/src/App.tsx"]);
    assert.deepEqual(project.schema?.tables.map((t) => [t.name, t.indexes.map((i) => i.name)]), [["tasks", ["by_a"]]]);
    assert.deepEqual(project.modules.get("/w/convex/tasks.ts")?.functions.map((f) => [f.name, f.kind, f.visibility]), [["list", "query", "public"]]);
  });

  test("files Convex skips (tests, two dots) do not stop the folder from loading", () => {
    const workspace = new Workspace(memoryFileSystem({ "/w/convex/_generated/server.ts": "", "/w/convex/a.test.ts": MODULE, "/w/convex/b.ts": MODULE }));
    workspace.setRoots([{ path: "/w" }]);
    assert.deepEqual([...workspace.projects[0].modules.keys()], ["/w/convex/b.ts"]);
  });

  test("a component folder (convex.config.ts + _generated) is a functions folder whatever its name", () => {
    const fs = memoryFileSystem({ "/w/src/component/convex.config.ts": "", "/w/src/component/_generated/api.ts": "", "/w/src/component/lib.ts": MODULE, "/w/node_modules/convex/server.js": "" });
    assert.deepEqual(discoverProjects(fs, "/w"), [{ root: "/w/src", functionsDir: "/w/src/component", source: "convention" }]);
  });

  test("an edit re-parses only that module; unsaved text wins until the editor closes", () => {
    const workspace = new Workspace(memoryFileSystem(files()));
    workspace.setRoots([{ path: "/w" }]);
    const [project] = workspace.projects;
    const usersBefore = project.modules.get("/w/convex/users.ts");
    const schemaBefore = project.modules.get("/w/convex/schema.ts");
    const changed = workspace.setOverlay("/w/convex/tasks.ts", MODULE.replace("list", "all"), "2");
    assert.equal(changed.length, 1);
    assert.equal(project.modules.get("/w/convex/users.ts"), usersBefore, "other modules keep their facts object");
    assert.equal(project.modules.get("/w/convex/schema.ts"), schemaBefore);
    assert.deepEqual(project.modules.get("/w/convex/tasks.ts")?.functions.map((f) => f.name), ["all"]);
    assert.equal(workspace.setOverlay("/w/convex/tasks.ts", MODULE.replace("list", "all"), "3").length, 0, "same text: no work");
    workspace.clearOverlay("/w/convex/tasks.ts");
    assert.deepEqual(project.modules.get("/w/convex/tasks.ts")?.functions.map((f) => f.name), ["list"]);
  });

  test("a functions folder that disappears mid-session drops its modules", () => {
    const tree: Record<string, string> = files();
    const workspace = new Workspace(memoryFileSystem(tree));
    workspace.setRoots([{ path: "/w" }]);
    const [project] = workspace.projects;
    for (const key of Object.keys(tree)) if (key.startsWith("/w/convex/")) delete tree[key];
    assert.deepEqual(workspace.fileChanged("/w/convex"), [project]);
    assert.equal(project.modules.size, 0);
  });

  test("custom builders imported from another module (convex-helpers' customMutation) register functions, in either load order", () => {
    const wrappers = `import { customCtx, customMutation } from "convex-helpers/server/customFunctions";\nimport { mutation as rawMutation, query as rawQuery } from "./_generated/server";\nexport const mutation = customMutation(rawMutation, customCtx(async () => ({})));\nconst authed = customQuery(rawQuery, {});\nexport { authed as authedQuery };\n`;
    const user = `import { authedQuery, mutation } from "./functions";\nexport const add = mutation({ handler: async (ctx) => ctx.db.insert("tasks", {}) });\nexport const me = authedQuery({ args: {}, handler: async () => null });\n`;
    for (const [importer, exporter] of [["/w/convex/a.ts", "/w/convex/functions.ts"], ["/w/convex/zz.ts", "/w/convex/functions.ts"]]) {
      const tree: Record<string, string> = { "/w/convex/schema.ts": SCHEMA, [exporter]: wrappers, [importer]: user };
      const workspace = new Workspace(memoryFileSystem(tree));
      workspace.setRoots([{ path: "/w" }]);
      const [project] = workspace.projects;
      assert.deepEqual(project.modules.get(exporter)?.exportedBuilders, { mutation: { kind: "mutation", visibility: "public" }, authedQuery: { kind: "query", visibility: "public" } });
      assert.deepEqual(project.modules.get(importer)?.functions.map((f) => [f.name, f.kind, f.hasArgs]), [["add", "mutation", false], ["me", "query", true]], importer);
    }
  });

  test("editing the wrapper module re-reads the modules that import it", () => {
    const wrappers = `import { customMutation } from "convex-helpers/server/customFunctions";\nimport { mutation as raw } from "./_generated/server";\nexport const mutation = customMutation(raw, {});\n`;
    const tree: Record<string, string> = { "/w/convex/schema.ts": SCHEMA, "/w/convex/functions.ts": wrappers, "/w/convex/tasks.ts": `import { mutation } from "./functions";\nexport const add = mutation({ args: {}, handler: async () => null });\n` };
    const workspace = new Workspace(memoryFileSystem(tree));
    workspace.setRoots([{ path: "/w" }]);
    const [project] = workspace.projects;
    assert.equal(project.modules.get("/w/convex/tasks.ts")?.functions.length, 1);
    workspace.setOverlay("/w/convex/functions.ts", wrappers.replace("export const mutation", "const mutation"), "2");
    assert.equal(project.modules.get("/w/convex/tasks.ts")?.functions.length, 0, "no longer exported: not a builder");
    workspace.clearOverlay("/w/convex/functions.ts");
    assert.equal(project.modules.get("/w/convex/tasks.ts")?.functions.length, 1);
  });
});
