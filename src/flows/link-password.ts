import { SignupError } from "../errors/signup-error.js";
import type { RedeemFailure, TokenLookup } from "../ports/user-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { TenantSettings } from "../service/tenant-settings.js";

/** Longest password a link check looks at; no policy allows a longer one. */
const MAX_PASSWORD = 4096;

/** The 400 for a failed redemption: `token_expired` or `invalid_token`. */
export function redeemFailure(result: RedeemFailure): SignupError {
  return new SignupError(result.reason === "expired" ? "token_expired" : "invalid_token");
}

/** The password a mailed-link step was given: a non-empty string, or 400 `invalid_input`. */
export function requiredPassword(password: unknown): string {
  if (typeof password !== "string" || password.length === 0 || password.length > MAX_PASSWORD) {
    throw new SignupError("invalid_input", {
      issues: [
        { field: "password", code: "required", message: "The password chosen at signup is required." },
      ],
    });
  }
  return password;
}

/**
 * Checks the password given with a mailed link against the hash of what the token protects (the claim's user or
 * the unverified user), consuming nothing. A wrong password counts one failed attempt on the token (the store
 * removes it at the tenant's `linkAttempts`) and fails with 400 `wrong_password`. A record without a password hash
 * (an NEC client-certificate user) needs none. Off when the tenant sets `linkNeedsPassword: false`.
 */
export async function checkLinkPassword(
  rt: Runtime,
  tenant: TenantSettings,
  lookup: TokenLookup,
  password: unknown,
): Promise<void> {
  if (!tenant.linkNeedsPassword) return;
  const peek = await rt.storeCall(() => rt.store.peekToken(lookup));
  if (!peek.ok) throw redeemFailure(peek);
  if (peek.token.failedAttempts >= tenant.linkAttempts) throw new SignupError("invalid_token");
  const hash = peek.passwordHash;
  if (hash === null) return;
  if (await rt.verifyPassword(requiredPassword(password), hash)) return;
  await rt.storeCall(() => rt.store.recordFailedAttempt(lookup.tokenHash, tenant.linkAttempts));
  throw new SignupError("wrong_password");
}
