import { SignupError } from "../errors/signup-error.js";

/** Bounds of the password-hash queue. */
export interface HashQueueOptions {
  /** Hashes running at once. */
  concurrency: number;
  /** Hashes waiting for a slot; one more is refused at once with 503 `overloaded`. */
  maxQueued: number;
}

/** Runs hash jobs with bounded concurrency and a bounded wait queue, refusing fast when full. */
export interface HashQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  /**
   * Takes a slot when one is free now (nobody can be waiting then) and returns true; the caller then runs its job
   * itself and must call {@link HashQueue.release} with `Date.now()` of the job's start once the job settles.
   * Returns false when every slot is taken: use `run` instead. Saves `run`'s promise layer on the common path.
   */
  tryEnter(): boolean;
  /** Frees a slot taken with {@link HashQueue.tryEnter} (`startedAt`: `Date.now()` when the job started). */
  release(startedAt: number): void;
  /** Jobs running and waiting now. */
  readonly depth: number;
}

interface Waiter {
  start: () => void;
}

/** Smoothing of the measured job duration (exponentially weighted moving average). */
const EWMA_WEIGHT = 0.2;

/**
 * Creates the queue that every password hash goes through. When `maxQueued` jobs already wait, `run` throws a
 * `SignupError("overloaded")` synchronously-fast (no job is started) with `retryAfter` estimated from the queue
 * depth and the measured time per hash.
 */
export function createHashQueue({ concurrency, maxQueued }: HashQueueOptions): HashQueue {
  let active = 0;
  let avgMs = 0;
  const waiting: Waiter[] = [];
  let head = 0;

  const release = (started: number) => {
    const took = Date.now() - started;
    avgMs = avgMs === 0 ? took : avgMs + EWMA_WEIGHT * (took - avgMs);
    active--;
    if (head < waiting.length) {
      const next = waiting[head] as Waiter;
      waiting[head++] = undefined as unknown as Waiter;
      if (head > 1024 && head * 2 > waiting.length) {
        waiting.splice(0, head);
        head = 0;
      }
      next.start();
    }
  };

  const start = <T>(job: () => Promise<T>): Promise<T> => {
    active++;
    const started = Date.now();
    let promise: Promise<T>;
    try {
      promise = job();
    } catch (error) {
      promise = Promise.reject(error);
    }
    return promise.then(
      (value) => {
        release(started);
        return value;
      },
      (error: unknown) => {
        release(started);
        throw error;
      },
    );
  };

  return {
    get depth() {
      return active + waiting.length - head;
    },
    tryEnter() {
      if (active >= concurrency) return false;
      active++;
      return true;
    },
    release,
    run(job) {
      if (active < concurrency) return start(job);
      const queued = waiting.length - head;
      if (queued >= maxQueued) {
        const seconds = Math.max(1, Math.ceil(((queued + active) * Math.max(avgMs, 1)) / concurrency / 1000));
        return Promise.reject(new SignupError("overloaded", { retryAfter: seconds }));
      }
      return new Promise((resolve, reject) => {
        waiting.push({ start: () => start(job).then(resolve, reject) });
      });
    },
  };
}
