import { PROFILE_FIELDS } from "../../model/signup-input.js";
import type { UserRecord } from "../../model/user.js";

/**
 * The fields of a record in the order {@link encodeUser} writes them. `satisfies` keeps the list complete: a field
 * added to `UserRecord` and missing here fails to compile.
 */
const FIELDS = [
  "id",
  "tenant",
  "emailVerified",
  "metadata",
  "clientCertUser",
  "enabled",
  "federated",
  "primaryLinkedUserId",
  "createdAt",
  "updatedAt",
  "etag",
  "username",
  "email",
  ...PROFILE_FIELDS,
  "passwordHash",
  "emailKey",
  "usernameKey",
] as const satisfies readonly (keyof UserRecord)[];
type Missing = Exclude<keyof UserRecord, (typeof FIELDS)[number]>;
const complete: Missing extends never ? true : Missing = true;
void complete;

/** The field a key index reads back: its position in {@link FIELDS}. */
export type KeyField = "id" | "emailKey" | "usernameKey";
const KEY_POSITION: Readonly<Record<KeyField, number>> = {
  id: FIELDS.indexOf("id"),
  emailKey: FIELDS.indexOf("emailKey"),
  usernameKey: FIELDS.indexOf("usernameKey"),
};

/**
 * A field whose value is usually the same string as an earlier field's: `updatedAt` as `createdAt` (until the first
 * update), a canonical key as the value it was made from (an address or name already in canonical form). Such a
 * value is written as one SAME character.
 */
const PARTNER: readonly number[] = FIELDS.map((field) =>
  field === "updatedAt"
    ? FIELDS.indexOf("createdAt")
    : field === "emailKey"
      ? FIELDS.indexOf("email")
      : field === "usernameKey"
        ? FIELDS.indexOf("username")
        : -1,
);

// Each value starts with one character. Codes below SHORT: a string of that many characters follows. The codes
// from SHORT up tag everything else; LONG and JSON are followed by a decimal length, ":" and the characters.
const SHORT = 200;
const ABSENT = 200;
const NULL = 201;
const TRUE = 202;
const FALSE = 203;
const JSON_VALUE = 204;
const LONG = 205;
const EMPTY_OBJECT = 206;
const SAME = 207;

/** The one-character prefixes of short strings (V8 keeps single one-byte characters cached: no allocation). */
const PREFIX = Array.from({ length: SHORT }, (_, n) => String.fromCharCode(n));
const tag = (code: number) => String.fromCharCode(code);
const [ABSENT_TAG, NULL_TAG, TRUE_TAG, FALSE_TAG, EMPTY_OBJECT_TAG, SAME_TAG] = [
  ABSENT,
  NULL,
  TRUE,
  FALSE,
  EMPTY_OBJECT,
  SAME,
].map(tag);

function isEmptyPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const _ in value) return false;
  return true;
}

/** One value: a short string costs one prefix character, and nothing is escaped. */
function encodeValue(value: unknown): string {
  if (typeof value === "string") {
    return value.length < SHORT ? PREFIX[value.length] + value : `${tag(LONG)}${value.length}:${value}`;
  }
  if (value === undefined) return ABSENT_TAG as string;
  if (value === null) return NULL_TAG as string;
  if (value === true) return TRUE_TAG as string;
  if (value === false) return FALSE_TAG as string;
  if (typeof value === "object" && isEmptyPlainObject(value)) return EMPTY_OBJECT_TAG as string;
  const json = JSON.stringify(value);
  return `${tag(JSON_VALUE)}${json.length}:${json}`;
}

/** `value`, or SAME when it is the same string as its partner field's `partner`. */
function encodeOrSame(value: string | undefined, partner: string | undefined): string {
  return value !== undefined && value === partner ? (SAME_TAG as string) : encodeValue(value);
}

/**
 * A record as one string: its values in {@link FIELDS} order, each behind a length or a one-character tag, with no
 * field names and no escaping (about twice as fast to write as JSON, and every string, lone surrogates included,
 * comes back exactly); a value equal to its {@link PARTNER} field's is one character.
 */
