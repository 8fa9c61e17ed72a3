/** Bounds how many outbound lookups run at once; the rest wait in arrival order. */
export interface LookupSlots {
  /**
   * Resolves with a release function once a slot is free. Rejects with `signal.reason` when `signal` aborts first
   * (the waiter leaves the queue), so the lookup's own timeout covers its wait.
   */
  acquire(signal: AbortSignal): Promise<() => void>;
}

/** Creates {@link LookupSlots} with `max` slots. */
export function createLookupSlots(max: number): LookupSlots {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next === undefined) active--;
    else next(); // the slot passes straight to the next waiter
  };
  return {
    acquire(signal) {
      if (active < max) {
        active++;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve, reject) => {
        const wake = () => {
          signal.removeEventListener("abort", abort);
          resolve(once(release));
        };
        const abort = () => {
          const at = waiting.indexOf(wake);
          if (at !== -1) waiting.splice(at, 1);
          reject(signal.reason);
        };
        if (signal.aborted) return abort();
        signal.addEventListener("abort", abort, { once: true });
        waiting.push(wake);
      });
    },
  };
}

function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
