/**
 * Compares a presented secret with the expected one in time that depends only on the presented value's length
 * (the caller's own input), never on the expected value's contents or length: every UTF-16 code unit of
 * `presented` is compared with a code unit of `expected` (cycling through it) and the differences are ORed without
 * an early exit; unequal lengths make the result false. Synchronous and portable (no digest, no `node:crypto`).
 *
 * The handlers use it for application keys: an earlier version hashed both sides with WebCrypto SHA-256 (four
 * digests per NEC request), which cost more than the rest of a signup over HTTP.
 *
 * @example
 * if (constantTimeEqualSync(request.headers.get("X-Application-Key") ?? "", app.appKey)) { ... }
 */
export function constantTimeEqualSync(presented: string, expected: string): boolean {
  const cycle = expected.length;
  let difference = presented.length ^ cycle;
  for (let i = 0; i < presented.length; i++) {
    difference |= presented.charCodeAt(i) ^ (cycle === 0 ? 0 : expected.charCodeAt(i % cycle));
  }
  return difference === 0;
}
