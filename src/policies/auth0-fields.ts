import { hasMixedScriptLabel } from "./mixed-script.js";
import { rule, type StringSchema, stringField } from "./string-field.js";

/** Auth0: the longest email, checked before any pattern runs (RFC 5321 path limit). */
export const AUTH0_EMAIL_MAX_LENGTH = 254;
/**
 * Auth0: the longest password in characters. Auth0 hashes with bcrypt, which reads 72 bytes; longer passwords are
 * allowed up to this bound so a hostile size is refused before any rule looks at it.
 */
export const AUTH0_PASSWORD_MAX_LENGTH = 128;
/** Auth0: the ceiling of a connection's username maximum length. */
export const AUTH0_USERNAME_MAX_LENGTH = 128;
/** Auth0: the longest `picture` URL. */
export const AUTH0_PICTURE_MAX_LENGTH = 2048;
/** Auth0: `name` and `nickname` length (Management API). */
export const AUTH0_NAME_MAX_LENGTH = 300;
/** Auth0: `given_name` and `family_name` length (Management API). */
export const AUTH0_GIVEN_NAME_MAX_LENGTH = 150;

/**
 * An RFC 5321 Mailbox with RFC 6531's UTF-8 extension: a dot-atom local part (letters, digits and
 * ``! # $ % & ' * + - / = ? ^ _ ` { | } ~``, or any non-ASCII character but a space, control or format one), then
 * a domain of at least two dot-separated labels of letters, digits and hyphens (or non-ASCII letters), no label
 * starting or ending with a hyphen. Quotes, comments, angle or square brackets, commas, semicolons, colons and
 * spaces are refused: a mail library reads them as display names, comments or address lists, so a stored address
 * could otherwise deliver to another mailbox. Linear time: no class holds the `.` or `@` that ends it.
 */
const LOCAL_CHAR = "(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\\x00-\\x7f\\s\\p{C}\\p{Z}])";
const LABEL_CHAR = String.raw`(?:[A-Za-z0-9]|[^\x00-\x7f\s\p{C}\p{Z}\p{P}\p{S}])`;
const LABEL = `${LABEL_CHAR}(?:-|${LABEL_CHAR})*(?<!-)`;
const AUTH0_EMAIL = new RegExp(
  String.raw`^${LOCAL_CHAR}+(?:\.${LOCAL_CHAR}+)*@${LABEL}(?:\.${LABEL})+$`,
  "u",
);
/** Letters and digits plus @ ^ $ . ! ` - # + ' ~ _ (Auth0's username characters). */
const AUTH0_USERNAME = /^[A-Za-z0-9@^$.!`\-#+'~_]+$/;
const E164 = /^\+[0-9]{1,15}$/;

/** Whether `text` is an absolute http(s) URL; `new URL` throws only on the failure path. */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Username length bounds of one connection. */
export interface UsernameLength {
  min: number;
  max: number;
}

/** The valibot schema of each Auth0 string field, built once per policy. */
export interface Auth0FieldSchemas {
  email: StringSchema;
  password: StringSchema;
  username: StringSchema;
  phoneNumber: StringSchema;
  givenName: StringSchema;
  familyName: StringSchema;
  name: StringSchema;
  nickname: StringSchema;
  picture: StringSchema;
}

/**
 * Builds Auth0's field schemas. Lengths count Unicode characters (code points). Every field refuses NUL
 * and lone surrogates, and every field but the password also refuses the other C0 control characters (a tab or a
 * newline in a name, or one that `new URL` would silently strip from a picture URL), all as `invalid_characters`.
 * The password schema only bounds the length and the characters: strength, dictionary and personal information
 * are checked by the policy.
 */
export function auth0FieldSchemas(username: UsernameLength): Auth0FieldSchemas {
  const name = (field: string, max: number) => stringField(field, { min: 1, max, unit: "codePoints" });
  return {
    email: stringField("email", {
      min: 1,
      max: AUTH0_EMAIL_MAX_LENGTH,
      checks: [
        rule("invalid_format", (text) => AUTH0_EMAIL.test(text), "email must be a valid email address."),
        rule(
          "mixed_script",
          (text) => !hasMixedScriptLabel(text),
          "email must not mix scripts within a label (such as Cyrillic and Latin letters in one word).",
        ),
      ],
    }),
    // Auth0 takes any character in a password: only NUL and lone surrogates (which UTF-8 cannot carry, so two
    // different passwords would hash alike) are refused.
    password: stringField("password", {
      min: 0,
      max: AUTH0_PASSWORD_MAX_LENGTH,
      unit: "codePoints",
      characters: "storable",
    }),
    username: stringField("username", {
      min: username.min,
      max: username.max,
      unit: "codePoints",
      checks: [
        rule(
          "invalid_characters",
          (text) => AUTH0_USERNAME.test(text),
          "username may contain letters, digits and @ ^ $ . ! ` - # + ' ~ _ only.",
        ),
        rule(
          "username_is_email",
          (text) => !AUTH0_EMAIL.test(text),
          "username must not be an email address.",
        ),
      ],
    }),
    phoneNumber: stringField("phoneNumber", {
      min: 1,
      max: 16,
      checks: [
        rule(
          "invalid_format",
          (text) => E164.test(text),
          "phoneNumber must be in E.164 format (+ and 1-15 digits).",
        ),
      ],
    }),
    givenName: name("givenName", AUTH0_GIVEN_NAME_MAX_LENGTH),
    familyName: name("familyName", AUTH0_GIVEN_NAME_MAX_LENGTH),
    name: name("name", AUTH0_NAME_MAX_LENGTH),
    nickname: name("nickname", AUTH0_NAME_MAX_LENGTH),
    picture: stringField("picture", {
      min: 1,
      max: AUTH0_PICTURE_MAX_LENGTH,
      checks: [rule("invalid_format", isHttpUrl, "picture must be an http or https URL.")],
    }),
  };
}
