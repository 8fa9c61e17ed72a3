/** Races promises against deadlines. */
export interface Deadlines {
  /**
   * Settles like `promise`, or rejects with `onTimeout()` once `ms` have passed. `ms <= 0` or Infinity: no deadline.
   * `mapError`, when given, turns every rejection (the timeout's included) into the one the result rejects with, so
   * the caller needs no `.catch` layer; `onSettle(startedAt)` runs once, before the result settles (`startedAt` is
   * `Date.now()` at the call).
   */
  race<T>(
    promise: Promise<T>,
    ms: number,
    onTimeout: () => unknown,
    mapError?: (error: unknown) => unknown,
    onSettle?: (startedAt: number) => void,
  ): Promise<T>;
}

/** Creates a deadline tracker: one `setTimeout` per raced call, cleared when the call settles first. */
export function createDeadlines(): Deadlines {
  return {
    race(promise, ms, onTimeout, mapError, onSettle) {
      const timed = ms > 0 && ms !== Number.POSITIVE_INFINITY;
      if (!timed && mapError === undefined && onSettle === undefined) return promise;
      const start = Date.now();
      return new Promise((resolve, reject) => {
        let settled = false;
        const settle = () => {
          if (settled) return false;
          settled = true;
          clearTimeout(timer);
          onSettle?.(start);
          return true;
        };
        const fail = (error: unknown) => reject(mapError === undefined ? error : mapError(error));
        const timer = timed
          ? setTimeout(() => {
              if (settle()) fail(onTimeout());
            }, ms)
          : undefined;
        (timer as { unref?: () => void } | undefined)?.unref?.();
        promise.then(
          (value) => {
            if (settle()) resolve(value);
          },
          (error: unknown) => {
            if (settle()) fail(error);
          },
        );
      });
    },
  };
}
