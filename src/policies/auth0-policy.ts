import type { Issue } from "../errors/issue.js";
import { PROFILE_FIELDS, type ProfileField, type ValidSignup } from "../model/signup-input.js";
import { auth0FieldSchemas } from "./auth0-fields.js";
import { type Auth0PolicyOptions, resolveAuth0Options } from "./auth0-options.js";
import { auth0InputSchema } from "./auth0-schema.js";
import { SAME_NAME } from "./input-schema.js";
import { isPlainObject, notAnObject, ownValue, report, reportForeignKeys } from "./issues.js";
import { copyUserMetadata } from "./metadata-rules.js";
import { createDictionaryCheck, loadCommonPasswords } from "./password-dictionary.js";
import { createStrengthCheck } from "./password-strength.js";
import { containsPersonalInfo } from "./personal-info.js";
import type { PolicyResult, SignupPolicy } from "./policy.js";
import { runField, type StringSchema } from "./string-field.js";

export type { Auth0PolicyOptions } from "./auth0-options.js";
export type { PasswordDictionaryOption } from "./password-dictionary.js";
export type { PasswordStrength } from "./password-strength.js";

const ACCEPTED: ReadonlySet<string> = new Set([
  "email",
  "password",
  "username",
  ...PROFILE_FIELDS,
  "metadata",
]);

/**
 * Auth0 database-connection signup rules (`POST /dbconnections/signup`):
 * - `email` (required): at most 254 characters, an RFC 5321 Mailbox (UTF-8 allowed; no quotes, comments, brackets,
 *   separators, spaces or format characters), no label mixing scripts (`mixed_script`); stored lower-cased;
 * - `password` (required): at most `AUTH0_PASSWORD_MAX_LENGTH` characters, then the strength level (one
 *   `password_too_weak` issue with Auth0's rule report), the dictionary (`password_too_common`) and, by default,
 *   no personal information (`password_contains_user_info`);
 * - `username`: only when the connection requires it; letters, digits and @ ^ $ . ! ` - # + ' ~ _, never an email
 *   address; stored lower-cased;
 * - `phoneNumber` E.164; `name`/`nickname` 1..300 and `givenName`/`familyName` 1..150 characters; `picture` an
 *   http(s) URL of at most 2048 characters; `metadata` (`user_metadata`) at most 10 string properties.
 *
 * Text must be storable as given (`invalid_characters` otherwise): no field, metadata property name or value
 * may hold NUL (U+0000) or a lone UTF-16 surrogate, and no field but the password a C0 control character.
 *
 * Throws `SignupError("invalid_config")` for bad options.
 *
 * The 10,000-word password dictionary is not loaded at import: the signup service loads it before its first parse.
 * Calling `parse` yourself, `await policy.load()` first.
 *
 * @example
 * const policy = auth0Policy({ requireUsername: true, passwordStrength: "excellent" });
 * await policy.load?.();
 * const result = policy.parse({ email: "Ann@Example.com", username: "ann", password: "correct-Horse-9" });
 */
export function auth0Policy(options?: Auth0PolicyOptions): SignupPolicy {
  const settings = resolveAuth0Options(options);
  const schemas = auth0FieldSchemas(settings.username);
  const profile: readonly (readonly [ProfileField, StringSchema])[] = PROFILE_FIELDS.map((key) => [
    key,
    schemas[key],
  ]);
  const strength = createStrengthCheck(settings.passwordStrength, settings.passwordMinLength);
  const dictionary = createDictionaryCheck(settings.passwordDictionary);
  const noPersonalInfo = settings.passwordNoPersonalInfo;

  function checkPassword(password: string, value: ValidSignup, issues: Issue[]): void {
    const weak = strength(password);
    if (weak !== undefined) report(issues, "password", "password_too_weak", "Password is too weak.", weak);
    if (dictionary?.(password)) report(issues, "password", "password_too_common", "Password is too common.");
    if (noPersonalInfo && containsPersonalInfo(password, value)) {
      const message = "Password must not contain the user's name, username, nickname or email address.";
      report(issues, "password", "password_contains_user_info", message);
    }
  }

  function parse(input: unknown): PolicyResult {
    if (!isPlainObject(input)) return { ok: false, issues: [notAnObject()] };
    const issues: Issue[] = [];
    reportForeignKeys(input, ACCEPTED, issues);
    const value: ValidSignup = { clientCertUser: false };

    const email = ownValue(input, "email");
    if (email === undefined) report(issues, "email", "required", "email is required.");
    else {
      // Checked as stored: lower-casing can lengthen an address (U+0130 İ becomes i + U+0307).
      const stored = typeof email === "string" ? email.toLowerCase() : email;
      if (runField(schemas.email, stored, "email", issues)) value.email = stored as string;
    }
    const password = ownValue(input, "password");
    if (password === undefined) report(issues, "password", "required", "password is required.");
    else if (runField(schemas.password, password, "password", issues)) value.password = password as string;
    const username = ownValue(input, "username");
    if (username === undefined) {
      if (settings.requireUsername) report(issues, "username", "required", "username is required.");
    } else if (!settings.requireUsername) {
      report(issues, "username", "not_allowed", "This connection does not use usernames.");
    } else if (runField(schemas.username, username, "username", issues)) {
      value.username = (username as string).toLowerCase();
    }
    for (const [key, schema] of profile) {
      const raw = ownValue(input, key);
      if (raw !== undefined && runField(schema, raw, key, issues)) value[key] = raw as string;
    }
    const metadata = ownValue(input, "metadata");
    if (metadata !== undefined) {
      const copy = copyUserMetadata(metadata, issues);
      if (copy !== undefined) value.metadata = copy;
    }
    // The password rules read the other fields as validated (and lower-cased), never an unchecked value.
    if (value.password !== undefined) checkPassword(value.password, value, issues);
    return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
  }

  return {
    name: "auth0",
    generatesUsername: false,
    parse,
    load: dictionary === undefined ? () => undefined : loadCommonPasswords,
    describe: (name = SAME_NAME) => auth0InputSchema(settings, name),
  };
}
