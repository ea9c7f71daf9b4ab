// Idle work in steps (the server's edit rehearsal): one step per turn, stopped as soon as it is no
// longer wanted, reported once either way.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runStepwise, type StepwiseOutcome } from "../../server/src/lsp/stepwise";

function* counted(n: number, taken: number[]): Generator<number, string, undefined> {
  for (let i = 0; i < n; i++) {
    taken.push(i);
    yield i;
  }
  return `all ${n}`;
}

/** A manual event loop: `later` queues a turn, `turn()` runs the oldest one. */
function manualLoop() {
  const queue: (() => void)[] = [];
  return {
    later: (f: () => void) => void queue.push(f),
    turn: () => queue.shift()!(),
    get pending() {
      return queue.length;
    },
  };
}

describe("runStepwise", () => {
  test("runs one step per turn to the end and reports the steps' result once", () => {
    const loop = manualLoop();
    const taken: number[] = [];
    const outcomes: StepwiseOutcome<string>[] = [];
    runStepwise(counted(3, taken), () => false, (o) => outcomes.push(o), loop.later);
    assert.deepEqual(taken, [], "nothing runs before the first turn");
    loop.turn();
    assert.deepEqual(taken, [0], "one step per turn");
    while (loop.pending > 0) loop.turn();
    assert.deepEqual(taken, [0, 1, 2]);
    assert.deepEqual(outcomes, [{ made: 3, finished: { value: "all 3" } }]);
  });

  test("stops before the next step once stop() answers true, and reports how many ran", () => {
    const loop = manualLoop();
    const taken: number[] = [];
    const outcomes: StepwiseOutcome<string>[] = [];
    let edited = false;
    runStepwise(counted(20, taken), () => edited, (o) => outcomes.push(o), loop.later);
    loop.turn();
    loop.turn();
    edited = true;
    while (loop.pending > 0) loop.turn();
    assert.deepEqual(taken, [0, 1]);
    assert.deepEqual(outcomes, [{ made: 2 }]);
  });

  test("asks before the first step too", () => {
    const loop = manualLoop();
    const taken: number[] = [];
    const outcomes: StepwiseOutcome<string>[] = [];
    runStepwise(counted(5, taken), () => true, (o) => outcomes.push(o), loop.later);
    while (loop.pending > 0) loop.turn();
    assert.deepEqual(taken, []);
    assert.deepEqual(outcomes, [{ made: 0 }]);
  });
});
