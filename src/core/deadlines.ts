/** One raced call: a node of the intrusive list of pending deadlines. */
interface Pending {
  at: number;
  reject: (reason: unknown) => void;
  onTimeout: () => unknown;
  prev: Pending | null;
  next: Pending | null;
}

/** Races promises against deadlines with one shared, unref'd timer instead of one timer per call. */
export interface Deadlines {
  /** Settles like `promise`, or rejects with `onTimeout()` once `ms` have passed. `ms <= 0` or Infinity: no deadline. */
  race<T>(promise: Promise<T>, ms: number, onTimeout: () => unknown): Promise<T>;
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
      if (entry.at <= now && unlink(entry)) entry.reject(entry.onTimeout());
      entry = next;
    }
    if (head === null && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    race(promise, ms, onTimeout) {
      if (!(ms > 0) || ms === Number.POSITIVE_INFINITY) return promise;
      return new Promise((resolve, reject) => {
        const entry: Pending = { at: Date.now() + ms, reject, onTimeout, prev: null, next: head };
        if (head !== null) head.prev = entry;
        head = entry;
        if (timer === undefined) {
          timer = setInterval(tick, Math.min(tickMs, ms));
          (timer as { unref?: () => void }).unref?.();
        }
        promise.then(
          (value) => {
            unlink(entry);
            resolve(value);
          },
          (error: unknown) => {
            unlink(entry);
            reject(error);
          },
        );
      });
    },
  };
}
