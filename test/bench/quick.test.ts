// Smoke test of the benchmark: the generator is deterministic and shaped as documented, and the
// quick bench runs end to end as `npm run bench -- --quick` would, writing every required key with
// sane values. Timings are not judged here (that is what the bench's own PASS/MISS lines are for).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, test } from "node:test";
import { generateProject } from "../../bench/gen/project";
import { REPO_ROOT } from "../support/demo";

const scratch = mkdtempSync(join(tmpdir(), "convex-guidelines-bench-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("benchmark", () => {
  test("the generator writes the same bytes for the same (modules, seed), in the documented shape", () => {
    const a = generateProject(join(scratch, "a"), { modules: 30, seed: 7 });
    generateProject(join(scratch, "b"), { modules: 30, seed: 7 });
    const other = generateProject(join(scratch, "c"), { modules: 30, seed: 8 });
    const filesA = filesOf(join(scratch, "a"));
    assert.deepEqual(filesA, filesOf(join(scratch, "b")));
    assert.notDeepEqual(filesA, filesOf(join(scratch, "c")));

    const modules = [...filesA.keys()].filter((f) => f.startsWith("convex/") && f !== "convex/schema.ts");
    assert.equal(modules.length, 30);
    assert.equal(a.convexFiles.length, 31);
    assert.equal(other.tables, 6, "N/5 tables");
    assert.match(filesA.get("package.json")!, /"convex": "\^1\.17\.0"/);
    assert.equal(filesA.get(a.largeModule.path)!.split("\n").length - 1, 2000);
    assert.match(filesA.get(a.largeModule.path)!.split("\n")[a.largeModule.anchorLine], /bench:edit-anchor/);
    assert.equal(filesA.get("convex/schema.ts")!.split("\n")[a.schemaEdit.line], a.schemaEdit.text);
    assert.ok(a.schemaEdit.dependents.length >= 3);
    for (const dependent of a.schemaEdit.dependents) assert.match(filesA.get(dependent)!, /withIndex\("by_email"/);
    assert.equal(a.clientFiles.length, 3, "N/10 client files");
    for (const client of a.clientFiles) assert.match(filesA.get(client)!, /useQuery\(api\.|useMutation\(api\./);
  });

  test("the quick bench exits 0 and writes every required key with sane values", { timeout: 5 * 60_000 }, () => {
    const out = join(scratch, "results.json");
    const committed = join(REPO_ROOT, "bench/results.json");
    const committedBefore = existsSync(committed) ? readFileSync(committed, "utf8") : undefined;
    const run = spawnSync(process.execPath, [join(REPO_ROOT, "out/bench/run.js"), "--quick", "--out", out], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 4 * 60_000,
    });
    assert.equal(run.status, 0, `bench --quick failed:\n${run.stderr}\n${run.stdout}`);
    assert.match(run.stdout, /Targets:/);
    const r = JSON.parse(readFileSync(out, "utf8"));
    // Quick mode must leave the committed results alone.
    assert.equal(existsSync(committed) ? readFileSync(committed, "utf8") : undefined, committedBefore);

    assert.equal(r.n, 100);
    assert.equal(r.quick, true);
    const positive = (value: unknown, name: string) => assert.ok(typeof value === "number" && value > 0 && Number.isFinite(value), `${name} = ${value}`);
    positive(r.ratios.fullCheckVsParseFloor, "ratios.fullCheckVsParseFloor");
    positive(r.ratios.eslintVsFullCheck, "ratios.eslintVsFullCheck");
    for (const key of ["coldStartMs", "editP50Ms", "editP95Ms", "schemaEditP95Ms", "rssMB"]) positive(r.lsp[key], `lsp.${key}`);
    assert.ok(r.lsp.editP95Ms >= r.lsp.editP50Ms);
    assert.equal(r.lsp.edit.count, 20);
    assert.equal(r.lsp.schemaEdit.count, 3);
    positive(r.vsixBytes, "vsixBytes");
    positive(r.clientBundleBytes, "clientBundleBytes");
    assert.deepEqual(r.package.clientCompilerMarkers, [], "the client bundle must not contain the TypeScript compiler");
    for (const key of ["fullCheckMs", "parseFloorMs", "eslintMs"]) {
      assert.equal(r.timings[key].samples.length, r.reps, `timings.${key} has one sample per repetition`);
      for (const sample of r.timings[key].samples) positive(sample, `timings.${key} sample`);
    }
    // Every contender did the work on the same files.
    assert.equal(r.outputs.parseFloor.files, r.project.files);
    assert.equal(r.outputs.eslint.files, r.project.files);
    positive(r.outputs.eslint.problems, "ESLint problems");
    positive(r.outputs.fullCheck.findings, "CLI findings");
    assert.deepEqual(r.scaling, { skipped: "--quick" });
    assert.equal(r.targets.length, 8);
    for (const t of r.targets) assert.ok(t.status === "PASS" || t.status === "MISS", `${t.id}: ${t.status}`);
    for (const key of ["cores", "cpuModel", "node", "date"]) assert.ok(r.machine[key], `machine.${key}`);
  });
});