export function encodeUser(r: UserRecord): string {
  // Written out (not a loop over FIELDS): a loop reads each field through a dynamic key, at twice the cost. The
  // order is FIELDS' (PROFILE_FIELDS from phoneNumber to picture); test/store/user-codec.test.ts round-trips it.
  const text =
    encodeValue(r.id) +
    encodeValue(r.tenant) +
    encodeValue(r.emailVerified) +
    encodeValue(r.metadata) +
    encodeValue(r.clientCertUser) +
    encodeValue(r.enabled) +
    encodeValue(r.federated) +
    encodeValue(r.primaryLinkedUserId) +
    encodeValue(r.createdAt) +
    encodeOrSame(r.updatedAt, r.createdAt) +
    encodeValue(r.etag) +
    encodeValue(r.username) +
    encodeValue(r.email) +
    encodeValue(r.phoneNumber) +
    encodeValue(r.givenName) +
    encodeValue(r.familyName) +
    encodeValue(r.name) +
    encodeValue(r.nickname) +
    encodeValue(r.picture) +
    encodeValue(r.passwordHash) +
    encodeOrSame(r.emailKey, r.email) +
    encodeOrSame(r.usernameKey, r.username);
  // Flatten now: the pieces die young instead of waiting, as a tree of string parts, for the chunk they join.
  text.charCodeAt(0);
  return text;
}

/** Reads values of an {@link encodeUser} text; `at` is where the next one starts. */
class Cursor {
  at = 0;
  constructor(readonly text: string) {}

  /** The `[start, end)` of a LONG or JSON body: after the decimal length and the ":". */
  #body(): [number, number] {
    const colon = this.text.indexOf(":", this.at);
    const length = Number(this.text.slice(this.at, colon));
    this.at = colon + 1 + length;
    return [colon + 1, this.at];
  }

  /** The next value; `partner` is what SAME stands for at this field (the partner field's value). */
  next(partner?: unknown): unknown {
    const { text } = this;
    const code = text.charCodeAt(this.at++);
    if (code < SHORT) {
      this.at += code;
      return text.slice(this.at - code, this.at);
    }
    switch (code) {
      case ABSENT:
        return undefined;
      case NULL:
        return null;
      case TRUE:
        return true;
      case FALSE:
        return false;
      case EMPTY_OBJECT:
        return {};
      case SAME:
        return partner;
      case LONG:
        return text.slice(...this.#body());
      case JSON_VALUE:
        return JSON.parse(text.slice(...this.#body())) as unknown;
      default:
        throw new TypeError(`not a user record (code ${code} at ${this.at - 1})`);
    }
  }

  skip(): void {
    const code = this.text.charCodeAt(this.at++);
    if (code < SHORT) this.at += code;
    else if (code === LONG || code === JSON_VALUE) this.#body();
  }
}

/** A fresh record from {@link encodeUser}'s text; absent optional fields stay absent. */
export function decodeUser(text: string): UserRecord {
  const cursor = new Cursor(text);
  const user: Record<string, unknown> = {};
  for (let i = 0; i < FIELDS.length; i++) {
    const field = FIELDS[i] as string;
    const partner = PARTNER[i] as number;
    const value = cursor.next(partner < 0 ? undefined : user[FIELDS[partner] as string]);
    if (value !== undefined) user[field] = value;
  }
  return user as unknown as UserRecord;
}

/** One key field of an {@link encodeUser} text, decoding nothing else but the field it may be the same as. */
export function keyOf(text: string, field: KeyField): string | undefined {
  const cursor = new Cursor(text);
  const position = KEY_POSITION[field];
  const partner = PARTNER[position] as number;
  let partnerValue: unknown;
  for (let i = 0; i < position; i++) {
    if (i === partner) partnerValue = cursor.next();
    else cursor.skip();
  }
  return cursor.next(partnerValue) as string | undefined;
}
