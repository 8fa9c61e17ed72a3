import type { UserRecord } from "../../model/user.js";
import type {
  ConfirmClaimResult,
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
import { UserTable } from "./user-table.js";

const SEP = "\u0000";
/** `peekToken` stamps nothing; the redemption check only needs the token, tenant and time. */
const NO_STAMP = { at: "", etag: "" };
const key = (a: string, b: string) => a + SEP + b;

function addTo<K, V>(index: Map<K, Set<V>>, k: K, value: V): void {
  const set = index.get(k);
  if (set === undefined) index.set(k, new Set([value]));
  else set.add(value);
}

/** A copy through JSON, as a database would return it: what a store keeps is never shared with a caller. */
function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A memory store with its contents, for tests that look inside. */
export interface MemoryStore extends UserStore {
  /** Users, claims and tokens held now. */
  readonly size: { users: number; claims: number; tokens: number };
}

/**
 * A `UserStore` in memory, indexed by every lookup it serves (no scans on any request path). Each operation runs
 * without an `await` between its check and its write, so it is atomic in one process. The user methods
 * (`insertUser`, `getUser`, `findUserBy*`) answer synchronously (`MaybePromise`: await them, as any store's); the
 * others return promises. For tests and demos.
 *
 * @example
 * const service = createSignupService({ store: createMemoryStore(), tenants: { t1: { policy: baasPolicy() } } });
 */
export function createMemoryStore(): MemoryStore {
  const users = new UserTable();
  const claims = new Map<string, PendingClaim>();
  const claimsByEmail = new Map<string, Set<string>>();
  const tokens = new Map<string, TokenRecord>();
  const tokensBySubject = new Map<string, Set<string>>();

  const dropTokens = (purpose: TokenPurpose, subject: string) => {
    const k = key(purpose, subject);
    for (const hash of tokensBySubject.get(k) ?? []) tokens.delete(hash);
    tokensBySubject.delete(k);
  };
  const addToken = (token: TokenRecord) => {
    tokens.set(token.hash, { ...token });
    addTo(tokensBySubject, key(token.purpose, token.subject), token.hash);
  };
  const dropClaim = (id: string) => {
    const claim = claims.get(id);
    if (claim === undefined) return;
    claims.delete(id);
    dropTokens("confirm", id);
    if (claim.emailKey === undefined) return;
    const k = key(claim.tenant, claim.emailKey);
    const set = claimsByEmail.get(k);
    set?.delete(id);
    if (set?.size === 0) claimsByEmail.delete(k);
  };
  /** The claims of `ids`, newest first (`createdAt` descending, then id descending). */
  const newestFirst = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => claims.get(id) as PendingClaim)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const dropToken = (token: TokenRecord) => {
    tokens.delete(token.hash);
    const k = key(token.purpose, token.subject);
    const set = tokensBySubject.get(k);
    set?.delete(token.hash);
    if (set?.size === 0) tokensBySubject.delete(k);
  };
  /** Finds a live token of a purpose in a tenant; the failure reason otherwise. */
  const redeemable = (r: Redemption, purpose: TokenPurpose) => {
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
    // The user methods answer synchronously (no promise per call); the rest are async functions.
    insertUser: (user) => users.insert(user),
    getUser: (id) => users.byId(id) ?? null,
    findUserByEmail: (tenant, emailKey) => users.byEmail(tenant, emailKey) ?? null,
    findUserByUsername: (tenant, usernameKey) => users.byUsername(tenant, usernameKey) ?? null,

    async insertClaim(claim, token, keep) {
      claims.set(claim.id, copyOf(claim));
      addToken(token);
      if (claim.emailKey === undefined) return;
      const k = key(claim.tenant, claim.emailKey);
      addTo(claimsByEmail, k, claim.id);
      const ids = claimsByEmail.get(k) as Set<string>;
      if (ids.size <= keep) return;
      // The inserted claim stays; of the others, the `keep - 1` newest do.
      const others = newestFirst(ids).filter((other) => other.id !== claim.id);
      for (const old of others.slice(Math.max(keep - 1, 0))) dropClaim(old.id);
    },
    async deleteClaim(claimId) {
      dropClaim(claimId);
    },
    async findLiveClaims(tenant, emailKey, now, limit) {
      const live: LiveClaim[] = [];
      for (const claim of newestFirst(claimsByEmail.get(key(tenant, emailKey)) ?? [])) {
        if (live.length >= limit) break;
        for (const hash of tokensBySubject.get(key("confirm", claim.id)) ?? []) {
          const token = tokens.get(hash) as TokenRecord;
          if (token.expiresAt > now) live.push({ claim: copyOf(claim), token: { ...token } });
        }
      }
      return live.slice(0, Math.max(limit, 0));
    },
    async peekToken(lookup): Promise<PeekTokenResult> {
      const check = redeemable({ ...lookup, stamp: NO_STAMP }, lookup.purpose);
      if (!check.ok) return check;
      const subject = check.token.subject;
      const holder = lookup.purpose === "confirm" ? claims.get(subject)?.user : users.byId(subject);
      if (holder === undefined) return { ok: false, reason: "invalid" };
      return { ok: true, token: { ...check.token }, passwordHash: holder.passwordHash ?? null };
    },
    async recordFailedAttempt(tokenHash, limit) {
      const token = tokens.get(tokenHash);
      if (token === undefined) return 0;
      token.failedAttempts += 1;
      if (token.failedAttempts >= limit) dropToken(token);
      return token.failedAttempts;
    },
    async confirmClaim(r): Promise<ConfirmClaimResult> {
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
      const result = users.insert(user);
      dropClaim(claim.id);
      if (!result.ok) return { ok: false, reason: "conflict", conflict: result.conflict };
      if (claim.emailKey !== undefined) {
        for (const other of [...(claimsByEmail.get(key(claim.tenant, claim.emailKey)) ?? [])])
          dropClaim(other);
      }
      return { ok: true, user };
    },

    async issueToken(token, replaces) {
      let latest: TokenRecord | undefined;
      for (const hash of tokensBySubject.get(key(token.purpose, token.subject)) ?? []) {
        const t = tokens.get(hash) as TokenRecord;
        if (latest === undefined || t.issuedAt >= latest.issuedAt) latest = t;
      }
      if ((latest?.hash ?? null) !== replaces) return false;
      dropTokens(token.purpose, token.subject);
      addToken(token);
      return true;
    },
    async latestToken(purpose, subject) {
      let latest: TokenRecord | null = null;
      for (const hash of tokensBySubject.get(key(purpose, subject)) ?? []) {
        const t = tokens.get(hash) as TokenRecord;
        if (latest === null || t.issuedAt >= latest.issuedAt) latest = t;
      }
      return latest === null ? null : { ...latest };
    },
    async verifyEmail(r): Promise<VerifyEmailResult> {
      const check = redeemable(r, "verify");
      if (!check.ok) return check;
      dropTokens("verify", check.token.subject);
      const user = users.update(check.token.subject, (stored) => {
        stored.emailVerified = true;
        stored.updatedAt = r.stamp.at;
        stored.etag = r.stamp.etag;
      });
      return user === undefined ? { ok: false, reason: "invalid" } : { ok: true, user };
    },

    async purgeExpired(now): Promise<PurgeResult> {
      let purgedTokens = 0;
      for (const token of [...tokens.values()]) {
        if (token.expiresAt > now) continue;
        dropToken(token);
        purgedTokens++;
      }
      let purgedClaims = 0;
      for (const id of [...claims.keys()]) {
        if (tokensBySubject.has(key("confirm", id))) continue;
        dropClaim(id);
        purgedClaims++;
      }
      return { claims: purgedClaims, tokens: purgedTokens };
    },
  };
}
