import { describe, expect, it } from "vitest";
import { KeyedIndex } from "../../src/adapters/memory/keyed-index.js";
import { RecordLog } from "../../src/adapters/memory/record-log.js";

/** An index over `keys` (record n has key keys[n]), counting how often it reads a key back. */
function indexOver(keys: string[]) {
  const reads = { count: 0 };
  const index = new KeyedIndex((n) => {
    reads.count++;
    return keys[n] as string;
  });
  return { index, reads };
}

describe("KeyedIndex (the memory store's indexes)", () => {
  it("finds nothing in an empty index, and never matches a non-string key", () => {
    const { index } = indexOver(["1"]);
    expect(index.size).toBe(0);
    expect(index.get("a")).toBe(-1);
    expect(index.has("")).toBe(false);
    index.set("1", 0);
    expect(index.get(1 as unknown as string)).toBe(-1);
    expect(index.has(1 as unknown as string)).toBe(false);
  });

  it("keeps every number findable by its key through many doublings of the table", () => {
    const keys = Array.from({ length: 50_000 }, (_, n) => `user${n}@example.com`);
    const { index, reads } = indexOver(keys);
    for (const [n, key] of keys.entries()) index.set(key, n);
    expect(index.size).toBe(keys.length);
    for (const [n, key] of keys.entries()) expect(index.get(key)).toBe(n);
    // An absent key is refused from the hashes alone (a key is read back only on a full hash match).
    reads.count = 0;
    for (let n = 0; n < 1_000; n++) expect(index.has(`absent${n}@example.com`)).toBe(false);
    expect(reads.count).toBeLessThan(5);
  });

  it("tells keys apart that share a prefix, differ in case or are empty and special names", () => {
    const keys = ["", "a", "A", "a\u0000", "ab", "ba", "__proto__", "constructor", "é", "e\u0301"];
    const { index } = indexOver(keys);
    for (const [n, key] of keys.entries()) index.set(key, n);
    expect(index.size).toBe(keys.length);
    for (const [n, key] of keys.entries()) expect(index.get(key)).toBe(n);
  });

  it("stays right whichever look-ups come between a has() and the set() it precedes", () => {
    const keys = Array.from({ length: 200 }, (_, n) => `k${n}`);
    const { index } = indexOver(keys);
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n] as string;
      expect(index.has(key)).toBe(false);
      // Every third insert looks up another key in between, every fifth inserts another key in between.
      if (n % 3 === 0) index.has(keys[(n * 7) % keys.length] as string);
      if (n % 5 === 0 && n + 1 < keys.length) {
        index.set(keys[n + 1] as string, n + 1);
        index.set(key, n);
        n++;
        continue;
      }
      index.set(key, n);
    }
    expect(index.size).toBe(keys.length);
    for (const [n, key] of keys.entries()) expect(index.get(key)).toBe(n);
  });

  it("replaces the number under a key that is set again, without counting it twice", () => {
    const { index } = indexOver(["k", "k"]);
    index.set("k", 0);
    index.set("k", 1);
    expect(index.size).toBe(1);
    expect(index.get("k")).toBe(1);
  });
});

describe("RecordLog (where the memory store keeps users)", () => {
  it("gives back every text it was given, across many chunks, in any script", () => {
    const log = new RecordLog();
    const texts = Array.from(
      { length: 20_000 },
      (_, n) => `{"n":${n},"name":"ユーザー${n}","emoji":"😀","pad":"${"x".repeat(n % 300)}"}`,
    );
    for (const [n, text] of texts.entries()) expect(log.append(text)).toBe(n);
    expect(log.size).toBe(texts.length);
    for (const [n, text] of texts.entries()) expect(log.read(n)).toBe(text);
  });

  it("keeps a very large text, the empty text and a leading byte order mark", () => {
    const log = new RecordLog();
    const big = "é".repeat(5 * 1024 * 1024);
    log.append("");
    log.append(big);
    log.append("\uFEFFafter a byte order mark");
    expect(log.read(0)).toBe("");
    expect(log.read(1)).toBe(big);
    expect(log.read(2)).toBe("\uFEFFafter a byte order mark");
  });

  it("replaces a text without touching the others, and refuses numbers it never gave out", () => {
    const log = new RecordLog();
    log.append("first");
    log.append("second");
    log.replace(0, "a longer first text");
    expect(log.read(0)).toBe("a longer first text");
    expect(log.read(1)).toBe("second");
    for (const n of [-1, 2, 0.5, Number.NaN]) {
      expect(() => log.read(n)).toThrow(RangeError);
      expect(() => log.replace(n, "x")).toThrow(RangeError);
    }
  });

  it("finds a text replaced before and after its chunk was joined, and lone surrogates unchanged", () => {
    const log = new RecordLog();
    const expected: string[] = [];
    for (let n = 0; n < 5000; n++) {
      expected.push(`t${n}`);
      log.append(`t${n}`);
      // Replace an older text (some joined already, some still waiting), sometimes twice in a row.
      if (n % 7 === 0) {
        const old = (n * 31) % (n + 1);
        for (const version of n % 2 === 0 ? [1] : [1, 2]) {
          expected[old] = `r${old}.${version}\ud800`;
          log.replace(old, expected[old] as string);
        }
      }
    }
    for (const [n, text] of expected.entries()) expect(log.read(n)).toBe(text);
  });
});
