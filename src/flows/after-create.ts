import { mintToken } from "../identity/tokens.js";
import type { SignupContext } from "../model/signup-input.js";
import type { User, UserRecord } from "../model/user.js";
import type { TokenRecord } from "../ports/user-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { TenantSettings } from "../service/tenant-settings.js";
import { linkFor } from "../service/tenant-settings.js";

/**
 * What follows a committed user, whichever flow created it: the `afterCreate` hook, then the notification mail
 * (NEC 本人通知). Neither can undo the user; their failures go to `onError`.
 */
export async function afterUserCreated(
  rt: Runtime,
  tenant: TenantSettings,
  user: User,
  context: SignupContext,
): Promise<void> {
  const hook = rt.options.afterCreate;
  if (hook) {
    try {
      await hook(user, context);
    } catch (error) {
      rt.report(error, "afterCreate");
    }
  }
  if (tenant.notification && user.email !== undefined) {
    try {
      await rt.sendMail(tenant, "notification", user.email, {
        username: user.username ?? "",
        status: user.enabled ? "enabled" : "disabled",
      });
    } catch (error) {
      rt.report(error, "notification");
    }
  }
}

/**
 * Issues a verification token for a user and mails its link (the Auth0 flow). `replaces` is the token it supersedes
 * (compare-and-set on its digest); returns false when another issue won that race. Store and mail failures throw;
 * when the mail fails, `replaces` is put back so the link mailed before keeps working and a retry is not throttled;
 * without `replaces` (the first link), the undelivered token is back-dated by the resend interval instead, so that
 * `verificationMail: "failed"` can be followed by a resend at once (the link stays valid in case the mail did arrive).
 */
export async function sendVerification(
  rt: Runtime,
  tenant: TenantSettings,
  user: UserRecord,
  replaces: TokenRecord | null,
): Promise<boolean> {
  const issuedAt = rt.now().getTime();
  const { raw, record: token } = await mintToken(
    "verify",
    tenant.id,
    user.id,
    issuedAt,
    tenant.verificationTtl,
  );
  if (!(await rt.storeCall(() => rt.store.issueToken(token, replaces?.hash ?? null)))) return false;
  const url = linkFor(tenant.verificationUrl, raw);
  try {
    await rt.sendMail(tenant, "verification", user.email as string, { url });
  } catch (error) {
    if (replaces !== null) await restoreToken(rt, replaces, token.hash);
    else await restoreToken(rt, { ...token, issuedAt: issuedAt - tenant.resendInterval }, token.hash);
    throw error;
  }
  return true;
}

/**
 * Puts back the token a failed resend superseded (compare-and-set on the undelivered one), so a mail that never went
 * out neither kills the link mailed before nor counts against the resend interval. Failures go to `onError`.
 */
export async function restoreToken(rt: Runtime, previous: TokenRecord, undelivered: string): Promise<void> {
  await rt
    .storeCall(() => rt.store.issueToken(previous, undelivered))
    .catch((error: unknown) => rt.report(error, "cleanup"));
}
