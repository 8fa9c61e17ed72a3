import type { UserRecord } from "../model/user.js";

/** A key that must be unique: email and username per tenant, id across all tenants. */
export type UniqueField = "id" | "email" | "username";

/** Result of {@link UserStore.insertUser}: which unique key collided, if any. */
export type InsertUserResult =
  | {
      /** Inserted. */
      ok: true;
    }
  | {
      /** Nothing inserted. */
      ok: false;
      /** The key that was taken. */
      conflict: UniqueField;
    };

/**
 * A signup waiting for its confirmation link (NEC 本人確認): no user exists until it is confirmed.
 * `user` is the complete record to insert; the store stamps `createdAt`, `updatedAt` and `etag` on confirmation.
 */
export interface PendingClaim {
  /** The claim id (a ULID). */
  id: string;
  /** The tenant the signup is for. */
  tenant: string;
  /** The canonical email of the signup (see `emailKey()`). */
  emailKey?: string;
  /** The canonical username of the signup (see `usernameKey()`). */
  usernameKey?: string;
  /** The complete user record to insert on confirmation. */
  user: UserRecord;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** What a token proves: a pending claim's address (`confirm`) or a user's address (`verify`). */
export type TokenPurpose = "confirm" | "verify";

/** A single-use token, stored only as the SHA-256 digest of the raw value that went out by mail. */
export interface TokenRecord {
  /** base64url SHA-256 of the raw token. */
  hash: string;
  /** What the token proves. */
  purpose: TokenPurpose;
  /** The tenant the token belongs to. */
  tenant: string;
  /** The claim id (`confirm`) or user id (`verify`) the token is bound to. */
  subject: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  /** Milliseconds since the epoch; the token is dead from this instant on. */
  expiresAt: number;
  /**
   * Wrong passwords tried with this token so far (see {@link UserStore.recordFailedAttempt}). A fresh token has 0;
   * a re-issued token starts again at the value it is issued with.
   */
  failedAttempts: number;
}

/** Timestamp and etag a store writes on the record it creates or updates. */
export interface Stamp {
  /** `YYYY-MM-DDThh:mm:ss.sssZ`. */
  at: string;
  /** A fresh unique value. */
  etag: string;
}

/** How a redemption is asked for: the token digest, where, and when. */
export interface Redemption {
  /** base64url SHA-256 of the raw token. */
  tokenHash: string;
  /** A token of another tenant is `invalid` and is not consumed. */
  tenant: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** What to write on the record created or updated. */
  stamp: Stamp;
}

/** Why a token could not be redeemed. `invalid`: unknown, used, wrong purpose or tenant, or its subject is gone. */
export type RedeemFailure = {
  /** Not redeemed. */
  ok: false;
  /** Why. */
  reason: "invalid" | "expired";
};

/** Where a token is looked up without consuming it: its digest, the tenant it must belong to, and when. */
export interface TokenLookup {
  /** base64url SHA-256 of the raw token. */
  tokenHash: string;
  /** The tenant the token must belong to. */
  tenant: string;
  /** The purpose the token must have. */
  purpose: TokenPurpose;
  /** Milliseconds since the epoch. */
  now: number;
}

/**
 * Result of {@link UserStore.peekToken}: the live token and the password hash it protects (the claim's user's, or
 * the user's), `null` when that record has none (an NEC client-certificate user).
 */
export type PeekTokenResult =
  | {
      /** The token is live. */
      ok: true;
      /** The token as stored. */
      token: TokenRecord;
      /** The password hash it protects, or null when there is none. */
      passwordHash: string | null;
    }
  | RedeemFailure;

/** A pending claim with its live confirmation token, as {@link UserStore.findLiveClaims} returns them. */
export interface LiveClaim {
  /** The pending claim. */
  claim: PendingClaim;
  /** Its live confirmation token. */
  token: TokenRecord;
}

/** Result of {@link UserStore.confirmClaim}. */
export type ConfirmClaimResult =
  | {
      /** Confirmed. */
      ok: true;
      /** The user created from the claim. */
      user: UserRecord;
    }
  | RedeemFailure
  | {
      /** Nothing created: a unique key was taken meanwhile. */
      ok: false;
      /** Always `"conflict"`. */
      reason: "conflict";
      /** The key that was taken. */
      conflict: UniqueField;
    };

/** Result of {@link UserStore.verifyEmail}. */
export type VerifyEmailResult =
  | {
      /** Verified. */
      ok: true;
      /** The user, now with `emailVerified: true`. */
      user: UserRecord;
    }
  | RedeemFailure;

/** Counts of what {@link UserStore.purgeExpired} removed. */
export interface PurgeResult {
  /** Pending claims removed. */
  claims: number;
  /** Tokens removed. */
  tokens: number;
}

/**
 * A result, or a promise of it: what a port method may return. A synchronous driver (an in-memory table,
 * better-sqlite3, `bun:sqlite`) answers directly and saves a promise per call.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Persistence for users, pending claims and tokens. Every method is one atomic operation: the service
 * never checks and then inserts, so two processes against one database keep the 409 semantics.
 * Each method may return its result directly or a promise of it ({@link MaybePromise}); a promise is bounded by the
 * service's `timeouts.store`, a synchronous call cannot be interrupted and is not. A method that throws, either way,
 * fails the request with 503 `unavailable`.
 * Run `testUserStore()` from `signupkit/testing` against your implementation.
 */
export interface UserStore {
  /** Inserts the user unless its id (anywhere) or its email or username key (in its tenant) is taken. */
  insertUser(user: UserRecord): MaybePromise<InsertUserResult>;
  /** The user with this id in any tenant, or null. */
  getUser(id: string): MaybePromise<UserRecord | null>;
  /** The tenant's user with this canonical email, or null. */
  findUserByEmail(tenant: string, emailKey: string): MaybePromise<UserRecord | null>;
  /** The tenant's user with this canonical username, or null. */
  findUserByUsername(tenant: string, usernameKey: string): MaybePromise<UserRecord | null>;
  /**
   * Compare-and-set of a user's password hash (a login upgrading a hash to the hasher's current cost or scheme):
   * when user `userId` exists and its `passwordHash` is exactly `expectedHash`, stores `newHash` and returns true;
   * returns false and changes nothing otherwise (unknown user, no hash, or a hash that changed meanwhile). Nothing
   * else of the user changes (not `updatedAt`, not `etag`: the profile did not change).
   */
  replacePasswordHash(userId: string, expectedHash: string, newHash: string): MaybePromise<boolean>;

