import { SignupError } from "../errors/signup-error.js";
import { emailKey } from "../identity/canonical-keys.js";
import { mintToken } from "../identity/tokens.js";
import type { LiveClaim, TokenRecord } from "../ports/user-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { LinkContext, TenantContext } from "../service/service-types.js";
import { linkFor, type TenantSettings } from "../service/tenant-settings.js";
import { restoreToken, sendVerification } from "./after-create.js";
import { requiredPassword } from "./link-password.js";

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
 * The live claim a resend is for: with `linkNeedsPassword`, the newest whose password hash matches `password` (at
 * most `claimsPerAddress` verifies; a claim without a password hash never matches, an administrator signs up again);
 * otherwise the newest.
 */
async function claimToResend(
  rt: Runtime,
  tenant: TenantSettings,
  key: string,
  now: number,
  password: string | undefined,
): Promise<LiveClaim | undefined> {
  const live = await rt.storeCall(() =>
    rt.store.findLiveClaims(tenant.id, key, now, tenant.claimsPerAddress),
  );
  if (password === undefined) return live[0];
  for (const found of live) {
    const hash = found.claim.user.passwordHash;
    if (hash !== undefined && (await rt.verifyPassword(password, hash))) return found;
  }
  return undefined;
}

/** The store and mail work of a confirmation resend, after the input was checked. */
async function resendClaim(rt: Runtime, tenant: TenantSettings, key: string, password: string | undefined) {
  const now = rt.now().getTime();
  const found = await claimToResend(rt, tenant, key, now, password);
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

/**
 * A fresh confirmation link for the address's claim whose password is `context.password` (the newest claim when the
 * tenant sets `linkNeedsPassword: false`), no more often than the resend interval; silent when there is none, so a
 * link is never re-mailed for a claim someone else made. With `concealExisting` it answers as soon as the input is
 * checked and does the rest in the background (failures to `onError`, phase `resend`; a resend that is too early is
 * silent): the answer's timing is the same for a new address, a taken one and an unknown one.
 */
export async function resendConfirmation(rt: Runtime, context: LinkContext, email: string): Promise<void> {
  const tenant = rt.tenant(context?.tenant);
  if (!tenant.confirmation) throw new SignupError("forbidden", { message: "Confirmation mail is off." });
  const key = lookupKey(email);
  const password = tenant.linkNeedsPassword ? requiredPassword(context.password) : undefined;
  if (!tenant.concealExisting) return resendClaim(rt, tenant, key, password);
  // On a timer, not in this call's synchronous part nor a microtask ahead of the caller's: none of the lookup's
  // work may land before the answer.
  setTimeout(() => {
    resendClaim(rt, tenant, key, password).catch((error: unknown) => rt.report(error, "resend"));
  }, 0);
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
