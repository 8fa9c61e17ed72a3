import type { UserRecord } from "../../model/user.js";
import type { PendingClaim, TokenPurpose, TokenRecord } from "../../ports/user-store.js";
import type { Row } from "./client.js";

type OptionalText =
  | "email"
  | "emailKey"
  | "username"
  | "usernameKey"
  | "phoneNumber"
  | "givenName"
  | "familyName"
  | "name"
  | "nickname"
  | "picture"
  | "passwordHash";

/** Nullable text columns and the optional record fields they hold; NULL means the field is absent. */
const OPTIONAL: readonly (readonly [string, OptionalText])[] = [
  ["email", "email"],
  ["email_key", "emailKey"],
  ["username", "username"],
  ["username_key", "usernameKey"],
  ["phone_number", "phoneNumber"],
  ["given_name", "givenName"],
  ["family_name", "familyName"],
  ["name", "name"],
  ["nickname", "nickname"],
  ["picture", "picture"],
  ["password_hash", "passwordHash"],
];

/** bigint arrives as a string from pg and as a number from PGlite. */
const ms = (value: unknown): number => Number(value);

/** The parameters of the `insertUser` statement, in column order. */
export function userValues(user: UserRecord): unknown[] {
  return [
    user.id,
    user.tenant,
    user.email ?? null,
    user.emailKey ?? null,
    user.username ?? null,
    user.usernameKey ?? null,
    user.emailVerified,
    user.phoneNumber ?? null,
    user.givenName ?? null,
    user.familyName ?? null,
    user.name ?? null,
    user.nickname ?? null,
    user.picture ?? null,
    JSON.stringify(user.metadata),
    user.clientCertUser,
    user.enabled,
    user.passwordHash ?? null,
    user.createdAt,
    user.updatedAt,
    user.etag,
  ];
}

/** A users row (selected with the store's column list) as a record. */
export function toUserRecord(row: Row): UserRecord {
  const user: UserRecord = {
    id: row.id as string,
    tenant: row.tenant as string,
    emailVerified: row.email_verified === true,
    metadata: JSON.parse(row.metadata as string) as Record<string, unknown>,
    clientCertUser: row.client_cert_user === true,
    enabled: row.enabled === true,
    federated: false,
    primaryLinkedUserId: null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    etag: row.etag as string,
  };
  for (const [column, field] of OPTIONAL) {
    const value = row[column];
    if (typeof value === "string") user[field] = value;
  }
  return user;
}

/** The parameters of the `insertClaim` statement: the claim, then its token. */
export function claimValues(claim: PendingClaim, token: TokenRecord): unknown[] {
  return [
    claim.id,
    claim.tenant,
    claim.emailKey ?? null,
    claim.usernameKey ?? null,
    JSON.stringify(claim.user),
    claim.createdAt,
    ...tokenValues(token),
  ];
}

/** The token columns in `hash, purpose, tenant, subject, issued_at, expires_at, failed_attempts` order. */
export function tokenValues(token: TokenRecord): unknown[] {
  const { hash, purpose, tenant, subject, issuedAt, expiresAt, failedAttempts } = token;
  return [hash, purpose, tenant, subject, issuedAt, expiresAt, failedAttempts];
}

/** A tokens row as a record; `tenant` is read from `tenantColumn` (joins rename it). */
export function toTokenRecord(row: Row, tenantColumn = "tenant"): TokenRecord {
  return {
    hash: row.hash as string,
    purpose: row.purpose as TokenPurpose,
    tenant: row[tenantColumn] as string,
    subject: row.subject as string,
    issuedAt: ms(row.issued_at),
    expiresAt: ms(row.expires_at),
    failedAttempts: Number(row.failed_attempts),
  };
}

/** A claims row as a claim. */
export function toClaim(row: Row): PendingClaim {
  const claim: PendingClaim = {
    id: row.id as string,
    tenant: row.tenant as string,
    user: JSON.parse(row.user_record as string) as UserRecord,
    createdAt: ms(row.created_at),
  };
  if (typeof row.email_key === "string") claim.emailKey = row.email_key;
  if (typeof row.username_key === "string") claim.usernameKey = row.username_key;
  return claim;
}
