import type { Issue } from "../errors/issue.js";
import { cleanTextRule, isCleanText } from "./clean-text.js";
import { fieldName, isPlainObject, report } from "./issues.js";
import { withinMax } from "./string-field.js";

/**
 * Metadata property names both policies refuse (`not_allowed`), at any depth: they are harmless in the fresh copy
 * the policy returns, but code downstream that merges or assigns them naively (`target[key] = ...`) would reach
 * `Object.prototype`. Refusing them is simpler than proving every consumer safe.
 */
export const FORBIDDEN_METADATA_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** Auth0 `user_metadata`: at most this many properties. */
export const AUTH0_METADATA_MAX_PROPERTIES = 10;
/** Auth0 `user_metadata`: property names of at most this many characters. */
export const AUTH0_METADATA_MAX_KEY_LENGTH = 100;
/** Auth0 `user_metadata`: values are strings of at most this many characters (code points). */
export const AUTH0_METADATA_MAX_VALUE_LENGTH = 500;

/** Reports a forbidden metadata property name; true when `key` is one. */
export function reportForbiddenKey(key: string, field: string, issues: Issue[]): boolean {
  if (!FORBIDDEN_METADATA_KEYS.has(key)) return false;
  report(issues, field, "not_allowed", `The metadata property name "${key}" is not allowed.`);
  return true;
}

/**
 * Reports a metadata property name holding NUL or a lone surrogate (`invalid_characters`); true when `key` does.
 * Callers bound the name's length first.
 */
export function reportUncleanKey(key: string, field: string, issues: Issue[]): boolean {
  if (isCleanText(key, "storable")) return false;
  report(issues, field, "invalid_characters", `metadata property names ${cleanTextRule("storable")}.`);
  return true;
}

function countOwnKeysUpTo(value: Record<string, unknown>, limit: number): number {
  let count = 0;
  for (const key in value) {
    if (Object.hasOwn(value, key) && ++count > limit) break;
  }
  return count;
}

/**
 * Checks Auth0 `user_metadata` and returns a fresh copy, or `undefined` after reporting its issues.
 * More than {@link AUTH0_METADATA_MAX_PROPERTIES} properties is reported alone (field `metadata`), without looking
 * at the properties, so a huge object costs no more than counting to eleven. Otherwise every property is checked:
 * name length (`key_too_long`), forbidden name (`not_allowed`), string value (`invalid_value_type`), value
 * length (`value_too_long`) and, in name and value, no NUL or lone surrogate (`invalid_characters`), each at
 * field `metadata.<key>`. Other control characters (a newline in a note) are kept.
 */
export function copyUserMetadata(value: unknown, issues: Issue[]): Record<string, string> | undefined {
  if (!isPlainObject(value)) {
    report(issues, "metadata", "invalid_type", "metadata must be an object.");
    return undefined;
  }
  const max = AUTH0_METADATA_MAX_PROPERTIES;
  if (countOwnKeysUpTo(value, max) > max) {
    report(issues, "metadata", "too_many_properties", `metadata must have at most ${max} properties.`);
    return undefined;
  }
  let ok = true;
  const copy: Record<string, string> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const field = `metadata.${fieldName(key)}`;
    if (key.length > AUTH0_METADATA_MAX_KEY_LENGTH) {
      const limit = AUTH0_METADATA_MAX_KEY_LENGTH;
      report(issues, field, "key_too_long", `metadata property names must be at most ${limit} characters.`);
      ok = false;
      continue;
    }
    if (reportForbiddenKey(key, field, issues) || reportUncleanKey(key, field, issues)) {
      ok = false;
      continue;
    }
    const item = value[key];
    if (typeof item !== "string") {
      report(issues, field, "invalid_value_type", `${field} must be a string.`);
      ok = false;
    } else if (!withinMax(item, AUTH0_METADATA_MAX_VALUE_LENGTH, "codePoints")) {
      const limit = AUTH0_METADATA_MAX_VALUE_LENGTH;
      report(issues, field, "value_too_long", `${field} must be at most ${limit} characters.`);
      ok = false;
    } else if (!isCleanText(item, "storable")) {
      report(issues, field, "invalid_characters", `${field} ${cleanTextRule("storable")}.`);
      ok = false;
    } else {
      // `key` is never __proto__ here (refused above), so a plain assignment creates an own data property.
      copy[key] = item;
    }
  }
  return ok ? copy : undefined;
}
