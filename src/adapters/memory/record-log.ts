/** Texts joined into one chunk string at a time. */
const CHUNK_TEXTS = 1024;

/**
 * Numbered texts, kept joined into large strings: a chunk of {@link CHUNK_TEXTS} texts is one heap object, so a
 * million records are about a thousand objects for the garbage collector to mark, and nothing to copy once a chunk
 * is old. The newest texts wait in a short tail until there are enough of them to join. Texts are only appended;
 * replacing one appends the new text (the old characters stay unused), which suits what a memory store does: many
 * inserts, few updates. Characters are kept as they are (UTF-16), so every string round-trips exactly.
 */
export class RecordLog {
  #chunks: string[] = [];
  /** Texts not joined yet; they become chunk number `#chunks.length`. */
  #tail: string[] = [];
  /** The record number of each tail text. */
  #tailNumbers: number[] = [];
  #tailLength = 0;
  /**
   * Per text number: its chunk, its first character and its length, side by side. For a tail text: the chunk it
   * will join (`#chunks.length`), its place in the tail, and its length.
   */
  #where = new Int32Array(3 * 64);
  #count = 0;

  /** Texts held. */
  get size(): number {
    return this.#count;
  }

  /** Keeps `text`; returns its number (0, 1, 2, … in order). */
  append(text: string): number {
    const n = this.#count;
    if (3 * (n + 1) > this.#where.length) {
      const grown = new Int32Array(this.#where.length * 2);
      grown.set(this.#where);
      this.#where = grown;
    }
    this.#count++;
    this.#write(n, text);
    return n;
  }

  /** Replaces text `n`. */
  replace(n: number, text: string): void {
    this.#check(n);
    this.#write(n, text);
  }

  /** Text `n`. */
  read(n: number): string {
    this.#check(n);
    const where = this.#where;
    const chunk = where[3 * n] as number;
    const at = where[3 * n + 1] as number;
    if (chunk === this.#chunks.length) return this.#tail[at] as string;
    return (this.#chunks[chunk] as string).slice(at, at + (where[3 * n + 2] as number));
  }

  #check(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < this.#count)) throw new RangeError(`no text ${n}`);
  }

  #write(n: number, text: string): void {
    const where = this.#where;
    where[3 * n] = this.#chunks.length;
    where[3 * n + 1] = this.#tail.length;
    where[3 * n + 2] = text.length;
    this.#tail.push(text);
    this.#tailNumbers.push(n);
    this.#tailLength += text.length;
    // A chunk stays well under V8's largest string (2^29 characters): long texts end the chunk early.
    if (this.#tail.length >= CHUNK_TEXTS || this.#tailLength >= 1 << 24) this.#join();
  }

  /** Joins the tail into the next chunk and points its texts there. */
  #join(): void {
    const where = this.#where;
    let at = 0;
    for (let i = 0; i < this.#tail.length; i++) {
      // A text replaced while still in the tail is here twice: the later (newer) place is the one that stays.
      where[3 * (this.#tailNumbers[i] as number) + 1] = at;
      at += (this.#tail[i] as string).length;
    }
    this.#chunks.push(this.#tail.join(""));
    this.#tail = [];
    this.#tailNumbers = [];
    this.#tailLength = 0;
  }
}
