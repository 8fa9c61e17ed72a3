import { SignupError } from "../errors/signup-error.js";
import type { User } from "../model/user.js";
import type { RedeemFailure, Stamp } from "../ports/user-store.js";
import { afterUserCreated } from "./after-create.js";
import { conflictError } from "./conflict-error.js";
import type { Runtime } from "./runtime.js";
import type { TenantContext } from "./service-types.js";
import { digestToken, isTokenShaped } from "./tokens.js";
import { newEtag, toUser } from "./user-record.js";

function failure(result: RedeemFailure): SignupError {
  return new SignupError(result.reason === "expired" ? "token_expired" : "invalid_token");
}

async function prepare(rt: Runtime, token: string, context: TenantContext) {
  const tenant = rt.tenant(context?.tenant);
  if (!isTokenShaped(token)) throw new SignupError("invalid_token");
  const now = rt.now();
  const stamp: Stamp = { at: now.toISOString(), etag: newEtag() };
  return {
    tenant,
    redemption: { tokenHash: await digestToken(token), tenant: tenant.id, now: now.getTime(), stamp },
  };
}

/** Completes a pending signup: consumes the token and creates the user in one store step. */
export async function confirm(rt: Runtime, token: string, context: TenantContext): Promise<{ user: User }> {
  const { tenant, redemption } = await prepare(rt, token, context);
  const result = await rt.storeCall(() => rt.store.confirmClaim(redemption));
  if (!result.ok) {
    throw result.reason === "conflict" ? conflictError(result.conflict) : failure(result);
  }
  const user = toUser(result.user);
  await afterUserCreated(rt, tenant, user, { tenant: tenant.id });
  return { user };
}

/** Marks a user's address verified: consumes the token and updates the user in one store step. */
export async function verifyEmail(
  rt: Runtime,
  token: string,
  context: TenantContext,
): Promise<{ user: User }> {
  const { redemption } = await prepare(rt, token, context);
  const result = await rt.storeCall(() => rt.store.verifyEmail(redemption));
  if (!result.ok) throw failure(result);
  return { user: toUser(result.user) };
}
