import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoClock } from "../../src/core/iso-clock.js";

/** The range `Date` accepts: ±8.64e15 ms around the epoch. */
const MAX_MS = 8.64e15;

describe("isoClock (the createdAt / updatedAt timestamps)", () => {
  it("reads as Date#toISOString for any sequence of times, forwards, backwards and across seconds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_MS, max: MAX_MS }),
        fc.array(fc.integer({ min: -2500, max: 2500 }), { maxLength: 40 }),
        (start, steps) => {
          const read = isoClock();
          let ms = start;
          expect(read(ms)).toBe(new Date(ms).toISOString());
          for (const step of steps) {
            ms = Math.min(MAX_MS, Math.max(-MAX_MS, ms + step));
            expect(read(ms)).toBe(new Date(ms).toISOString());
          }
        },
      ),
    );
  });

  it("gets every millisecond of a second right, and the seconds on either side", () => {
    const read = isoClock();
    const start = Date.UTC(2026, 10, 23, 23, 59, 59);
    for (let ms = start - 3; ms <= start + 1003; ms++) expect(read(ms)).toBe(new Date(ms).toISOString());
    for (const ms of [0, -1, -999, -1000, -1001, 253402300799999, 253402300800000, -62198755200001]) {
      expect(read(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("throws like toISOString for a time Date cannot hold", () => {
    const read = isoClock();
    expect(() => read(Number.NaN)).toThrow(RangeError);
    expect(() => read(MAX_MS + 1)).toThrow(RangeError);
    // Also right after the last valid millisecond, in the same second.
    expect(read(MAX_MS)).toBe("+275760-09-13T00:00:00.000Z");
    expect(() => read(MAX_MS + 1)).toThrow(RangeError);
    expect(read(5)).toBe("1970-01-01T00:00:00.005Z");
  });
});
