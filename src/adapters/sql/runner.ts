import type { MaybePromise } from "../../ports/user-store.js";
import type { SqlDriver, SqlResult, SqlSession, SqlStatement } from "./driver.js";

/** One statement an operation asks the runner to execute. */
export interface Step {
  statement: SqlStatement;
  values?: readonly unknown[] | undefined;
}

/**
 * An operation written once for every driver: it yields the statements it wants run and gets back their results,
 * so the same code runs synchronously on a synchronous driver and with `await` on an asynchronous one.
 * A failing statement is thrown into the generator, which may catch it (a unique violation) or let it go.
 */
export type Operation<T> = Generator<Step, T, SqlResult>;

/** When and how often a transient failure (serialization failure, deadlock) is retried. */
export interface RetryPolicy {
  /** Total tries, the first included. Default 10. */
  attempts?: number;
  /** Backoff before retry n is a random delay in [0, min(maxDelayMs, baseDelayMs · 2^(n-1))). Default 5. */
  baseDelayMs?: number;
  /** Upper bound of one backoff. Default 200. */
  maxDelayMs?: number;
}

function driveSync<T>(session: SqlSession, op: Operation<T>): T {
  let step = op.next();
  while (!step.done) {
    let result: SqlResult;
    try {
      result = session.run(step.value.statement, step.value.values) as SqlResult;
    } catch (error) {
      step = op.throw(error);
      continue;
    }
    step = op.next(result);
  }
  return step.value;
}

async function driveAsync<T>(session: SqlSession, op: Operation<T>): Promise<T> {
  let step = op.next();
  while (!step.done) {
    let result: SqlResult;
    try {
      result = await session.run(step.value.statement, step.value.values);
    } catch (error) {
      step = op.throw(error);
      continue;
    }
    step = op.next(result);
  }
  return step.value;
}

/**
 * How an operation runs: `read` as plain statements, `transaction` in one transaction, `write` (a single writing
 * statement) in a transaction of its own when the driver bounds transactions on the server, plainly otherwise.
 */
export type RunMode = "read" | "write" | "transaction";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs operations on a driver: in a transaction when asked, synchronously on a synchronous driver, and again
 * (with a fresh generator, after a jittered backoff) when the whole attempt failed with an error `retryable`
 * accepts, up to a bound. A synchronous driver is not retried: SQLite waits for its lock with the busy timeout.
 */
export function createRunner(
  driver: SqlDriver,
  retryable: (error: unknown) => boolean,
  policy: RetryPolicy = {},
) {
  const attempts = Math.max(1, policy.attempts ?? 10);
  const base = policy.baseDelayMs ?? 5;
  const cap = policy.maxDelayMs ?? 200;
  const once = <T>(op: () => Operation<T>, transaction: boolean): MaybePromise<T> => {
    if (driver.sync) {
      return transaction ? (driver.transaction((s) => driveSync(s, op())) as T) : driveSync(driver, op());
    }
    return transaction ? driver.transaction((s) => driveAsync(s, op())) : driveAsync(driver, op());
  };
  return <T>(op: () => Operation<T>, mode: RunMode = "read"): MaybePromise<T> => {
    const transaction = mode === "transaction" || (mode === "write" && driver.boundedWrites === true);
    if (driver.sync) return once(op, transaction);
    return (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(op, transaction);
        } catch (error) {
          if (attempt >= attempts || !retryable(error)) throw error;
          await sleep(Math.random() * Math.min(cap, base * 2 ** (attempt - 1)));
        }
      }
    })();
  };
}

/** Runs an operation; see {@link createRunner}. */
export type Runner = ReturnType<typeof createRunner>;
