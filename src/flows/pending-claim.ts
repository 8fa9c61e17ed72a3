import { conflictError } from "../errors/conflict-error.js";
import { usernameKey as toUsernameKey } from "../identity/canonical-keys.js";
import { randomUsername } from "../identity/random-username.js";
import { mintToken } from "../identity/tokens.js";
import { buildUserRecord } from "../identity/user-record.js";
import type { SignupContext, ValidSignup } from "../model/signup-input.js";
import type { PendingClaim } from "../ports/user-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { SignupResult } from "../service/service-types.js";
import { linkFor, type TenantSettings } from "../service/tenant-settings.js";

/** The one pending result: identical for every pending signup, so nothing in it tells two signups apart. */
const PENDING: SignupResult = Object.freeze({ status: "pending" as const });

/**
 * Prefix of the email key of a stand-in claim (see {@link createPendingClaim}); a tab never occurs in a real key,
 * so no lookup of an address finds one, and they are bounded per address like real claims.
 */
const STAND_IN = "\tconcealed\t";

/**
 * Confirm-before-create (NEC 本人確認): answers 409 for an address or username that already has a user, then stores
 * a claim with the password hash and mails the link. No user exists until `confirm`. When the mail cannot be sent
 * the claim is removed again and the signup fails with 503 `mail_unavailable`.
 *
 * With `concealExisting`, a new and a taken address do the same work: one address lookup, the hash, one claim insert
 * (for a taken address a stand-in that no link reaches and `purgeExpired` removes) and one mail (the link, or the
 * existing-account notice to the owner); no username or id is looked up (confirmation reports those conflicts).
 */
export async function createPendingClaim(
  rt: Runtime,
  tenant: TenantSettings,
  valid: ValidSignup,
  keys: { emailKey: string | undefined; usernameKey: string | undefined },
  _context: SignupContext,
): Promise<SignupResult> {
  const email = valid.email as string;
  const conceal = tenant.concealExisting;
  const owner = await rt.storeCall(() => rt.store.findUserByEmail(tenant.id, keys.emailKey as string));
  if (owner !== null && !conceal) throw conflictError("email");
  let username = valid.username;
  let usernameKey = keys.usernameKey;
  if (usernameKey !== undefined) {
    const key = usernameKey;
    if (!conceal && (await rt.storeCall(() => rt.store.findUserByUsername(tenant.id, key))) !== null) {
      throw conflictError("username");
    }
  } else if (tenant.policy.generatesUsername) {
    username = randomUsername();
    usernameKey = toUsernameKey(username);
  }
  if (valid.id !== undefined && !conceal) {
    const id = valid.id;
    if ((await rt.storeCall(() => rt.store.getUser(id))) !== null) throw conflictError("id");
  }

  const passwordHash = valid.password === undefined ? undefined : await rt.hashPassword(valid.password);
  const now = rt.now();
  const claimId = rt.generateId();
  const user = buildUserRecord(
    valid.id ?? rt.generateId(),
    tenant.id,
    valid,
    username,
    passwordHash,
    { emailKey: keys.emailKey, usernameKey },
    { at: now.toISOString(), etag: "" },
  );
  // The user only comes to exist by following the link mailed to this address, which proves the address.
  user.emailVerified = true;
  const claim: PendingClaim = { id: claimId, tenant: tenant.id, user, createdAt: now.getTime() };
  if (keys.emailKey !== undefined) claim.emailKey = owner === null ? keys.emailKey : STAND_IN + keys.emailKey;
  if (usernameKey !== undefined && owner === null) claim.usernameKey = usernameKey;
  const { raw, record: token } = await mintToken(
    "confirm",
    tenant.id,
    claimId,
    now.getTime(),
    tenant.confirmationTtl,
  );
  const url = linkFor(tenant.confirmationUrl, raw); // built for a taken address too: the same work
  await rt.storeCall(() => rt.store.insertClaim(claim, token, tenant.claimsPerAddress));
  try {
    if (owner === null) {
      await rt.sendMail(tenant, "confirmation", email, { url });
    } else {
      // A failed notice fails the signup exactly as a failed confirmation mail would: the answers stay identical.
      await rt.sendMail(tenant, "existing-account", owner.email ?? email, {});
    }
  } catch (error) {
    await rt
      .storeCall(() => rt.store.deleteClaim(claimId))
      .catch((cleanup: unknown) => rt.report(cleanup, "cleanup"));
    throw error;
  }
  return PENDING;
}
