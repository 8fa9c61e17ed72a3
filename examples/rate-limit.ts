/**
 * Per-address rate limiting in `beforeCreate`, with the client address signupkit/node passes in
 * `context.meta.clientAddress` (Express's `req.ip`, so its `trust proxy` setting decides which address counts).
 * A fixed window in memory: enough for one process; use a shared store (Redis, the database) behind a load balancer.
 */
import { SignupError, type SignupServiceOptions } from "signupkit";

/** A `beforeCreate` hook that refuses (429) more than `limit` signups per address within `windowMs`. */
export function rateLimitPerAddress(
  limit: number,
  windowMs: number,
): NonNullable<SignupServiceOptions["beforeCreate"]> {
  const windows = new Map<string, { start: number; count: number }>();
  return (_signup, context) => {
    const address = context.meta?.clientAddress;
    if (typeof address !== "string") return undefined;
    const now = Date.now();
    let window = windows.get(address);
    if (window === undefined || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      windows.set(address, window);
    }
    window.count += 1;
    if (window.count > limit) {
      throw new SignupError("too_many_requests", { retryAfter: (window.start + windowMs - now) / 1000 });
    }
    return undefined;
  };
}
