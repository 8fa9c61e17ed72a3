import type { MaybePromise } from "../ports/user-store.js";

/** Whether a port answered with a promise (any thenable) rather than with its result. */
export function isPromiseLike<T>(answer: MaybePromise<T>): answer is Promise<T> {
  return typeof (answer as { then?: unknown } | null)?.then === "function";
}
