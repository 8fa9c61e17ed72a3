import type { UserRecord } from "../../model/user.js";
import type { InsertUserResult } from "../../ports/user-store.js";
import { KeyedIndex } from "./keyed-index.js";
import { RecordLog } from "./record-log.js";
import { decodeUser, encodeUser, type KeyField, keyOf } from "./user-codec.js";

/** The result of every successful insert: one frozen object instead of one per call. */
const INSERTED: InsertUserResult = Object.freeze({ ok: true });

/**
 * The memory store's users. Each is kept as one string ({@link encodeUser}) in a {@link RecordLog}, a thousand
 * records to a heap object, and found through {@link KeyedIndex}es by id and, per tenant, by email and username
 * key. Every read decodes a fresh copy, so no caller ever shares an object with the store, as with a database; and
 * a million stored users are a few thousand objects for the garbage collector (`npm run bench -- --only=scale`).
 */
export class UserTable {
  readonly #log = new RecordLog();
  readonly #byId = this.#index("id");
  readonly #byEmail = new Map<string, KeyedIndex>();
  readonly #byUsername = new Map<string, KeyedIndex>();

  /** Users held. */
  get size(): number {
    return this.#log.size;
  }

  /** Stores a copy of `user` unless its id, or its email or username key within its tenant, is taken. */
  insert(user: UserRecord): InsertUserResult {
    if (this.#byId.has(user.id)) return { ok: false, conflict: "id" };
    const { emailKey, usernameKey } = user;
    const emails = emailKey === undefined ? undefined : this.#scope(this.#byEmail, user.tenant, "emailKey");
    const usernames =
      usernameKey === undefined ? undefined : this.#scope(this.#byUsername, user.tenant, "usernameKey");
    if (emails?.has(emailKey as string)) return { ok: false, conflict: "email" };
    if (usernames?.has(usernameKey as string)) return { ok: false, conflict: "username" };
    const n = this.#log.append(encodeUser(user));
    this.#byId.set(user.id, n);
    emails?.set(emailKey as string, n);
    usernames?.set(usernameKey as string, n);
    return INSERTED;
  }

  /** A copy of the user with this id. */
  byId(id: string): UserRecord | undefined {
    return this.#found(this.#byId.get(id));
  }

  /** A copy of the user with this email key in `tenant`. */
  byEmail(tenant: string, emailKey: string): UserRecord | undefined {
    return this.#found(this.#byEmail.get(tenant)?.get(emailKey) ?? -1);
  }

  /** A copy of the user with this username key in `tenant`. */
  byUsername(tenant: string, usernameKey: string): UserRecord | undefined {
    return this.#found(this.#byUsername.get(tenant)?.get(usernameKey) ?? -1);
  }

  /** Changes the stored user `id` (never its id or keys) through `change`; returns a copy of the result. */
  update(id: string, change: (user: UserRecord) => void): UserRecord | undefined {
    const n = this.#byId.get(id);
    if (n === -1) return undefined;
    const user = this.#at(n);
    change(user);
    this.#log.replace(n, encodeUser(user));
    return this.#at(n);
  }

  #found(n: number): UserRecord | undefined {
    return n === -1 ? undefined : this.#at(n);
  }

  #at(n: number): UserRecord {
    return decodeUser(this.#log.read(n));
  }

  /** An index whose keys are read back from the records: `field` alone, the rest of the record left undecoded. */
  #index(field: KeyField): KeyedIndex {
    return new KeyedIndex((n) => keyOf(this.#log.read(n), field) as string);
  }

  #scope(indexes: Map<string, KeyedIndex>, tenant: string, field: "emailKey" | "usernameKey"): KeyedIndex {
    let index = indexes.get(tenant);
    if (index === undefined) {
      index = this.#index(field);
      indexes.set(tenant, index);
    }
    return index;
  }
}
