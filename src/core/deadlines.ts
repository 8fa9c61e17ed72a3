/** One raced call: a node of the intrusive list of pending deadlines. */
class Pending {
  prev: Pending | null = null;
  constructor(
    readonly at: number,
    readonly reject: (reason: unknown) => void,
    readonly onTimeout: () => unknown,
    readonly mapError: ((error: unknown) => unknown) | undefined,
    public next: Pending | null,
  ) {}
}

/**
 * Races promises against deadlines with one shared timer instead of one timer per call. The timer is not unref'd:
 * a pending call keeps the process alive as any pending I/O does, so a hung dependency answers with its timeout
 * error instead of the process ending with nothing left to run. The timer stops as soon as nothing is pending.
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

/**
 * Creates a deadline tracker whose timer ticks every `tickMs` while anything is pending. Pending calls sit in an
 * intrusive doubly linked list (O(1) unlink, no hash-table resizing on every add and delete as a `Set` does).
 */
export function createDeadlines(tickMs = 50): Deadlines {
  let head: Pending | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  const unlink = (entry: Pending) => {
    if (entry.prev !== null) entry.prev.next = entry.next;
    else if (head === entry) head = entry.next;
    else return false;
    if (entry.next !== null) entry.next.prev = entry.prev;
    entry.prev = entry.next = null;
    return true;
  };

  /** Stops the timer once nothing is pending, so a settled call never keeps the process alive. */
  const idle = () => {
    if (head === null && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  const tick = () => {
    const now = Date.now();
    for (let entry = head; entry !== null; ) {
      const next = entry.next;
      if (entry.at <= now && unlink(entry)) {
        const error = entry.onTimeout();
        entry.reject(entry.mapError === undefined ? error : entry.mapError(error));
      }
      entry = next;
    }
    idle();
  };

  /** No deadline: only the error mapping, when asked for. */
  const untimed = <T>(
    promise: Promise<T>,
    mapError: ((error: unknown) => unknown) | undefined,
  ): Promise<T> =>
    mapError === undefined
      ? promise
      : promise.catch((error: unknown) => {
          throw mapError(error);
        });

  return {
    race(promise, ms, onTimeout, mapError) {
      if (!(ms > 0) || ms === Number.POSITIVE_INFINITY) return untimed(promise, mapError);
      return new Promise((resolve, reject) => {
        const start = Date.now();
        const entry = new Pending(start + ms, reject, onTimeout, mapError, head);
        if (head !== null) head.prev = entry;
        head = entry;
        if (timer === undefined) timer = setInterval(tick, Math.min(tickMs, ms));
        promise.then(
          (value) => {
            if (!unlink(entry)) return;
            idle();
            resolve(value);
          },
          (error: unknown) => {
            if (!unlink(entry)) return;
            idle();
            reject(entry.mapError === undefined ? error : entry.mapError(error));
          },
        );
      });
    },
  };
}
