/** Smallest table (a power of two). */
const MIN_CAPACITY = 16;

/** FNV-1a over the UTF-16 code units, then a final avalanche so that the low bits (the slot) depend on every unit. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 1; // never 0: 0 marks an empty slot
}

/**
 * A string-keyed map that only grows (no delete), for the memory store's big indexes. Open addressing with linear
 * probing over an `Int32Array` of hashes, keys and values side by side in one array: a look-up for an absent key
 * (every insert checks one) usually reads one cache line of hashes and never touches another key, where a `Map`
 * follows a bucket chain and compares against stored key strings, each a cache miss once the map is large.
 */
export class StringIndex<V> {
  #hashes = new Int32Array(MIN_CAPACITY);
  /** Key at `2 * slot`, value at `2 * slot + 1`. */
  #entries: (string | V | undefined)[] = new Array(MIN_CAPACITY * 2);
  #mask = MIN_CAPACITY - 1;
  #size = 0;

  /** Entries held. */
  get size(): number {
    return this.#size;
  }

  #slot(key: string, hash: number): number {
    const hashes = this.#hashes;
    const mask = this.#mask;
    let slot = hash & mask;
    for (;;) {
      const h = hashes[slot] as number;
      if (h === 0 || (h === hash && this.#entries[slot * 2] === key)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The value stored under `key`, if any. */
  get(key: string): V | undefined {
    if (typeof key !== "string") return undefined;
    const hash = hashOf(key);
    const slot = this.#slot(key, hash);
    return this.#hashes[slot] === 0 ? undefined : (this.#entries[slot * 2 + 1] as V);
  }

  /** Whether `key` is stored. */
  has(key: string): boolean {
    if (typeof key !== "string") return false;
    return this.#hashes[this.#slot(key, hashOf(key))] !== 0;
  }

  /** Stores `value` under `key` (replacing any value there). */
  set(key: string, value: V): void {
    const hash = hashOf(key);
    let slot = this.#slot(key, hash);
    if (this.#hashes[slot] === 0) {
      if ((this.#size + 1) * 4 > this.#hashes.length * 3) {
        this.#grow();
        slot = this.#slot(key, hash);
      }
      this.#hashes[slot] = hash;
      this.#entries[slot * 2] = key;
      this.#size++;
    }
    this.#entries[slot * 2 + 1] = value;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const entries = this.#entries;
    const capacity = hashes.length * 2;
    this.#hashes = new Int32Array(capacity);
    this.#entries = new Array(capacity * 2);
    this.#mask = capacity - 1;
    for (let old = 0; old < hashes.length; old++) {
      const hash = hashes[old] as number;
      if (hash === 0) continue;
      let slot = hash & this.#mask;
      while (this.#hashes[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#hashes[slot] = hash;
      this.#entries[slot * 2] = entries[old * 2];
      this.#entries[slot * 2 + 1] = entries[old * 2 + 1];
    }
  }
}
