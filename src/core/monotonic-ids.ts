import { incrementBase32, monotonicFactory } from "ulid";
import { flat } from "./flat-string.js";

/** Characters of a ULID's time part. */
const TIME_LENGTH = 10;

/**
 * ulid's monotonic ids, the time part encoded once per millisecond. A new millisecond takes a fresh id from ulid's
 * `monotonicFactory` (fresh randomness from `random`); within the same millisecond, or while the clock stands behind
 * the last id's, the random part is incremented with ulid's `incrementBase32`, as the factory itself does, without
 * encoding the same time again for each id. Every id is a flat string.
 */
export function monotonicIds(random: () => number, now: () => number = Date.now): () => string {
  const fresh = monotonicFactory(random);
  let lastMs = Number.NEGATIVE_INFINITY;
  let time = "";
  let rest = "";
  return () => {
    const ms = now();
    if (ms > lastMs) {
      const id = flat(fresh(ms));
      lastMs = ms;
      time = id.slice(0, TIME_LENGTH);
      rest = id.slice(TIME_LENGTH);
      return id;
    }
    rest = incrementBase32(rest);
    return flat(time + rest);
  };
}
