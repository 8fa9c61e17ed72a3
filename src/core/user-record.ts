import { PROFILE_FIELDS, type ValidSignup } from "../model/signup-input.js";
import type { User, UserRecord } from "../model/user.js";

/** Builds the record a store keeps from validated input; `createdAt`, `updatedAt` and `etag` come from `stamp`. */
export function buildUserRecord(
  id: string,
  tenant: string,
  valid: ValidSignup,
  username: string | undefined,
  passwordHash: string | undefined,
  keys: { emailKey: string | undefined; usernameKey: string | undefined },
  stamp: { at: string; etag: string },
): UserRecord {
  const record: UserRecord = {
    id,
    tenant,
    emailVerified: false,
    metadata: valid.metadata ?? {},
    clientCertUser: valid.clientCertUser,
    enabled: true,
    federated: false,
    primaryLinkedUserId: null,
    createdAt: stamp.at,
    updatedAt: stamp.at,
    etag: stamp.etag,
  };
  if (username !== undefined) record.username = username;
  if (valid.email !== undefined) record.email = valid.email;
  for (const field of PROFILE_FIELDS) {
    const value = valid[field];
    if (value !== undefined) record[field] = value;
  }
  if (passwordHash !== undefined) record.passwordHash = passwordHash;
  if (keys.emailKey !== undefined) record.emailKey = keys.emailKey;
  if (keys.usernameKey !== undefined) record.usernameKey = keys.usernameKey;
  return record;
}

/** The public view of a record: drops the password hash and the canonical keys. */
export function toUser(record: UserRecord): User {
  const { passwordHash: _hash, emailKey: _emailKey, usernameKey: _usernameKey, ...user } = record;
  return user;
}

/** A fresh etag: a random UUID, unique per create and update. */
export function newEtag(): string {
  return crypto.randomUUID();
}
