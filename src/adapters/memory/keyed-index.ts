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
 * indexes. Open addressing with linear probing over two `Int32Array`s, hashes and numbers: the table holds no
 * strings and no references, so the garbage collector never looks inside it. The key itself is not kept: on a hash
 * match it is read back through `keyOf(number)`. A look-up for an absent key (every insert checks one) usually
 * reads one cache line of hashes and nothing else.
 */
export class KeyedIndex {
  readonly #keyOf: (n: number) => string;
  #hashes = new Int32Array(MIN_CAPACITY);
  #numbers = new Int32Array(MIN_CAPACITY);
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
    const hashes = this.#hashes;
    const mask = this.#mask;
    let slot = hash & mask;
    for (;;) {
      const h = hashes[slot] as number;
      if (h === 0 || (h === hash && this.#keyOf(this.#numbers[slot] as number) === key)) return slot;
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
    return this.#hashes[slot] === 0 ? -1 : (this.#numbers[slot] as number);
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
    if (this.#hashes[slot] === 0) {
      if ((this.#size + 1) * 4 > this.#hashes.length * 3) {
        this.#grow();
        slot = this.#slot(key, hash);
      }
      this.#hashes[slot] = hash;
      this.#size++;
    }
    this.#numbers[slot] = n;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const numbers = this.#numbers;
    const capacity = hashes.length * 2;
    this.#hashes = new Int32Array(capacity);
    this.#numbers = new Int32Array(capacity);
    this.#mask = capacity - 1;
    for (let old = 0; old < hashes.length; old++) {
      const hash = hashes[old] as number;
      if (hash === 0) continue;
      let slot = hash & this.#mask;
      while (this.#hashes[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#hashes[slot] = hash;
      this.#numbers[slot] = numbers[old] as number;
    }
  }
}
