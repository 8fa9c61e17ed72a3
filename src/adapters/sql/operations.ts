import type { UserRecord } from "../../model/user.js";
import type {
  ConfirmClaimResult,
  InsertUserResult,
  LiveClaim,
  PeekTokenResult,
  PendingClaim,
  PurgeResult,
  Redemption,
  TokenLookup,
  TokenPurpose,
  TokenRecord,
  VerifyEmailResult,
} from "../../ports/user-store.js";
import type { SqlDialect } from "./dialect.js";
import type { SqlResult } from "./driver.js";
import type { SqlNames } from "./names.js";
import {
  claimValues,
  storedUser,
  toClaim,
  tokenValues,
  toTokenRecord,
  toUserRecord,
  userValues,
} from "./rows.js";
import type { Operation, Step } from "./runner.js";
import type { Statements } from "./statements.js";

const INVALID = { ok: false, reason: "invalid" } as const;
const EXPIRED = { ok: false, reason: "expired" } as const;

/** Every `UserStore` method as an {@link Operation}, for one dialect, set of names and statements. */
export function buildOperations(sql: Statements, names: SqlNames, d: SqlDialect) {
  const step = (statement: Step["statement"], values?: readonly unknown[]): Step => ({ statement, values });

  function* oneUser(statement: Step["statement"], values: unknown[]): Operation<UserRecord | null> {
    const { rows } = yield step(statement, values);
    return rows[0] === undefined ? null : toUserRecord(rows[0]);
  }

  return {
    *insertUser(user: UserRecord): Operation<InsertUserResult> {
      try {
        yield step(sql.insertUser, userValues(user, d.bool));
        return { ok: true };
      } catch (error) {
        const conflict = d.conflictOf(error, names);
        if (conflict === undefined) throw error;
        return { ok: false, conflict };
      }
    },
    getUser: (id: string) => oneUser(sql.getUser, [id]),
    findUserByEmail: (tenant: string, emailKey: string) => oneUser(sql.userByEmail, [tenant, emailKey]),
    findUserByUsername: (tenant: string, key: string) => oneUser(sql.userByUsername, [tenant, key]),
    /** One conditional UPDATE: it changes the row only while the expected hash is stored. */
    *replacePasswordHash(userId: string, expectedHash: string, newHash: string): Operation<boolean> {
      const result: SqlResult = yield step(sql.replacePasswordHash, [newHash, userId, expectedHash]);
      return result.changes === 1;
    },

    /**
     * In a transaction: the claim and its first token, then the address's claims beyond the `keep` newest (this one
     * among them) removed with their tokens. A claim without an email key prunes nothing.
     */
    *insertClaim(claim: PendingClaim, token: TokenRecord, keep: number): Operation<void> {
      yield step(sql.insertClaim, claimValues(claim));
      yield step(sql.insertToken, tokenValues(token));
      if (claim.emailKey === undefined) return;
      const { rows } = yield step(sql.claimsOfEmail, [claim.tenant, claim.emailKey]);
      for (const row of rows.slice(Math.max(keep, 1))) {
        yield step(sql.deleteClaimTokens, [row.id]);
        yield step(sql.deleteClaim, [row.id]);
      }
    },
    /** In a transaction: the claim's tokens, then the claim. */
    *deleteClaim(claimId: string): Operation<void> {
      yield step(sql.deleteClaimTokens, [claimId]);
      yield step(sql.deleteClaim, [claimId]);
    },
    *findLiveClaims(tenant: string, emailKey: string, now: number, limit: number): Operation<LiveClaim[]> {
      if (limit <= 0) return [];
      const { rows } = yield step(sql.liveClaims, [tenant, emailKey, now, Math.floor(limit)]);
      return rows.map((row) => ({ claim: toClaim(row), token: toTokenRecord(row, "token_tenant") }));
    },
    *peekToken({ tokenHash, tenant, purpose, now }: TokenLookup): Operation<PeekTokenResult> {
      const statement = purpose === "confirm" ? sql.peekConfirm : sql.peekVerify;
      const row = (yield step(statement, [tokenHash, tenant])).rows[0];
      if (row === undefined) return INVALID;
      if (Number(row.expires_at) <= now) return EXPIRED;
      let passwordHash: unknown;
      if (purpose === "confirm") {
        if (row.claim_id === null || row.claim_id === undefined) return INVALID;
        passwordHash = storedUser(row.user_record).passwordHash;
      } else {
        if (row.user_id === null || row.user_id === undefined) return INVALID;
        passwordHash = row.password_hash;
      }
      const hash = typeof passwordHash === "string" ? passwordHash : null;
      return { ok: true, token: toTokenRecord(row, "token_tenant"), passwordHash: hash };
    },
    /** In a transaction: the increment locks the row, so the count read next is this call's. */
    *recordFailedAttempt(tokenHash: string, limit: number): Operation<number> {
      const updated: SqlResult = yield step(sql.countFailedAttempt, [tokenHash]);
      if (updated.changes === 0) return 0;
      const row = (yield step(sql.failedAttempts, [tokenHash])).rows[0];
      const count = Number(row?.failed_attempts ?? 0);
      if (count >= limit) yield step(sql.dropToken, [tokenHash]);
      return count;
    },

    /**
     * In a transaction: read the token and its claim; lock every claim of the address in id order (racing
     * confirmations of one address queue there instead of deadlocking); consume the token (exactly one racer
     * deletes the row); take and remove the claim; insert the user inside a savepoint, so that a unique violation
     * still commits the claim's removal; then remove the address's other claims. Expired, wrong-tenant and
     * wrong-purpose tokens are left as they are.
     */
    *confirmClaim(r: Redemption): Operation<ConfirmClaimResult> {
      const found = (yield step(sql.confirmLookup, [r.tokenHash, r.tenant])).rows[0];
      if (found === undefined) return INVALID;
      if (Number(found.expires_at) <= r.now) return EXPIRED;
      if (found.claim_id === null || found.claim_id === undefined) return INVALID;
      const claimId = found.claim_id as string;
      const emailKey = (found.email_key ?? null) as string | null;
      if (emailKey === null) yield step(sql.lockClaim, [claimId]);
      else yield step(sql.lockClaimsOfEmail, [found.tenant, emailKey]);

      const consumed: SqlResult = yield step(sql.consumeToken, [r.tokenHash, "confirm", r.tenant, r.now]);
      if (consumed.changes !== 1) return INVALID;
      const record = (yield step(sql.claimRecord, [claimId])).rows[0];
      yield step(sql.deleteClaim, [claimId]);
      if (record === undefined) return INVALID;
      const user: UserRecord = {
        ...storedUser(record.user_record),
        createdAt: r.stamp.at,
        updatedAt: r.stamp.at,
        etag: r.stamp.etag,
      };
      yield step(sql.savepoint);
      try {
        yield step(sql.insertUser, userValues(user, d.bool));
      } catch (error) {
        const conflict = d.conflictOf(error, names);
        if (conflict === undefined) throw error;
        yield step(sql.rollbackToSavepoint);
        return { ok: false, reason: "conflict", conflict };
      }
      if (emailKey !== null) {
        yield step(sql.dropTokensOfEmail, [found.tenant, emailKey]);
        yield step(sql.dropClaimsOfEmail, [found.tenant, emailKey]);
      }
      return { ok: true, user };
    },

    /** Compare-and-set; one statement either way, so no transaction. */
    *issueToken(token: TokenRecord, replaces: string | null): Operation<boolean> {
      const result: SqlResult =
        replaces === null
          ? yield step(sql.firstToken, tokenValues(token))
          : yield step(sql.replaceToken, [
              token.hash,
              token.tenant,
              token.issuedAt,
              token.expiresAt,
              token.failedAttempts,
              token.purpose,
              token.subject,
              replaces,
            ]);
      return result.changes === 1;
    },
    *latestToken(purpose: TokenPurpose, subject: string): Operation<TokenRecord | null> {
      const { rows } = yield step(sql.latestToken, [purpose, subject]);
      return rows[0] === undefined ? null : toTokenRecord(rows[0]);
    },
    /** In a transaction: lock the token, consume it (exactly one racer deletes it), mark its user verified. */
    *verifyEmail(r: Redemption): Operation<VerifyEmailResult> {
      const found = (yield step(sql.verifyLookup, [r.tokenHash, r.tenant])).rows[0];
      if (found === undefined) return INVALID;
      if (Number(found.expires_at) <= r.now) return EXPIRED;
      const consumed: SqlResult = yield step(sql.consumeToken, [r.tokenHash, "verify", r.tenant, r.now]);
      if (consumed.changes !== 1) return INVALID;
      const subject = found.subject as string;
      const updated: SqlResult = yield step(sql.markVerified, [
        d.bool(true),
        r.stamp.at,
        r.stamp.etag,
        subject,
      ]);
      if (updated.changes !== 1) return INVALID;
      const { rows } = yield step(sql.getUser, [subject]);
      return rows[0] === undefined ? INVALID : { ok: true, user: toUserRecord(rows[0]) };
    },

    /** Two statements, each atomic on its own: claims without a live token, then expired tokens. */
    *purgeExpired(now: number): Operation<PurgeResult> {
      const claims: SqlResult = yield step(sql.purgeClaims, [now]);
      const tokens: SqlResult = yield step(sql.purgeTokens, [now]);
      return { claims: claims.changes, tokens: tokens.changes };
    },
  };
}

/** The operations of one store. */
export type Operations = ReturnType<typeof buildOperations>;
