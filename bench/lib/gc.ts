import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let cached: (() => void) | undefined;

/**
 * A full garbage collection. Uses `global.gc` when node runs with `--expose-gc`; otherwise turns the flag on at
 * run time and takes `gc` from a fresh context, so `tsx bench/run.ts` works without node flags.
 */
export function fullGc(): void {
  if (cached === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === "function") {
      cached = exposed;
    } else {
      setFlagsFromString("--expose-gc");
      cached = runInNewContext("gc") as () => void;
    }
  }
  cached();
  cached();
}

/**
 * Memory in use after a full collection, in bytes: the JavaScript heap plus array buffers (the indexes of the memory
 * store are typed arrays, outside the heap).
 */
export function settledMemory(): number {
  fullGc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
