import { emailKey, usernameKey } from "../identity/canonical-keys.js";
import type { UserRecord } from "../model/user.js";
import type {
  LiveClaim,
  PendingClaim,
  Redemption,
  Stamp,
  TokenPurpose,
  TokenRecord,
  UserStore,
} from "../ports/user-store.js";

/** The kit's first tenant. */
export const T1 = "tenant-one";
/** The kit's second tenant. */
export const T2 = "tenant-two";

/** The kit's clock: every check runs at this instant (ms since the epoch). */
export const NOW = Date.parse("2024-06-01T12:00:00.000Z");
/** A day in ms: the lifetime of the kit's live tokens. */
export const DAY = 86_400_000;

const CREATED = "2024-05-06T07:08:09.123Z";

/** A complete user with every optional field, nested metadata and a password hash. */
export function fullUser(id: string, tenant: string, email: string, username: string): UserRecord {
  return {
    id,
    tenant,
    username,
    usernameKey: usernameKey(username),
    email,
    emailKey: emailKey(email),
    emailVerified: false,
    phoneNumber: "+819012345678",
    givenName: "Alice",
    familyName: "Liddell",
    name: "Alice Liddell",
    nickname: "ありす",
    picture: "https://example.com/alice.png",
    metadata: {
      plan: "pro",
      score: 12.5,
      count: -3,
      flags: [true, false, null, "x", 0],
      nested: { empty: {}, list: [], text: "日本語 é ü 🎉", deep: { deeper: { deepest: "ok" } } },
    },
    clientCertUser: false,
    enabled: true,
    federated: false,
    primaryLinkedUserId: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    etag: `etag-${id}`,
    passwordHash: "$2b$10$abcdefghijklmnopqrstuuRB9Qj0i9G8fR1oJk2b3nAZqkDdZ5m9a",
  };
}

/** A user identified by email only (no username key). */
export function emailUser(id: string, tenant: string, email: string): UserRecord {
  const { username: _u, usernameKey: _k, ...user } = fullUser(id, tenant, email, "unused");
  return user;
}

/** A user with no email, no username, no profile and empty metadata (an NEC client-certificate user). */
export function minimalUser(id: string, tenant: string): UserRecord {
  return {
    id,
    tenant,
    emailVerified: false,
    metadata: {},
    clientCertUser: true,
    enabled: true,
    federated: false,
    primaryLinkedUserId: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    etag: `etag-${id}`,
  };
}

/** A pending claim for `user` (its email and username keys copied from the record). */
export function claimFor(id: string, user: UserRecord, createdAt = NOW - 60_000): PendingClaim {
  const claim: PendingClaim = {
    id,
    tenant: user.tenant,
    user: { ...user, etag: "" },
    createdAt,
  };
  if (user.emailKey !== undefined) claim.emailKey = user.emailKey;
  if (user.usernameKey !== undefined) claim.usernameKey = user.usernameKey;
  return claim;
}

/** A token record; live for a day from one minute ago unless told otherwise. */
export function token(
  hash: string,
  purpose: TokenPurpose,
  tenant: string,
  subject: string,
  times: { issuedAt?: number; expiresAt?: number; failedAttempts?: number } = {},
): TokenRecord {
  const issuedAt = times.issuedAt ?? NOW - 60_000;
  const expiresAt = times.expiresAt ?? issuedAt + DAY;
  return { hash, purpose, tenant, subject, issuedAt, expiresAt, failedAttempts: times.failedAttempts ?? 0 };
}

/** A stamp with a distinct etag. */
export function stamp(n: number): Stamp {
  return { at: new Date(NOW + n * 1000).toISOString(), etag: `stamp-etag-${n}` };
}

/** A redemption of `tokenHash` in `tenant` at `now`. */
export function redemption(tokenHash: string, tenant: string, now = NOW, n = 1): Redemption {
  return { tokenHash, tenant, now, stamp: stamp(n) };
}

/** What the kit passes as `insertClaim`'s `keep` where pruning is not what is checked. */
export const KEEP = 10;

/** The newest live claim of an address with its token (the first of `findLiveClaims`), or null. */
export async function newestLiveClaim(
  store: UserStore,
  tenant: string,
  emailKey: string,
  now: number,
): Promise<LiveClaim | null> {
  return (await store.findLiveClaims(tenant, emailKey, now, 1))[0] ?? null;
}

/** What a redemption of an unknown, used, foreign or dead token answers. */
export const INVALID = { ok: false, reason: "invalid" };
/** What a redemption of an expired token answers. */
export const EXPIRED = { ok: false, reason: "expired" };
