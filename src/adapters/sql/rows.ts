import type { UserRecord } from "../../model/user.js";
import type { PendingClaim, TokenPurpose, TokenRecord } from "../../ports/user-store.js";
import type { Row } from "./driver.js";

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

/** bigint arrives as a string from pg and mysql2's big numbers, and as a number elsewhere. */
const ms = (value: unknown): number => Number(value);

/** A boolean column: `true` on PostgreSQL, `1` on SQLite and MySQL. */
const flag = (value: unknown): boolean => value === true || value === 1 || value === 1n;

/** A JSON column selected as text; a driver that parses JSON columns itself hands over the value. */
const json = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

/** A boolean as the dialect binds it. */
export type BindBool = (value: boolean) => unknown;

/** The parameters of the `insertUser` statement, in column order. */
export function userValues(user: UserRecord, bool: BindBool): unknown[] {
  return [
    user.id,
    user.tenant,
    user.email ?? null,
    user.emailKey ?? null,
    user.username ?? null,
    user.usernameKey ?? null,
    bool(user.emailVerified),
    user.phoneNumber ?? null,
    user.givenName ?? null,
    user.familyName ?? null,
    user.name ?? null,
    user.nickname ?? null,
    user.picture ?? null,
    JSON.stringify(user.metadata),
    bool(user.clientCertUser),
    bool(user.enabled),
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
    emailVerified: flag(row.email_verified),
    metadata: json(row.metadata) as Record<string, unknown>,
    clientCertUser: flag(row.client_cert_user),
    enabled: flag(row.enabled),
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

/** The parameters of the `insertClaim` statement. */
export function claimValues(claim: PendingClaim): unknown[] {
  return [
    claim.id,
    claim.tenant,
    claim.emailKey ?? null,
    claim.usernameKey ?? null,
    JSON.stringify(claim.user),
    claim.createdAt,
  ];
}

/** A claim's user record as stored (JSON text, or a value where the driver parsed it). */
export function storedUser(value: unknown): UserRecord {
  return json(value) as UserRecord;
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
    user: json(row.user_record) as UserRecord,
    createdAt: ms(row.created_at),
  };
  if (typeof row.email_key === "string") claim.emailKey = row.email_key;
  if (typeof row.username_key === "string") claim.usernameKey = row.username_key;
  return claim;
}
