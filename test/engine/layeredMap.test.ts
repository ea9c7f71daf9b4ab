// The index's maps are derived from the previous index's: each derived map must read as a copy with
// its own changes, and never change the map it came from, however long the chain of edits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LayeredMap } from "../../server/src/engine/layeredMap";

test("a derived map reads as a changed copy and leaves its predecessor as it was", () => {
  const first = LayeredMap.of([["a", 1], ["b", 2]]);
  const second = LayeredMap.derive(first);
  second.set("a", 10);
  second.delete("b");
  second.set("c", 3);
  assert.deepEqual([first.get("a"), first.get("b"), first.get("c")], [1, 2, undefined]);
  assert.deepEqual([second.get("a"), second.get("b"), second.get("c")], [10, undefined, 3]);
  const third = LayeredMap.derive(second);
  third.set("b", 20);
  assert.deepEqual([second.get("b"), third.get("b"), third.get("a")], [undefined, 20, 10]);
  assert.deepEqual(new Map(third.entries()), new Map([["a", 10], ["b", 20], ["c", 3]]));
});

test("a long chain of edits, flattened along the way, equals a plain map given the same edits", () => {
  const plain = new Map<number, number>();
  for (let i = 0; i < 1000; i++) plain.set(i, i);
  let layered = LayeredMap.of(plain);
  const history: { map: LayeredMap<number, number>; expected: Map<number, number> }[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 1200;
  for (let edit = 0; edit < 2000; edit++) {
    layered = LayeredMap.derive(layered);
    const k = next();
    if (edit % 3 === 0) {
      plain.delete(k);
      layered.delete(k);
    } else {
      plain.set(k, edit);
      layered.set(k, edit);
    }
    if (edit % 250 === 0) history.push({ map: layered, expected: new Map(plain) });
  }
  assert.deepEqual(new Map(layered.entries()), plain);
  for (let k = 0; k < 1200; k++) assert.equal(layered.get(k), plain.get(k), `key ${k}`);
  // Earlier maps in the chain still read as they did.
  for (const { map, expected } of history) assert.deepEqual(new Map(map.entries()), expected);
});
