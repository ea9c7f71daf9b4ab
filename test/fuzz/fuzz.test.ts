// The short fixed-seed run of the fuzzer (test/fuzz/harness.ts): the first cases of `npm run fuzz`,
// so any failure here replays with `npm run fuzz -- --case <index>`. The long run is on demand:
// `npm run fuzz -- --cases 20000`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_SEED, loadCorpus, runCase } from "./harness";

const CASES = 300;

test(`fuzz: ${CASES} mutated projects, no exception, ranges inside documents, verified fixes proven, incremental = fresh`, (t) => {
  const corpus = loadCorpus();
  assert.ok(corpus.seeds.length >= 10, `seed projects found: ${corpus.seeds.map((s) => s.name).join(", ")}`);
  const failures: string[] = [];
  let findings = 0;
  let verified = 0;
  for (let index = 0; index < CASES; index++) {
    const { input, result } = runCase(corpus, DEFAULT_SEED, index);
    findings += result.findings;
    verified += result.fixesVerified;
    if (result.problems.length > 0) {
      failures.push(`case ${index} (${input.seed.name}; replay: npm run fuzz -- --seed ${DEFAULT_SEED} --case ${index}):\n${result.problems.join("\n")}`);
    }
  }
  t.diagnostic(`${CASES} cases, ${findings} findings checked, ${verified} verified fixes proven`);
  // The run must exercise what it checks, or a passing run proves nothing.
  assert.ok(findings > 1000, `only ${findings} findings checked`);
  assert.ok(verified > 100, `only ${verified} verified fixes proven`);
  assert.deepEqual(failures, []);
});
