/** The first chunk's size; each next chunk doubles, up to {@link MAX_CHUNK}. */
const FIRST_CHUNK = 16 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;

/**
 * Numbered texts kept as UTF-8 in large byte chunks, outside the JavaScript heap. A record kept this way costs the
 * garbage collector nothing: no object to copy while it is young, nothing to mark once it is old. Texts are only
 * appended; replacing one writes the new text at the end (the old bytes stay unused), so it suits what a memory
 * store does: many inserts, few updates.
 */
export class RecordLog {
  readonly #encoder = new TextEncoder();
  /** `ignoreBOM`: a text that begins with U+FEFF keeps it (the default decoder would drop it). */
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  #chunks: Uint8Array[] = [];
  #chunk: Uint8Array = new Uint8Array(0);
  #used = 0;
  /** Per text number: its chunk, its first byte and its byte length, side by side. */
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
    this.#write(n, text);
    this.#count++;
    return n;
  }

  /** Replaces text `n`. */
  replace(n: number, text: string): void {
    this.#check(n);
    this.#write(n, text);
  }

  /** Text `n`, decoded afresh. */
  read(n: number): string {
    this.#check(n);
    const where = this.#where;
    const length = where[3 * n + 2] as number;
    if (length === 0) return "";
    const start = where[3 * n + 1] as number;
    const chunk = this.#chunks[where[3 * n] as number] as Uint8Array;
    return this.#decoder.decode(chunk.subarray(start, start + length));
  }

  #check(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < this.#count)) throw new RangeError(`no text ${n}`);
  }

  #write(n: number, text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const most = text.length * 3;
    if (this.#chunk.length - this.#used < most) {
      const size = Math.max(Math.min(FIRST_CHUNK * 2 ** this.#chunks.length, MAX_CHUNK), most);
      this.#chunk = new Uint8Array(size);
      this.#chunks.push(this.#chunk);
      this.#used = 0;
    }
    const start = this.#used;
    const { written } = this.#encoder.encodeInto(text, this.#chunk.subarray(start));
    this.#used += written;
    this.#where[3 * n] = this.#chunks.length - 1;
    this.#where[3 * n + 1] = start;
    this.#where[3 * n + 2] = written;
  }
}
