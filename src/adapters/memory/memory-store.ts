import type { UserRecord } from "../../model/user.js";
import type {
  ConfirmClaimResult,
  InsertUserResult,
  LiveClaim,
  PeekTokenResult,
  PendingClaim,
  PurgeResult,
  Redemption,
  TokenPurpose,
  TokenRecord,
  UserStore,
  VerifyEmailResult,
} from "../../ports/user-store.js";
import { copyClaim, copyToken, copyUser } from "./copies.js";
import { leave, members, type PerTenant, scoped } from "./nested-maps.js";

/** What a memory store holds, as copies: see {@link MemoryStore.dump}. */
export interface MemoryStoreDump {
  /** Users in the order they were inserted. */
  users: UserRecord[];
  /** Pending claims (confirmation before create) in the order they were stored. */
  claims: PendingClaim[];
  /** Stored tokens (only their SHA-256 digests, never a raw token) in the order they were issued. */
  tokens: TokenRecord[];
}

/** A memory store with read-only views of its contents, for tests that look inside. */
export interface MemoryStore extends UserStore {
  /** Users, claims and tokens held now. */
  readonly size: {
    /** Users stored. */
    users: number;
    /** Pending claims stored. */
    claims: number;
    /** Tokens stored. */
    tokens: number;
  };
  /**
   * A copy of everything held now: changing it changes nothing in the store.
   *
   * @example
   * const store = createMemoryStore();
   * const service = createSignupService({ store, tenants: { t1: { policy: baasPolicy() } } });
   * await service.signup({ email: "ann@example.com", password: "Passw0rd!" }, { tenant: "t1" });
   * const { users, claims, tokens } = store.dump();
   * expect(users).toHaveLength(1);
   * expect(users[0]?.passwordHash).not.toContain("Passw0rd!");
   */
  dump(): MemoryStoreDump;
}

/**
 * A `UserStore` in memory: Maps of plain records, copied in and out, and indexes as Maps
 * keyed by id and, per tenant, by canonical email and username key (no scans on any request path). Each operation
 * runs without an `await` between its check and its write, so it is atomic in one process. Every method answers
 * synchronously (`MaybePromise`: await them, as any store's). `dump()` shows what it holds. For tests and demos.
 *
 * @example
 * const store = createMemoryStore();
 * const service = createSignupService({ store, tenants: { t1: { policy: baasPolicy() } } });
 */
