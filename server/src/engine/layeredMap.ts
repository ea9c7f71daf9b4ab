// A map made from an earlier one plus a few changes, without copying the earlier one.
//
// The cross-module index is rebuilt after every edit from the previous one; copying its maps (one
// entry per module and per referenced function) allocated most of an edit's memory, and what an
// edit allocates is what the garbage collector then pauses the server for. A LayeredMap shares the
// previous map as its base and holds only the keys changed since; once those are many, the next
// map is flattened into a new base, so lookups stay one or two hash probes.

const REMOVED: unique symbol = Symbol("removed");

/** Changed keys above which the next derived map is flattened. */
const MAX_CHANGES = 256;

export class LayeredMap<K, V extends NonNullable<unknown>> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: Map<K, V | typeof REMOVED>,
  ) {}

  /** A map with the entries of `entries` (copied). */
  static of<K, V extends NonNullable<unknown>>(entries: Iterable<[K, V]>): LayeredMap<K, V> {
    return new LayeredMap(new Map(entries), new Map());
  }

  /** A map with the entries of `previous`, to be changed without changing `previous`. */
  static derive<K, V extends NonNullable<unknown>>(previous: LayeredMap<K, V>): LayeredMap<K, V> {
    if (previous.changes.size > MAX_CHANGES) return LayeredMap.of(previous.entries());
    return new LayeredMap(previous.base, new Map(previous.changes));
  }

  /** Values are never `undefined` (a removed key is marked), so one probe of the changes decides. */
  get(key: K): V | undefined {
    const changed = this.changes.get(key);
    if (changed === undefined) return this.base.get(key);
    return changed === REMOVED ? undefined : changed;
  }

  set(key: K, value: V): void {
    this.changes.set(key, value);
  }

  delete(key: K): void {
    this.changes.set(key, REMOVED);
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [key, value] of this.base) {
      if (!this.changes.has(key)) yield [key, value];
    }
    for (const [key, value] of this.changes) {
      if (value !== REMOVED) yield [key, value];
    }
  }
}
