import type { UserRecord } from "../../model/user.js";

/** The metadata of every stored user without any: never handed out (reads copy it), never mutated. */
const NO_METADATA: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * The memory store's own copy of a record; empty metadata shares one frozen object. A class rather than a spread
 * copy because V8 sizes a class's objects to hold every field in the object itself, where a spread copy of a
 * record keeps the optional fields in a second array: two objects per user for the garbage collector to copy and
 * mark instead of one, and ~30 bytes more (`npm run bench -- --only=1` reports the heap each signup keeps).
 */
class StoredUser {
  constructor(user: UserRecord) {
    // Assigned through a typed view: the fields are UserRecord's (declaring them here would repeat its interface).
    const self = this as unknown as UserRecord;
    self.id = user.id;
    self.tenant = user.tenant;
    self.emailVerified = user.emailVerified;
    self.metadata = hasKeys(user.metadata) ? structuredClone(user.metadata) : NO_METADATA;
    self.clientCertUser = user.clientCertUser;
    self.enabled = user.enabled;
    self.federated = user.federated;
    self.primaryLinkedUserId = user.primaryLinkedUserId;
    self.createdAt = user.createdAt;
    self.updatedAt = user.updatedAt;
    self.etag = user.etag;
    // Absent optional fields stay absent (no `key: undefined`), as in the record given.
    if (user.username !== undefined) self.username = user.username;
    if (user.email !== undefined) self.email = user.email;
    if (user.phoneNumber !== undefined) self.phoneNumber = user.phoneNumber;
    if (user.givenName !== undefined) self.givenName = user.givenName;
    if (user.familyName !== undefined) self.familyName = user.familyName;
    if (user.name !== undefined) self.name = user.name;
    if (user.nickname !== undefined) self.nickname = user.nickname;
    if (user.picture !== undefined) self.picture = user.picture;
    if (user.passwordHash !== undefined) self.passwordHash = user.passwordHash;
    if (user.emailKey !== undefined) self.emailKey = user.emailKey;
    if (user.usernameKey !== undefined) self.usernameKey = user.usernameKey;
  }
}

/** The memory store's own copy of `user` (a {@link StoredUser}). */
export function storedCopy(user: UserRecord): UserRecord {
  return new StoredUser(user) as unknown as UserRecord;
}

/** Whether `object` has an enumerable property (without allocating a key list). */
export function hasKeys(object: object): boolean {
  for (const _ in object) return true;
  return false;
}
