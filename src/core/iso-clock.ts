import { flat } from "./flat-string.js";

/** "000" … "999", the millisecond part of an ISO timestamp. */
const MILLIS: readonly string[] = Array.from({ length: 1000 }, (_, ms) => String(ms).padStart(3, "0"));

/** The last millisecond a `Date` can hold; the second that starts there has no valid millisecond after it. */
const MAX_MS = 8.64e15;

/**
 * A clock that reads as `Date#toISOString()`: `read(ms)` gives the ISO form of the integer epoch milliseconds `ms`
 * (as `Date.now()` and `Date#getTime()` return). `toISOString()` runs once per second; within that second only the
 * three millisecond digits change, and they come from a table. Out of `Date`'s range it throws the same RangeError.
 */
export function isoClock(): (ms: number) => string {
  let secondStart = Number.NaN;
  let prefix = "";
  let lastMs = Number.NaN;
  let lastIso = "";
  return (ms) => {
    if (ms === lastMs) return lastIso;
    const offset = ms - secondStart;
    if (offset >= 0 && offset < 1000) {
      lastIso = flat(`${prefix}${MILLIS[offset] as string}Z`);
    } else {
      lastIso = new Date(ms).toISOString();
      const start = ms - (((ms % 1000) + 1000) % 1000);
      secondStart = start < MAX_MS ? start : Number.NaN;
      // Every form toISOString() writes (four-digit and ±six-digit years) ends in "mmmZ".
      prefix = lastIso.slice(0, -4);
    }
    lastMs = ms;
    return lastIso;
  };
}
