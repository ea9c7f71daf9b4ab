// The client's answer to a crashed language server: restart it, at most 4 times in 3 minutes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from "../../client/src/restartPolicy";

test("a crashed server is restarted 4 times within 3 minutes, then left stopped with a message saying how to restart it", () => {
  let now = 1_000_000;
  const policy = new RestartPolicy(undefined, undefined, () => now);
  assert.equal(MAX_RESTARTS, 4);
  assert.equal(RESTART_WINDOW_MS, 180_000);
  for (let i = 1; i <= 4; i++) {
    const decision = policy.crashed();
    assert.equal(decision.restart, true, `crash ${i}`);
    assert.match(decision.message, new RegExp(`restarting it \\(restart ${i} of at most 4 in 3 minutes\\)`));
    now += 10_000;
  }
  const fifth = policy.crashed();
  assert.equal(fifth.restart, false);
  assert.match(fifth.message, /stopped unexpectedly 5 times in 3 minutes and will not be restarted/);
  assert.match(fifth.message, /Convex: Restart Server/);
});

test("crashes older than 3 minutes no longer count", () => {
  let now = 0;
  const policy = new RestartPolicy(undefined, undefined, () => now);
  for (let i = 0; i < 4; i++) {
    assert.equal(policy.crashed().restart, true);
    now += 50_000; // 4 crashes over 150 s
  }
  // now = 200 s: the first crash (0 s) is more than 3 minutes old, so this is the 4th in the window.
  const decision = policy.crashed();
  assert.equal(decision.restart, true);
  assert.match(decision.message, /restart 4 of at most 4/);
  now += 1_000;
  assert.equal(policy.crashed().restart, false, "5 crashes between 50 s and 201 s");
});

test("a restart the user asks for starts the count anew", () => {
  const policy = new RestartPolicy(2, 60_000, () => 0);
  assert.equal(policy.crashed().restart, true);
  assert.equal(policy.crashed().restart, true);
  assert.equal(policy.crashed().restart, false);
  policy.reset();
  assert.equal(policy.crashed().restart, true);
});
