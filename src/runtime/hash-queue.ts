import { SignupError } from "../errors/signup-error.js";

/** Bounds of the password-hash queue. */
export interface HashQueueOptions {
  /** Hashes running at once. */
  concurrency: number;
  /** Hashes waiting for a slot; one more is refused at once with 503 `overloaded`. */
  maxQueued: number;
}

/**
 * Slots for password hashes: bounded concurrency and a bounded wait queue that refuses fast when full. A caller
 * takes a slot with {@link HashQueue.enter}, runs its hash, and gives the slot back with {@link HashQueue.release}.
 */
export interface HashQueue {
  /**
   * `true` when a slot was free and is now the caller's; otherwise a promise that resolves when a slot is handed
   * over, or rejects at once with 503 `overloaded` (and a `retryAfter`) when `maxQueued` callers already wait.
   */
  enter(): true | Promise<void>;
  /** The 503 `overloaded` error `enter` would reject with now, or undefined while a caller could still get in. */
  refusal(): SignupError | undefined;
  /** Gives back a slot taken with `enter` (`startedAt`: `Date.now()` when the hash started), waking the next waiter. */
  release(startedAt: number): void;
}

/** Smoothing of the measured hash duration (exponentially weighted moving average). */
const EWMA_WEIGHT = 0.2;

/** Creates the queue that every password hash goes through. */
export function createHashQueue({ concurrency, maxQueued }: HashQueueOptions): HashQueue {
  let active = 0;
  let avgMs = 0;
  const waiting: (() => void)[] = [];
  let head = 0;

  const refusal = () => {
    const queued = waiting.length - head;
    if (active < concurrency || queued < maxQueued) return undefined;
    const seconds = Math.max(1, Math.ceil(((queued + active) * Math.max(avgMs, 1)) / concurrency / 1000));
    return new SignupError("overloaded", { retryAfter: seconds });
  };

  return {
    enter() {
      if (active < concurrency) {
        active++;
        return true;
      }
      const refused = refusal();
      if (refused !== undefined) return Promise.reject(refused);
      return new Promise((resolve) => waiting.push(resolve));
    },
    refusal,
    release(startedAt) {
      const took = Date.now() - startedAt;
      avgMs = avgMs === 0 ? took : avgMs + EWMA_WEIGHT * (took - avgMs);
      if (head === waiting.length) {
        active--;
        return;
      }
      // The slot passes straight to the next waiter: `active` stays the same.
      const next = waiting[head] as () => void;
      waiting[head++] = undefined as unknown as () => void;
      if (head > 1024 && head * 2 > waiting.length) {
        waiting.splice(0, head);
        head = 0;
      }
      next();
    },
  };
}
