// The fix proof on real and fixture projects: every fix the engine would offer on the
// @convex-dev/* component sources, the fixture projects and the demo must pass the proof, and
// fix-all over each project must leave code that parses with fewer findings, never more.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, test } from "node:test";
import { analyzeProject } from "../../server/src/engine/analyze";
import { fixAll, verifyFix } from "../../server/src/engine/fixes";
import { DEFAULT_SETTINGS } from "../../server/src/engine/settings";
import { discoverProjects } from "../../server/src/project/discovery";
import { nodeFileSystem } from "../../server/src/project/fileSystem";
import { parseModule, parseProblems } from "../../server/src/project/parse";
import { ConvexProject } from "../../server/src/project/project";
import { CORPUS_PROJECTS } from "../support/corpus";
import { REPO_ROOT } from "../support/demo";
import { ALL_RULES_ON, proveFix } from "../support/fixProof";

const PROJECTS = CORPUS_PROJECTS;

function load(dir: string): ConvexProject[] {
  const root = resolve(REPO_ROOT, dir);
  return discoverProjects(nodeFileSystem, root).map((location) => {
    const project = new ConvexProject(location, root, nodeFileSystem);
    project.load();
    return project;
  });
}

describe("every offered fix passes the proof on real and fixture projects", () => {
  for (const dir of PROJECTS) {
    test(dir, (t) => {
      const projects = load(dir);
      assert.ok(projects.length > 0, `no Convex project found in ${dir}`);
      let offered = 0;
      let rejected = 0;
      for (const project of projects) {
        const before = analyzeProject(project, DEFAULT_SETTINGS);
        for (const finding of [...before.values()].flat()) {
          for (const fix of finding.fixes()) {
            if (!verifyFix(project, DEFAULT_SETTINGS, before, finding, fix)) {
              rejected++;
              continue;
            }
            offered++;
            const proof = proveFix(project, finding, fix, ALL_RULES_ON);
            assert.deepEqual(proof.problems, [], `${finding.path}:${finding.start.line + 1} "${fix.title}" (${finding.ruleId})`);
          }
        }
        const total = (p: ConvexProject) => [...analyzeProject(p, ALL_RULES_ON).values()].reduce((n, list) => n + list.length, 0);
        const all = fixAll(project, DEFAULT_SETTINGS);
        for (const [path, text] of all.texts) {
          assert.equal(parseProblems(parseModule(path, text)).length, project.modules.get(path)?.parseProblems.length ?? 0, `${path} parses after fix-all`);
        }
        const fixed = project.withTexts(all.texts);
        assert.ok(total(fixed) <= total(project) - (all.applied.length > 0 ? 1 : 0), `fix-all on ${project.functionsDir} leaves fewer findings`);
        assert.equal(all.capped, false);
      }
      t.diagnostic(`${offered} fixes offered and proven, ${rejected} candidate fixes rejected by verification`);
    });
  }
});
