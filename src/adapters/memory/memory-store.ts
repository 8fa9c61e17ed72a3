import type { UserRecord } from "../../model/user.js";
import type {
  ConfirmClaimResult,
  InsertUserResult,
  PendingClaim,
  PurgeResult,
  Redemption,
  TokenPurpose,
  TokenRecord,
  UserStore,
  VerifyEmailResult,
} from "../../ports/user-store.js";
import { KeyedIndex } from "./keyed-index.js";
import { hasKeys, storedCopy } from "./stored-user.js";

const SEP = "\u0000";
const key = (a: string, b: string) => a + SEP + b;

function addTo<K, V>(index: Map<K, Set<V>>, k: K, value: V): void {
  const set = index.get(k);
  if (set === undefined) index.set(k, new Set([value]));
  else set.add(value);
}

/** The result of every successful insert: one frozen object instead of one per call. */
const INSERTED: InsertUserResult = Object.freeze({ ok: true });
const emailKeyOf = (user: UserRecord) => user.emailKey as string;
const usernameKeyOf = (user: UserRecord) => user.usernameKey as string;

/** A copy the caller may keep and change. */
function copyUser(user: UserRecord): UserRecord {
  return { ...user, metadata: hasKeys(user.metadata) ? structuredClone(user.metadata) : {} };
}

/** A memory store with its contents, for tests that look inside. */
export interface MemoryStore extends UserStore {
  /** Users, claims and tokens held now. */
  readonly size: { users: number; claims: number; tokens: number };
}

/**
 * A `UserStore` in memory, indexed by every lookup it serves (no scans on any request path). Each operation runs
 * without an `await` between its check and its write, so it is atomic in one process. For tests and demos.
 *
 * @example
 * const service = createSignupService({ store: createMemoryStore(), tenants: { t1: { policy: baasPolicy() } } });
 */
export function createMemoryStore(): MemoryStore {
  const users = new KeyedIndex<UserRecord>((user) => user.id);
  const byEmail = new Map<string, KeyedIndex<UserRecord>>();
  const byUsername = new Map<string, KeyedIndex<UserRecord>>();
  /** The index of one tenant; a stored user's keys never change, so the indexes read them from the users. */
  const scope = (
    index: Map<string, KeyedIndex<UserRecord>>,
    tenant: string,
    keyOf: (user: UserRecord) => string,
  ) => {
    let map = index.get(tenant);
    if (map === undefined) {
      map = new KeyedIndex(keyOf);
      index.set(tenant, map);
    }
    return map;
  };
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
  const insert = (user: UserRecord): InsertUserResult => {
    if (users.has(user.id)) return { ok: false, conflict: "id" };
    const emails = scope(byEmail, user.tenant, emailKeyOf);
    const usernames = scope(byUsername, user.tenant, usernameKeyOf);
    const { emailKey, usernameKey } = user;
    if (emailKey !== undefined && emails.has(emailKey)) return { ok: false, conflict: "email" };
    if (usernameKey !== undefined && usernames.has(usernameKey)) return { ok: false, conflict: "username" };
    const stored = storedCopy(user);
    users.set(stored);
    if (emailKey !== undefined) emails.set(stored);
    if (usernameKey !== undefined) usernames.set(stored);
    return INSERTED;
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
  const found = (user: UserRecord | undefined) => Promise.resolve(user === undefined ? null : copyUser(user));

  return {
    get size() {
      return { users: users.size, claims: claims.size, tokens: tokens.size };
    },
    insertUser: (user) => Promise.resolve(insert(user)),
    getUser: (id) => found(users.get(id)),
    findUserByEmail: (tenant, emailKey) => found(byEmail.get(tenant)?.get(emailKey)),
    findUserByUsername: (tenant, usernameKey) => found(byUsername.get(tenant)?.get(usernameKey)),

    async insertClaim(claim, token) {
      claims.set(claim.id, { ...claim, user: storedCopy(claim.user) });
      if (claim.emailKey !== undefined) {
        addTo(claimsByEmail, key(claim.tenant, claim.emailKey), claim.id);
      }
      addToken(token);
    },
    async deleteClaim(claimId) {
      dropClaim(claimId);
    },
    async findLatestClaim(tenant, emailKey, now) {
      let best: { claim: PendingClaim; token: TokenRecord } | null = null;
      for (const id of claimsByEmail.get(key(tenant, emailKey)) ?? []) {
        const claim = claims.get(id) as PendingClaim;
        for (const hash of tokensBySubject.get(key("confirm", id)) ?? []) {
          const token = tokens.get(hash) as TokenRecord;
          if (token.expiresAt > now && (best === null || claim.createdAt >= best.claim.createdAt)) {
            best = { claim: { ...claim, user: copyUser(claim.user) }, token: { ...token } };
          }
        }
      }
      return best;
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
      const result = insert(user);
      dropClaim(claim.id);
      if (!result.ok) return { ok: false, reason: "conflict", conflict: result.conflict };
      if (claim.emailKey !== undefined) {
        for (const other of [...(claimsByEmail.get(key(claim.tenant, claim.emailKey)) ?? [])])
          dropClaim(other);
      }
      return { ok: true, user: copyUser(user) };
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
      const user = users.get(check.token.subject);
      dropTokens("verify", check.token.subject);
      if (user === undefined) return { ok: false, reason: "invalid" };
      user.emailVerified = true;
      user.updatedAt = r.stamp.at;
      user.etag = r.stamp.etag;
      return { ok: true, user: copyUser(user) };
    },

    async purgeExpired(now): Promise<PurgeResult> {
      let purgedTokens = 0;
      for (const token of [...tokens.values()]) {
        if (token.expiresAt > now) continue;
        tokens.delete(token.hash);
        const k = key(token.purpose, token.subject);
        const set = tokensBySubject.get(k);
        set?.delete(token.hash);
        if (set?.size === 0) tokensBySubject.delete(k);
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
