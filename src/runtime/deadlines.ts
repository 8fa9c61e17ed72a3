/**
 * Races promises against deadlines. The timer is not unref'd: a pending call keeps the process alive as any pending
 * I/O does, so a hung dependency answers with its timeout error instead of the process ending with nothing left to
 * run. The timer is cleared as soon as the call settles.
 */
export interface Deadlines {
  /**
   * Settles like `promise`, or rejects with `onTimeout()` once `ms` have passed. `ms <= 0` or Infinity: no deadline.
   * `mapError`, when given, turns every rejection (the timeout's included) into the one the result rejects with, so
   * the caller needs no `.catch` layer.
   */
  race<T>(
    promise: Promise<T>,
    ms: number,
    onTimeout: () => unknown,
    mapError?: (error: unknown) => unknown,
  ): Promise<T>;
}

/** Creates a deadline tracker: one `setTimeout` per raced call, cleared when the call settles first. */
export function createDeadlines(): Deadlines {
  return {
    race(promise, ms, onTimeout, mapError) {
      const timed = ms > 0 && ms !== Number.POSITIVE_INFINITY;
      if (!timed && mapError === undefined) return promise;
      return new Promise((resolve, reject) => {
        let settled = false;
        const settle = () => {
          if (settled) return false;
          settled = true;
          clearTimeout(timer);
          return true;
        };
        const fail = (error: unknown) => reject(mapError === undefined ? error : mapError(error));
        const timer = timed
          ? setTimeout(() => {
              if (settle()) fail(onTimeout());
            }, ms)
          : undefined;
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
