import { decodeTime, isValid } from "ulid";
import { describe, expect, it } from "vitest";
import { monotonicIds } from "../../src/identity/monotonic-ids.js";
import { newEtag as randomUuid } from "../../src/identity/user-record.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("monotonicIds (the default user ids)", () => {
  it("gives valid ULIDs, strictly increasing within a millisecond and across them, each with its own time", () => {
    let ms = 1_700_000_000_000;
    const next = monotonicIds(Math.random, () => ms);
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 1000 === 999) ms += 1;
      ids.push(next());
    }
    for (const id of ids) expect(isValid(id)).toBe(true);
    for (let i = 1; i < ids.length; i++) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(decodeTime(ids[0] as string)).toBe(1_700_000_000_000);
    expect(decodeTime(ids[2999] as string)).toBe(1_700_000_000_003);
  });

  it("keeps increasing, at the last id's time, while the clock stands behind it", () => {
    let ms = 1_700_000_000_500;
    const next = monotonicIds(Math.random, () => ms);
    const before = next();
    ms -= 400;
    const during = [next(), next()];
    ms += 401;
    const after = next();
    expect((during[0] as string) > before).toBe(true);
    expect((during[1] as string) > (during[0] as string)).toBe(true);
    expect(during.map(decodeTime)).toEqual([1_700_000_000_500, 1_700_000_000_500]);
    expect(after > (during[1] as string)).toBe(true);
    expect(decodeTime(after)).toBe(1_700_000_000_501);
  });

  it("draws a fresh random part on each new millisecond", () => {
    let ms = 1_700_000_000_000;
    const next = monotonicIds(Math.random, () => ms++);
    const randomParts = new Set(Array.from({ length: 200 }, () => next().slice(10)));
    expect(randomParts.size).toBe(200);
  });
});

describe("randomUuid (etags)", () => {
  it("gives version 4 UUIDs, all different, with every hex digit used in each random position", () => {
    const uuids = Array.from({ length: 5000 }, randomUuid);
    for (const uuid of uuids) expect(uuid).toMatch(UUID_V4);
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const position of [0, 7, 9, 15, 35]) {
      expect(new Set(uuids.map((u) => u[position])).size).toBe(16);
    }
    // The variant digit takes the four values 8, 9, a, b.
    expect(new Set(uuids.map((u) => u[19])).size).toBe(4);
  });
});