export function createMemoryStore(): MemoryStore {
  const users = new Map<string, UserRecord>();
  const usersByEmail: PerTenant<UserRecord> = new Map();
  const usersByUsername: PerTenant<UserRecord> = new Map();
  const claims = new Map<string, PendingClaim>();
  /** Claim ids per tenant and email key. */
  const claimsByEmail: PerTenant<Set<string>> = new Map();
  const tokens = new Map<string, TokenRecord>();
  /** Token digests per purpose and subject (a claim or user id). */
  const tokensBySubject: PerTenant<Set<string>> = new Map();

  const found = (user: UserRecord | undefined) => (user === undefined ? null : copyUser(user));

  const insertUser = (user: UserRecord): InsertUserResult => {
    if (users.has(user.id)) return { ok: false, conflict: "id" };
    const emails = scoped(usersByEmail, user.tenant);
    const usernames = scoped(usersByUsername, user.tenant);
    if (user.emailKey !== undefined && emails.has(user.emailKey)) return { ok: false, conflict: "email" };
    if (user.usernameKey !== undefined && usernames.has(user.usernameKey)) {
      return { ok: false, conflict: "username" };
    }
    const kept = copyUser(user);
    users.set(kept.id, kept);
    if (kept.emailKey !== undefined) emails.set(kept.emailKey, kept);
    if (kept.usernameKey !== undefined) usernames.set(kept.usernameKey, kept);
    return { ok: true };
  };

  const dropTokens = (purpose: TokenPurpose, subject: string) => {
    for (const hash of tokensBySubject.get(purpose)?.get(subject) ?? []) tokens.delete(hash);
    tokensBySubject.get(purpose)?.delete(subject);
  };
  const dropToken = (token: TokenRecord) => {
    tokens.delete(token.hash);
    leave(tokensBySubject, token.purpose, token.subject, token.hash);
  };
  const addToken = (token: TokenRecord) => {
    tokens.set(token.hash, copyToken(token));
    members(tokensBySubject, token.purpose, token.subject).add(token.hash);
  };
  const newestToken = (purpose: TokenPurpose, subject: string): TokenRecord | undefined => {
    let newest: TokenRecord | undefined;
    for (const hash of tokensBySubject.get(purpose)?.get(subject) ?? []) {
      const t = tokens.get(hash) as TokenRecord;
      if (newest === undefined || t.issuedAt >= newest.issuedAt) newest = t;
    }
    return newest;
  };
  const dropClaim = (id: string) => {
    const claim = claims.get(id);
    if (claim === undefined) return;
    claims.delete(id);
    dropTokens("confirm", id);
    if (claim.emailKey !== undefined) leave(claimsByEmail, claim.tenant, claim.emailKey, id);
  };
  /** The claims of `ids`, newest first (`createdAt` descending, then id descending). */
  const newestFirst = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => claims.get(id) as PendingClaim)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  /** A live token of a purpose in a tenant; the failure reason otherwise. */
  const redeemable = (r: Omit<Redemption, "stamp">, purpose: TokenPurpose) => {
    const token = tokens.get(r.tokenHash);
    if (token === undefined || token.purpose !== purpose || token.tenant !== r.tenant) {
      return { ok: false, reason: "invalid" } as const;
    }
    if (token.expiresAt <= r.now) return { ok: false, reason: "expired" } as const;
    return { ok: true, token } as const;
  };

  return {
    get size() {
      return { users: users.size, claims: claims.size, tokens: tokens.size };
    },
    dump: () => ({
      users: [...users.values()].map(copyUser),
      claims: [...claims.values()].map(copyClaim),
      tokens: [...tokens.values()].map(copyToken),
    }),
    replacePasswordHash(userId, expectedHash, newHash) {
      const stored = users.get(userId);
      if (stored === undefined || stored.passwordHash !== expectedHash) return false;
      stored.passwordHash = newHash;
      return true;
    },

    insertUser,
    getUser: (id) => found(users.get(id)),
    findUserByEmail: (tenant, emailKey) => found(usersByEmail.get(tenant)?.get(emailKey)),
    findUserByUsername: (tenant, usernameKey) => found(usersByUsername.get(tenant)?.get(usernameKey)),

    insertClaim(claim, token, keep) {
      claims.set(claim.id, copyClaim(claim));
      addToken(token);
      if (claim.emailKey === undefined) return;
      const ids = members(claimsByEmail, claim.tenant, claim.emailKey).add(claim.id);
      if (ids.size <= keep) return;
      // The inserted claim stays; of the others, the `keep - 1` newest do.
      const others = newestFirst(ids).filter((other) => other.id !== claim.id);
      for (const old of others.slice(Math.max(keep - 1, 0))) dropClaim(old.id);
    },
    deleteClaim(claimId) {
      dropClaim(claimId);
    },
    findLiveClaims(tenant, emailKey, now, limit) {
      const live: LiveClaim[] = [];
      for (const claim of newestFirst(claimsByEmail.get(tenant)?.get(emailKey) ?? [])) {
        for (const hash of tokensBySubject.get("confirm")?.get(claim.id) ?? []) {
          const token = tokens.get(hash) as TokenRecord;
          if (token.expiresAt > now) live.push({ claim: copyClaim(claim), token: copyToken(token) });
        }
      }
      return live.slice(0, Math.max(limit, 0));
    },
    peekToken(lookup): PeekTokenResult {
      const check = redeemable(lookup, lookup.purpose);
      if (!check.ok) return check;
      const subject = check.token.subject;
      const holder = lookup.purpose === "confirm" ? claims.get(subject)?.user : users.get(subject);
      if (holder === undefined) return { ok: false, reason: "invalid" };
      return { ok: true, token: copyToken(check.token), passwordHash: holder.passwordHash ?? null };
    },
    recordFailedAttempt(tokenHash, limit) {
      const token = tokens.get(tokenHash);
      if (token === undefined) return 0;
      token.failedAttempts += 1;
      if (token.failedAttempts >= limit) dropToken(token);
      return token.failedAttempts;
    },
    confirmClaim(r): ConfirmClaimResult {
      const check = redeemable(r, "confirm");
      if (!check.ok) return check;
      const claim = claims.get(check.token.subject);
      if (claim === undefined) return { ok: false, reason: "invalid" };
      const user: UserRecord = {
        ...claim.user,
        createdAt: r.stamp.at,
        updatedAt: r.stamp.at,
        etag: r.stamp.etag,
      };
      const result = insertUser(user);
      dropClaim(claim.id);
      if (!result.ok) return { ok: false, reason: "conflict", conflict: result.conflict };
      if (claim.emailKey !== undefined) {
        for (const other of [...(claimsByEmail.get(claim.tenant)?.get(claim.emailKey) ?? [])])
          dropClaim(other);
      }
      return { ok: true, user: copyUser(user) };
    },

    issueToken(token, replaces) {
      if ((newestToken(token.purpose, token.subject)?.hash ?? null) !== replaces) return false;
      dropTokens(token.purpose, token.subject);
      addToken(token);
      return true;
    },
    latestToken(purpose, subject) {
      const token = newestToken(purpose, subject);
      return token === undefined ? null : copyToken(token);
    },
    verifyEmail(r): VerifyEmailResult {
      const check = redeemable(r, "verify");
      if (!check.ok) return check;
      dropTokens("verify", check.token.subject);
      const user = users.get(check.token.subject);
      if (user === undefined) return { ok: false, reason: "invalid" };
      user.emailVerified = true;
      user.updatedAt = r.stamp.at;
      user.etag = r.stamp.etag;
      return { ok: true, user: copyUser(user) };
    },

    purgeExpired(now): PurgeResult {
      let purgedTokens = 0;
      for (const token of [...tokens.values()]) {
        if (token.expiresAt > now) continue;
        dropToken(token);
        purgedTokens++;
      }
      let purgedClaims = 0;
      for (const id of [...claims.keys()]) {
        if (tokensBySubject.get("confirm")?.has(id)) continue;
        dropClaim(id);
        purgedClaims++;
      }
      return { claims: purgedClaims, tokens: purgedTokens };
    },
  };
}
