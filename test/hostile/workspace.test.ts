// The workspace around the modules: symbolic link loops (discovery and loading must terminate), and a
// functions folder that disappears mid-session (and comes back).
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { discoverProjects } from "../../server/src/project/discovery";
import { memoryFileSystem, nodeFileSystem, type FileSystem } from "../../server/src/project/fileSystem";
import { normalizePath } from "../../server/src/project/paths";
import { ConvexProject } from "../../server/src/project/project";
import { Workspace } from "../../server/src/project/workspace";
import { REPO_ROOT } from "../support/demo";
import { ALL_RULES_ON } from "../support/fixProof";

function tempDemo(): { root: string; dispose: () => void } {
  const root = normalizePath(mkdtempSync(join(tmpdir(), "convex-hostile-ws-")));
  cpSync(join(REPO_ROOT, "examples/demo"), root, { recursive: true });
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

describe("the workspace around the modules", () => {
  test("symbolic link loops: discovery and loading terminate, and the project is read once", () => {
    const { root, dispose } = tempDemo();
    try {
      symlinkSync(root, `${root}/loop`); // the workspace inside itself
      mkdirSync(`${root}/a`);
      symlinkSync(`${root}/a`, `${root}/a/again`); // a folder inside itself
      symlinkSync(`${root}/self`, `${root}/self`); // a link to itself (ELOOP)
      symlinkSync(`${root}/convex`, `${root}/convex/lib`); // the functions folder inside itself
      symlinkSync(`${root}/convex/cycle.ts`, `${root}/convex/cycle.ts`); // a module that is a loop
      symlinkSync(`${root}/nowhere.ts`, `${root}/convex/dangling.ts`);
      writeFileSync(`${root}/convex.json`, JSON.stringify({ functions: "loop/loop/loop/convex/" }));
      const log: string[] = [];
      const started = performance.now();
      const locations = discoverProjects(nodeFileSystem, root, { log: (m) => log.push(m) });
      const workspace = new Workspace(nodeFileSystem, (m) => log.push(m));
      workspace.setRoots([{ path: root }]);
      // convex.functionsDir set to a loop: not a folder, so detected instead, with a message.
      const viaSetting = new Workspace(nodeFileSystem, (m) => log.push(m));
      viaSetting.setRoots([{ path: root, functionsDir: "self" }]);
      assert.ok(performance.now() - started < 10_000);
      assert.equal(locations.length, 1);
      assert.deepEqual(workspace.projects.map((p) => p.modules.size), [5]);
      assert.deepEqual(viaSetting.projects.map((p) => p.modules.size), [5]);
      assert.ok(log.some((m) => m.includes("convex.functionsDir points to") && m.includes("not a folder")), log.join("\n"));
      const findings = analyzeProject(workspace.projects[0], ALL_RULES_ON);
      assert.ok(findings.get(`${workspace.projects[0].functionsDir}/tasks.ts`)!.length > 0);
    } finally {
      dispose();
    }
  });

  test("a functions folder deleted mid-session: its findings are cleared with a message, and it is found again when it comes back", () => {
    const { root, dispose } = tempDemo();
    try {
      const log: string[] = [];
      const workspace = new Workspace(nodeFileSystem, (m) => log.push(m));
      workspace.setRoots([{ path: root }]);
      const [project] = workspace.projects;
      assert.equal(project.modules.size, 5);
      cpSync(`${root}/convex`, `${root}/saved`, { recursive: true });
      rmSync(`${root}/convex`, { recursive: true });
      // The editor reports the folder (VS Code sends one event for a deleted folder).
      const changed = workspace.fileChanged(`${root}/convex`);
      assert.deepEqual(changed, [project], "the project that went is returned, so that its findings are cleared");
      assert.equal(project.modules.size, 0);
      assert.deepEqual(workspace.projects, []);
      assert.deepEqual(log, [`functions folder ${root}/convex is gone: its findings are cleared`]);
      // Events for files of the vanished folder change nothing more.
      assert.deepEqual(workspace.fileChanged(`${root}/convex/tasks.ts`), []);
      cpSync(`${root}/saved`, `${root}/convex`, { recursive: true });
      workspace.fileChanged(`${root}/convex/tasks.ts`);
      assert.deepEqual((workspace.projects as ConvexProject[]).map((p) => [p.functionsDir, p.modules.size]), [[`${root}/convex`, 5]]);
      assert.equal(log.at(-1), `functions folder ${root}/convex is back: reading it again`);
      assert.ok(analyzeProject(workspace.projects[0], ALL_RULES_ON).get(`${root}/convex/tasks.ts`)!.length > 0);
    } finally {
      dispose();
    }
  });

  test("a functions folder deleted file by file, then the folder: the same", () => {
    const { root, dispose } = tempDemo();
    try {
      const workspace = new Workspace(nodeFileSystem);
      workspace.setRoots([{ path: root }]);
      const [project] = workspace.projects;
      for (const name of ["tasks.ts", "users.ts"]) {
        rmSync(`${root}/convex/${name}`);
        assert.deepEqual(workspace.fileChanged(`${root}/convex/${name}`), [project]);
      }
      assert.equal(project.modules.size, 3);
      rmSync(`${root}/convex`, { recursive: true });
      assert.deepEqual(workspace.fileChanged(`${root}/convex/files.ts`), [project]);
      assert.deepEqual(workspace.projects, []);
    } finally {
      dispose();
    }
  });

  test("a folder that vanishes while the project is being read: what was read is analysed", () => {
    const files: Record<string, string> = {};
    for (const name of ["schema.ts", "tasks.ts", "users.ts", "files.ts", "jobs.ts"]) files[`/w/convex/${name}`] = `// ${name}\n`;
    const tree = memoryFileSystem(files);
    let reads = 0;
    // The folder is deleted after the second file is read.
    const vanishing: FileSystem = {
      ...tree,
      readFile: (p) => {
        if (++reads === 2) for (const key of Object.keys(files)) delete files[key];
        return tree.readFile(p);
      },
    };
    const project = new ConvexProject({ root: "/w", functionsDir: "/w/convex", source: "convention" }, "/w", vanishing);
    project.load();
    assert.ok(project.modules.size <= 2);
    analyzeProject(project, ALL_RULES_ON);
  });
});
