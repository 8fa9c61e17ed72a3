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
 * A grow-only map from string keys to record numbers (no delete, one number per key), for the memory store's big
 * indexes. Open addressing with linear probing over one `Int32Array` of (hash, number) pairs: the table holds no
 * strings and no references, so the garbage collector never looks inside it, and a slot's number sits in the same
 * cache line as its hash. The key itself is not kept: on a hash match it is read back through `keyOf(number)`. A
 * look-up for an absent key (every insert checks one) usually reads one cache line and nothing else.
 */
export class KeyedIndex {
  readonly #keyOf: (n: number) => string;
  /** Slot `s` is `#table[2s]` (the key's hash, 0 when empty) and `#table[2s + 1]` (its number). */
  #table = new Int32Array(2 * MIN_CAPACITY);
  #mask = MIN_CAPACITY - 1;
  #size = 0;
  /** The last key looked up and the slot found for it, valid until the table changes: `set` after `has` reuses it. */
  #lastKey: string | undefined;
  #lastHash = 0;
  #lastSlot = 0;

  constructor(keyOf: (n: number) => string) {
    this.#keyOf = keyOf;
  }

  /** Entries held. */
  get size(): number {
    return this.#size;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  #slot(key: string, hash: number): number {
    const table = this.#table;
    const mask = this.#mask;
    let slot = hash & mask;
    for (;;) {
      const h = table[2 * slot] as number;
      if (h === 0 || (h === hash && this.#keyOf(table[2 * slot + 1] as number) === key)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The number stored under `key`, or -1. */
  get(key: string): number {
    if (typeof key !== "string") return -1;
    const hash = hashOf(key);
    const slot = this.#slot(key, hash);
    this.#lastKey = key;
    this.#lastHash = hash;
    this.#lastSlot = slot;
    return this.#table[2 * slot] === 0 ? -1 : (this.#table[2 * slot + 1] as number);
  }

  /** Whether `key` is stored. */
  has(key: string): boolean {
    return this.get(key) !== -1;
  }

  /** Stores `n` under `key`, replacing the number held there, if any. */
  set(key: string, n: number): void {
    const cached = key === this.#lastKey;
    this.#lastKey = undefined;
    const hash = cached ? this.#lastHash : hashOf(key);
    let slot = cached ? this.#lastSlot : this.#slot(key, hash);
    if (this.#table[2 * slot] === 0) {
      if ((this.#size + 1) * 4 > (this.#mask + 1) * 3) {
        this.#grow();
        slot = this.#slot(key, hash);
      }
      this.#table[2 * slot] = hash;
      this.#size++;
    }
    this.#table[2 * slot + 1] = n;
  }

  #grow(): void {
    const old = this.#table;
    const capacity = 2 * (this.#mask + 1);
    const table = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let at = 0; at < old.length; at += 2) {
      const hash = old[at] as number;
      if (hash === 0) continue;
      let slot = hash & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = old[at + 1] as number;
    }
    this.#table = table;
    this.#mask = mask;
  }
}
