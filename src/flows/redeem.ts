import { conflictError } from "../errors/conflict-error.js";
import { SignupError } from "../errors/signup-error.js";
import { digestToken, isTokenShaped } from "../identity/tokens.js";
import { newEtag, toUser } from "../identity/user-record.js";
import type { User } from "../model/user.js";
import type { Stamp, TokenPurpose } from "../ports/user-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { LinkContext } from "../service/service-types.js";
import { afterUserCreated } from "./after-create.js";
import { checkLinkPassword, redeemFailure } from "./link-password.js";

/** Resolves the tenant, checks the token's shape and the link password, and builds the store's redemption. */
async function prepare(rt: Runtime, token: string, context: LinkContext, purpose: TokenPurpose) {
  const tenant = rt.tenant(context?.tenant);
  if (!isTokenShaped(token)) throw new SignupError("invalid_token");
  const now = rt.now();
  const tokenHash = await digestToken(token);
  await checkLinkPassword(
    rt,
    tenant,
    { tokenHash, tenant: tenant.id, purpose, now: now.getTime() },
    context.password,
  );
  const stamp: Stamp = { at: now.toISOString(), etag: newEtag() };
  return { tenant, redemption: { tokenHash, tenant: tenant.id, now: now.getTime(), stamp } };
}

/** Completes a pending signup: checks the link password, then consumes the token and creates the user in one store step. */
export async function confirm(rt: Runtime, token: string, context: LinkContext): Promise<{ user: User }> {
  const { tenant, redemption } = await prepare(rt, token, context, "confirm");
  const result = await rt.storeCall(() => rt.store.confirmClaim(redemption));
  if (!result.ok) {
    throw result.reason === "conflict" ? conflictError(result.conflict) : redeemFailure(result);
  }
  const user = toUser(result.user);
  await afterUserCreated(rt, tenant, user, { tenant: tenant.id });
  return { user };
}

/** Marks a user's address verified: checks the link password, then consumes the token and updates the user in one step. */
export async function verifyEmail(rt: Runtime, token: string, context: LinkContext): Promise<{ user: User }> {
  const { redemption } = await prepare(rt, token, context, "verify");
  const result = await rt.storeCall(() => rt.store.verifyEmail(redemption));
  if (!result.ok) throw redeemFailure(result);
  return { user: toUser(result.user) };
}
