import type { Issue, IssueCode, PasswordStrengthReport } from "../errors/issue.js";
import { replaceUncleanText } from "./clean-text.js";

/**
 * Most issues one parse reports. A legitimate input cannot come near it; a hostile one (thousands of unknown keys,
 * a metadata tree full of bad values) is cut here so the error response stays small.
 */
export const MAX_ISSUES = 32;

/** Longest field name an issue echoes; a longer (hostile) property name is cut and marked with "…". */
export const MAX_FIELD_NAME_LENGTH = 100;

/** Adds one issue unless {@link MAX_ISSUES} are already collected. */
export function report(
  issues: Issue[],
  field: string,
  code: IssueCode,
  message: string,
  strength?: PasswordStrengthReport,
): void {
  if (issues.length >= MAX_ISSUES) return;
  issues.push(strength === undefined ? { field, code, message } : { field, code, message, strength });
}

/**
 * The name of an input property as an issue shows it: cut to {@link MAX_FIELD_NAME_LENGTH} UTF-16 code units
 * (never inside a surrogate pair), with every NUL and lone surrogate shown as U+FFFD, so a hostile name cannot
 * make the error response itself unstorable.
 */
export function fieldName(key: string): string {
  if (key.length <= MAX_FIELD_NAME_LENGTH) return replaceUncleanText(key);
  let end = MAX_FIELD_NAME_LENGTH;
  const last = key.charCodeAt(end - 1);
  const next = key.charCodeAt(end);
  if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) end--;
  return `${replaceUncleanText(key.slice(0, end))}…`;
}

/** Whether `value` is a plain object: `{}`-made or null-prototype, never an array, a class instance or a Date. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Property names a client can never set: the server assigns them (timestamps, flags, ids, hashes, canonical keys),
 * in camelCase and in the wire spellings of both APIs.
 */
export const SERVER_OWNED_KEYS: ReadonlySet<string> = new Set([
  "id",
  "_id",
  "userId",
  "user_id",
  "tenant",
  "emailVerified",
  "email_verified",
  "phoneVerified",
  "phone_verified",
  "enabled",
  "blocked",
  "federated",
  "primaryLinkedUserId",
  "createdAt",
  "created_at",
  "updatedAt",
  "updated_at",
  "etag",
  "passwordHash",
  "password_hash",
  "emailKey",
  "usernameKey",
  "appMetadata",
  "app_metadata",
  "identities",
  "lastLogin",
  "last_login",
  "loginsCount",
  "logins_count",
]);

/**
 * Reports every own key of `input` that the policy does not accept: `server_owned` or `unknown_field`. A property
 * whose value is `undefined` counts as absent, as it does for accepted fields (JSON never carries one).
 */
export function reportForeignKeys(
  input: Record<string, unknown>,
  accepted: ReadonlySet<string>,
  issues: Issue[],
): void {
  for (const key of Object.keys(input)) {
    if (accepted.has(key) || input[key] === undefined) continue;
    if (issues.length >= MAX_ISSUES) return;
    if (SERVER_OWNED_KEYS.has(key)) {
      report(issues, key, "server_owned", `${key} is set by the server and cannot be given.`);
    } else {
      report(issues, fieldName(key), "unknown_field", "This property is not accepted.");
    }
  }
}

/** Reads an own property, `undefined` when absent (an inherited or polluted prototype property is never read). */
export function ownValue(input: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(input, key) ? input[key] : undefined;
}

/** The first issue of a non-object input. */
export function notAnObject(): Issue {
  return { field: "", code: "invalid_type", message: "The signup input must be a JSON object." };
}
