/** One raced call: a node of the intrusive list of pending deadlines. */
class Pending {
  prev: Pending | null = null;
  constructor(
    readonly start: number,
    readonly at: number,
    readonly reject: (reason: unknown) => void,
    readonly onTimeout: () => unknown,
    readonly mapError: ((error: unknown) => unknown) | undefined,
    readonly onSettle: ((startedAt: number) => void) | undefined,
    public next: Pending | null,
  ) {}
}

/** Races promises against deadlines with one shared, unref'd timer instead of one timer per call. */
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

  const tick = () => {
    const now = Date.now();
    for (let entry = head; entry !== null; ) {
      const next = entry.next;
      if (entry.at <= now && unlink(entry)) {
        entry.onSettle?.(entry.start);
        const error = entry.onTimeout();
        entry.reject(entry.mapError === undefined ? error : entry.mapError(error));
      }
      entry = next;
    }
    if (head === null && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  /** No deadline: only the error mapping and the settle hook, when asked for. */
  const untimed = <T>(
    promise: Promise<T>,
    mapError: ((error: unknown) => unknown) | undefined,
    onSettle: ((startedAt: number) => void) | undefined,
  ): Promise<T> => {
    if (mapError === undefined && onSettle === undefined) return promise;
    const start = Date.now();
    return promise.then(
      (value) => {
        onSettle?.(start);
        return value;
      },
      (error: unknown) => {
        onSettle?.(start);
        throw mapError === undefined ? error : mapError(error);
      },
    );
  };

  return {
    race(promise, ms, onTimeout, mapError, onSettle) {
      if (!(ms > 0) || ms === Number.POSITIVE_INFINITY) return untimed(promise, mapError, onSettle);
      return new Promise((resolve, reject) => {
        const start = Date.now();
        const entry = new Pending(start, start + ms, reject, onTimeout, mapError, onSettle, head);
        if (head !== null) head.prev = entry;
        head = entry;
        if (timer === undefined) {
          timer = setInterval(tick, Math.min(tickMs, ms));
          (timer as { unref?: () => void }).unref?.();
        }
        promise.then(
          (value) => {
            if (!unlink(entry)) return;
            entry.onSettle?.(start);
            resolve(value);
          },
          (error: unknown) => {
            if (!unlink(entry)) return;
            entry.onSettle?.(start);
            reject(entry.mapError === undefined ? error : entry.mapError(error));
          },
        );
      });
    },
  };
}
