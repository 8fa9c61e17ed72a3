import type { UserRecord } from "../../model/user.js";
import type { ConfirmClaimResult, Redemption, VerifyEmailResult } from "../../ports/user-store.js";
import type { Database } from "./client.js";
import { toUserRecord, userValues } from "./rows.js";
import type { PostgresNames } from "./schema.js";
import type { Statements } from "./statements.js";
import { conflictOf } from "./unique-violation.js";

const INVALID = { ok: false, reason: "invalid" } as const;
const EXPIRED = { ok: false, reason: "expired" } as const;
const SAVEPOINT = { text: "SAVEPOINT signupkit_insert_user" };
const ROLLBACK_TO_SAVEPOINT = { text: "ROLLBACK TO SAVEPOINT signupkit_insert_user" };

/**
 * One transaction: read the token and its claim; lock every claim of the address in id order (racing
 * confirmations of one address queue here instead of deadlocking); consume the token and the claim with
 * `DELETE ... RETURNING` (exactly one racer gets the row); insert the user inside a savepoint, so that a unique
 * violation still commits the claim's removal; then remove the address's other claims. Expired, wrong-tenant and
 * wrong-purpose tokens are left as they are.
 */
export function confirmClaim(
  db: Database,
  sql: Statements,
  names: PostgresNames,
  r: Redemption,
): Promise<ConfirmClaimResult> {
  return db.transaction(async (s) => {
    const [found] = await s.run(sql.confirmLookup, [r.tokenHash, r.tenant]);
    if (found === undefined) return INVALID;
    if (Number(found.expires_at) <= r.now) return EXPIRED;
    if (found.claim_id === null) return INVALID;
    const emailKey = found.email_key as string | null;
    if (emailKey === null) await s.run(sql.lockClaim, [found.claim_id]);
    else await s.run(sql.lockClaimsOfEmail, [found.tenant, emailKey]);

    const [taken] = await s.run(sql.consumeClaim, [r.tokenHash, r.tenant, r.now]);
    if (taken === undefined) return INVALID;
    const user: UserRecord = {
      ...(JSON.parse(taken.user_record as string) as UserRecord),
      createdAt: r.stamp.at,
      updatedAt: r.stamp.at,
      etag: r.stamp.etag,
    };
    await s.run(SAVEPOINT);
    try {
      await s.run(sql.insertUser, userValues(user));
    } catch (error) {
      const conflict = conflictOf(error, names);
      if (conflict === undefined) throw error;
      await s.run(ROLLBACK_TO_SAVEPOINT);
      return { ok: false, reason: "conflict", conflict };
    }
    if (emailKey !== null) await s.run(sql.dropClaimsOfEmail, [found.tenant, emailKey]);
    return { ok: true, user };
  });
}

/**
 * One statement, so one implicit transaction and one round trip: `DELETE ... RETURNING` consumes the token (exactly
 * one racer gets the row) and the same statement updates its user; when nothing was consumed, the token as the
 * statement's snapshot saw it tells `expired` from `invalid`.
 */
export async function verifyEmail(db: Database, sql: Statements, r: Redemption): Promise<VerifyEmailResult> {
  const [row] = await db.write(sql.verifyEmail, [r.tokenHash, r.tenant, r.now, r.stamp.at, r.stamp.etag]);
  if (row === undefined) return INVALID;
  if (row.consumed === 0) {
    const expiresAt = row.token_expires_at;
    return expiresAt !== null && Number(expiresAt) <= r.now ? EXPIRED : INVALID;
  }
  return row.id === null ? INVALID : { ok: true, user: toUserRecord(row) };
}
