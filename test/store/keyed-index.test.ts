import { describe, expect, it } from "vitest";
import { KeyedIndex } from "../../src/adapters/memory/keyed-index.js";

interface Row {
  key: string;
  n: number;
}

const byKey = () => new KeyedIndex<Row>((row) => row.key);

describe("KeyedIndex (the memory store's indexes)", () => {
  it("finds nothing in an empty index, and never matches a non-string key", () => {
    const index = byKey();
    expect(index.size).toBe(0);
    expect(index.get("a")).toBeUndefined();
    expect(index.has("")).toBe(false);
    index.set({ key: "1", n: 1 });
    expect(index.get(1 as unknown as string)).toBeUndefined();
    expect(index.has(1 as unknown as string)).toBe(false);
  });

  it("keeps every value findable by its key through many doublings of the table", () => {
    const index = byKey();
    const count = 50_000;
    for (let n = 0; n < count; n++) index.set({ key: `user${n}@example.com`, n });
    expect(index.size).toBe(count);
    for (let n = 0; n < count; n++) {
      expect(index.get(`user${n}@example.com`)?.n).toBe(n);
    }
    for (let n = count; n < count + 1_000; n++) expect(index.has(`user${n}@example.com`)).toBe(false);
  });

  it("tells keys apart that share a prefix, differ in case or are empty and special names", () => {
    const index = byKey();
    const keys = ["", "a", "A", "a\u0000", "ab", "ba", "__proto__", "constructor", "é", "e\u0301"];
    keys.forEach((key, n) => index.set({ key, n }));
    expect(index.size).toBe(keys.length);
    keys.forEach((key, n) => expect(index.get(key)).toEqual({ key, n }));
  });

  it("replaces the value under a key that is set again, without counting it twice", () => {
    const index = byKey();
    index.set({ key: "k", n: 1 });
    const second = { key: "k", n: 2 };
    index.set(second);
    expect(index.size).toBe(1);
    expect(index.get("k")).toBe(second);
  });
});
