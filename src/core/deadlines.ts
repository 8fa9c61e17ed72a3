interface Pending {
  at: number;
  expire: () => void;
}

/** Races promises against deadlines with one shared, unref'd timer instead of one timer per call. */
export interface Deadlines {
  /** Settles like `promise`, or rejects with `onTimeout()` once `ms` have passed. `ms <= 0` or Infinity: no deadline. */
  race<T>(promise: Promise<T>, ms: number, onTimeout: () => unknown): Promise<T>;
}

/** Creates a deadline tracker whose timer ticks every `tickMs` while anything is pending. */
export function createDeadlines(tickMs = 50): Deadlines {
  const pending = new Set<Pending>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const tick = () => {
    const now = Date.now();
    for (const entry of pending) {
      if (entry.at <= now) {
        pending.delete(entry);
        entry.expire();
      }
    }
    if (pending.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    race(promise, ms, onTimeout) {
      if (!(ms > 0) || ms === Number.POSITIVE_INFINITY) return promise;
      return new Promise((resolve, reject) => {
        const entry: Pending = { at: Date.now() + ms, expire: () => reject(onTimeout()) };
        pending.add(entry);
        if (timer === undefined) {
          timer = setInterval(tick, Math.min(tickMs, ms));
          (timer as { unref?: () => void }).unref?.();
        }
        promise.then(
          (value) => {
            pending.delete(entry);
            resolve(value);
          },
          (error: unknown) => {
            pending.delete(entry);
            reject(error);
          },
        );
      });
    },
  };
}
