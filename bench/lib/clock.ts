import { monitorEventLoopDelay } from "node:perf_hooks";

/** Monotonic nanoseconds. */
export const hrtime = (): bigint => process.hrtime.bigint();

/** Milliseconds since `start` (an {@link hrtime} reading). */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Resolves after `ms` on a timer (lets the event loop turn). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Ops per second of `op` run back to back (each awaited) for about `ms`; the clock is read every 32 ops. */
export async function sequentialRate(op: (i: number) => Promise<unknown>, ms: number): Promise<number> {
  let n = 0;
  const start = hrtime();
  const deadline = start + BigInt(Math.round(ms * 1e6));
  do {
    for (let k = 0; k < 32; k++) await op(n++);
  } while (hrtime() < deadline);
  return n / (msSince(start) / 1000);
}

/** Ops per second of `op` with `concurrency` callers each running it back to back for about `ms`. */
export async function concurrentRate(
  op: (i: number) => Promise<unknown>,
  concurrency: number,
  ms: number,
): Promise<number> {
  let n = 0;
  const start = hrtime();
  const deadline = start + BigInt(Math.round(ms * 1e6));
  let done = false;
  const worker = async () => {
    // Ops that settle in microtasks never yield to timers, so the callers read the clock themselves: one read
    // per 8 ops started, counted across all callers.
    while (!done) {
      const i = n++;
      await op(i);
      if ((i & 7) === 0 && hrtime() >= deadline) done = true;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return n / (msSince(start) / 1000);
}

/** Ops per second of `count` ops run with `concurrency` callers, each running them back to back, until all settle. */
export async function countRate(
  op: (i: number) => Promise<unknown>,
  count: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const start = hrtime();
  const worker = async () => {
    while (next < count) await op(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / (msSince(start) / 1000);
}

/** Runs `fn` `count` times back to back and returns the median of each call's duration in µs. */
export async function callTimesUs(fn: () => Promise<unknown>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = hrtime();
    await fn();
    times.push(Number(hrtime() - t) / 1e3);
  }
  return times;
}

/** Event-loop delay p99 (ms) while `fn` runs, from `perf_hooks.monitorEventLoopDelay` at 1 ms resolution. */
export async function withLoopDelay<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; p99Ms: number; maxMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const result = await fn();
    return { result, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}
