import { SignupError } from "../errors/signup-error.js";
import type { TokenRecord } from "../ports/user-store.js";
import { restoreToken, sendVerification } from "./after-create.js";
import { emailKey } from "./canonical-keys.js";
import type { Runtime } from "./runtime.js";
import type { TenantContext } from "./service-types.js";
import { linkFor, type TenantSettings } from "./tenant-settings.js";
import { mintToken } from "./tokens.js";

/** Longest address a resend looks up; anything longer cannot belong to a claim or user. */
const MAX_EMAIL = 320;

function lookupKey(email: unknown): string {
  if (typeof email !== "string" || email.length === 0 || email.length > MAX_EMAIL) {
    throw new SignupError("invalid_input", {
      issues: [{ field: "email", code: "invalid_format", message: "A valid email address is required." }],
    });
  }
  return emailKey(email);
}

function throttle(tenant: TenantSettings, last: TokenRecord | null, now: number): void {
  if (last === null) return;
  const wait = last.issuedAt + tenant.resendInterval - now;
  if (wait > 0) throw new SignupError("too_many_requests", { retryAfter: Math.ceil(wait / 1000) });
}

function raced(tenant: TenantSettings): SignupError {
  return new SignupError("too_many_requests", { retryAfter: Math.ceil(tenant.resendInterval / 1000) });
}

/**
 * A fresh confirmation link for the newest live claim of an address, no more often than the resend interval.
 * With `concealExisting` a resend that is too early is silent like one for an address without a claim: a 429 would
 * tell a new address (its claim was just mailed) from a taken one (nothing was stored).
 */
export async function resendConfirmation(rt: Runtime, context: TenantContext, email: string): Promise<void> {
  const tenant = rt.tenant(context?.tenant);
  if (!tenant.confirmation) throw new SignupError("forbidden", { message: "Confirmation mail is off." });
  const key = lookupKey(email);
  const now = rt.now().getTime();
  const [found] = await rt.storeCall(() => rt.store.findLiveClaims(tenant.id, key, now, 1));
  if (found === undefined) return;
  try {
    throttle(tenant, found.token, now);
  } catch (error) {
    if (tenant.concealExisting) return;
    throw error;
  }
  const claimId = found.claim.id;
  const { raw, record: token } = await mintToken("confirm", tenant.id, claimId, now, tenant.confirmationTtl);
  if (!(await rt.storeCall(() => rt.store.issueToken(token, found.token.hash)))) {
    if (tenant.concealExisting) return;
    throw raced(tenant);
  }
  const to = found.claim.user.email as string;
  try {
    await rt.sendMail(tenant, "confirmation", to, { url: linkFor(tenant.confirmationUrl, raw) });
  } catch (error) {
    await restoreToken(rt, found.token, token.hash);
    throw error;
  }
}

/** A fresh verification link for an unverified user, no more often than the resend interval. */
export async function resendVerification(rt: Runtime, context: TenantContext, email: string): Promise<void> {
  const tenant = rt.tenant(context?.tenant);
  if (!tenant.verification) throw new SignupError("forbidden", { message: "Verification mail is off." });
  const key = lookupKey(email);
  const user = await rt.storeCall(() => rt.store.findUserByEmail(tenant.id, key));
  if (user === null || user.emailVerified || user.email === undefined) return;
  const last = await rt.storeCall(() => rt.store.latestToken("verify", user.id));
  throttle(tenant, last, rt.now().getTime());
  if (!(await sendVerification(rt, tenant, user, last))) throw raced(tenant);
}