  /**
   * Stores a claim and its first confirmation token together and, in the same atomic step, keeps only `keep` claims
   * of the tenant for the claim's email key: this one and the `keep - 1` newest others (by `createdAt`, then id);
   * the rest are removed with their tokens. A claim without an email key is stored and prunes nothing. (Inserts racing
   * for one address may each leave `keep`, so the bound is `keep` plus the number of racing inserts.)
   */
  insertClaim(claim: PendingClaim, token: TokenRecord, keep: number): MaybePromise<void>;
  /** Removes a claim and its tokens (used when its confirmation mail could not be sent). */
  deleteClaim(claimId: string): MaybePromise<void>;
  /**
   * The claims of the address that still have a live confirmation token, each with that token, newest first
   * (`createdAt` descending, then id descending), at most `limit`. An indexed lookup: claims per address are bounded
   * by `insertClaim`'s `keep`.
   */
  findLiveClaims(tenant: string, emailKey: string, now: number, limit: number): MaybePromise<LiveClaim[]>;
  /**
   * Reads a live token of `purpose` in `tenant` and the password hash of what it protects, consuming nothing.
   * `invalid`: unknown, wrong purpose or tenant, or its claim or user is gone; `expired`: at or past `expiresAt`.
   */
  peekToken(lookup: TokenLookup): MaybePromise<PeekTokenResult>;
  /**
   * Atomically adds one to the token's `failedAttempts` and returns the new count; when it reaches `limit` the
   * token is removed in the same step (its link is dead). Returns 0 when there is no such token.
   */
  recordFailedAttempt(tokenHash: string, limit: number): MaybePromise<number>;
  /**
   * In one atomic step: consumes the confirmation token, inserts the claim's user stamped with `stamp`,
   * removes the claim, and removes every other claim of the tenant for the same email key.
   * On a unique conflict nothing is inserted and the claim is removed. Concurrent calls with one token:
   * exactly one succeeds.
   */
  confirmClaim(redemption: Redemption): MaybePromise<ConfirmClaimResult>;

  /**
   * Compare-and-set: when the newest token for `(token.purpose, token.subject)` has the digest `replaces`
   * (or there is none and `replaces` is null), removes that subject's tokens of that purpose and stores
   * `token`; returns false and changes nothing otherwise.
   */
  issueToken(token: TokenRecord, replaces: string | null): MaybePromise<boolean>;
  /** The newest token for a subject and purpose, live or not. */
  latestToken(purpose: TokenPurpose, subject: string): MaybePromise<TokenRecord | null>;
  /**
   * In one atomic step: consumes a verification token and sets the user's `emailVerified`, `updatedAt`
   * and `etag`. Concurrent calls with one token: exactly one succeeds.
   */
  verifyEmail(redemption: Redemption): MaybePromise<VerifyEmailResult>;

  /** Removes expired tokens and the claims left without a live token. */
  purgeExpired(now: number): MaybePromise<PurgeResult>;
}
