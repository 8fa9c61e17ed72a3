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
 * Values indexed by a string key each one carries (`keyOf(value)`), for the memory store's big indexes: grow-only
 * (no delete), one value per key. Open addressing with linear probing over an `Int32Array` of hashes beside an
 * array of values. The key is read from the value, so the table holds one reference per entry, not two; a look-up
 * for an absent key (every insert checks one) usually reads one cache line of hashes and never touches a value,
 * where a `Map` follows a bucket chain and compares against stored key strings, each a cache miss once it is large.
 */
export class KeyedIndex<V> {
  readonly #keyOf: (value: V) => string;
  #hashes = new Int32Array(MIN_CAPACITY);
  #values: (V | undefined)[] = new Array(MIN_CAPACITY);
  #mask = MIN_CAPACITY - 1;
  #size = 0;

  constructor(keyOf: (value: V) => string) {
    this.#keyOf = keyOf;
  }

  /** Entries held. */
  get size(): number {
    return this.#size;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  #slot(key: string, hash: number): number {
    const hashes = this.#hashes;
    const mask = this.#mask;
    let slot = hash & mask;
    for (;;) {
      const h = hashes[slot] as number;
      if (h === 0 || (h === hash && this.#keyOf(this.#values[slot] as V) === key)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The value stored under `key`, if any. */
  get(key: string): V | undefined {
    if (typeof key !== "string") return undefined;
    return this.#values[this.#slot(key, hashOf(key))];
  }

  /** Whether `key` is stored. */
  has(key: string): boolean {
    if (typeof key !== "string") return false;
    return this.#hashes[this.#slot(key, hashOf(key))] !== 0;
  }

  /** Stores `value` under its key, replacing the value held there, if any. */
  set(value: V): void {
    const key = this.#keyOf(value);
    const hash = hashOf(key);
    let slot = this.#slot(key, hash);
    if (this.#hashes[slot] === 0) {
      if ((this.#size + 1) * 4 > this.#hashes.length * 3) {
        this.#grow();
        slot = this.#slot(key, hash);
      }
      this.#hashes[slot] = hash;
      this.#size++;
    }
    this.#values[slot] = value;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const values = this.#values;
    const capacity = hashes.length * 2;
    this.#hashes = new Int32Array(capacity);
    this.#values = new Array(capacity);
    this.#mask = capacity - 1;
    for (let old = 0; old < hashes.length; old++) {
      const hash = hashes[old] as number;
      if (hash === 0) continue;
      let slot = hash & this.#mask;
      while (this.#hashes[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#hashes[slot] = hash;
      this.#values[slot] = values[old];
    }
  }
}
