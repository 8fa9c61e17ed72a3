import type { StringCheck, StringSchema } from "./string-field.js";
import { rule, stringField } from "./string-field.js";

/** NEC: the shortest and longest password by default (printable ASCII). */
export const BAAS_PASSWORD_MIN_LENGTH = 8;
/** NEC: the longest password, and the ceiling of a tenant's `maxLength`. */
export const BAAS_PASSWORD_MAX_LENGTH = 100;
/** NEC: the longest username, email and `_id`. */
export const BAAS_FIELD_MAX_LENGTH = 100;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/**
 * NEC's email pattern (`[\w.-]+@(?:[\w-]+\.)+[\w-]+`, anchored; without the `u` flag `\w` is ASCII
 * `[A-Za-z0-9_]`), narrowed to an RFC 5321 Mailbox: the local part is a dot-atom (no leading, trailing or doubled
 * dot), so no stored address is read as anything but itself by a mail library.
 */
const BAAS_EMAIL = /^[\w-]+(?:\.[\w-]+)*@(?:[\w-]+\.)+[\w-]+$/;

function printable(field: string): StringCheck {
  return rule(
    "invalid_characters",
    (text) => PRINTABLE_ASCII.test(text),
    `${field} may contain printable ASCII characters only (0x20-0x7e).`,
  );
}

/** The tenant-tightened password rules of {@link baasFieldSchemas}. */
export interface BaasPasswordRules {
  minLength: number;
  maxLength: number;
  minUpperCaseLength: number;
  minLowerCaseLength: number;
  minNumeralLength: number;
  minSymbolLength: number;
}

function countOf(text: string, test: (code: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (test(text.charCodeAt(i))) count++;
  return count;
}

const isUpper = (code: number) => code >= 0x41 && code <= 0x5a;
const isLower = (code: number) => code >= 0x61 && code <= 0x7a;
const isNumeral = (code: number) => code >= 0x30 && code <= 0x39;
/** A symbol is printable ASCII other than a letter, a digit or the space. */
const isSymbol = (code: number) =>
  code > 0x20 && code <= 0x7e && !isUpper(code) && !isLower(code) && !isNumeral(code);

function minimum(count: number, test: (code: number) => boolean, one: string, many: string): StringCheck[] {
  if (count <= 0) return [];
  const noun = count === 1 ? one : many;
  return [
    rule(
      "password_too_weak",
      (text) => countOf(text, test) >= count,
      `password must contain at least ${count} ${noun}.`,
    ),
  ];
}

/** The valibot schema of each NEC string field, built once per policy. */
export interface BaasFieldSchemas {
  id: StringSchema;
  username: StringSchema;
  email: StringSchema;
  password: StringSchema;
}

/** Builds NEC BaaS's field schemas: lengths first, then characters and format. */
export function baasFieldSchemas(password: BaasPasswordRules): BaasFieldSchemas {
  return {
    id: stringField("id", { min: 1, max: BAAS_FIELD_MAX_LENGTH, checks: [printable("id")] }),
    username: stringField("username", {
      min: 1,
      max: BAAS_FIELD_MAX_LENGTH,
      checks: [
        printable("username"),
        rule("invalid_characters", (text) => !text.includes(":"), "username must not contain ':'."),
        // Spaces at either end do not count for uniqueness (`taro ` is `taro`): a spaces-only name would have an
        // empty key, shared by every other spaces-only name.
        rule(
          "required",
          (text) => text.trim() !== "",
          "username must contain a character other than spaces.",
        ),
      ],
    }),
    email: stringField("email", {
      min: 1,
      max: BAAS_FIELD_MAX_LENGTH,
      checks: [
        rule("invalid_format", (text) => BAAS_EMAIL.test(text), "email must be a valid email address."),
      ],
    }),
    password: stringField("password", {
      min: password.minLength,
      max: password.maxLength,
      checks: [
        printable("password"),
        ...minimum(
          password.minUpperCaseLength,
          isUpper,
          "upper-case letter (A-Z)",
          "upper-case letters (A-Z)",
        ),
        ...minimum(
          password.minLowerCaseLength,
          isLower,
          "lower-case letter (a-z)",
          "lower-case letters (a-z)",
        ),
        ...minimum(password.minNumeralLength, isNumeral, "numeral (0-9)", "numerals (0-9)"),
        ...minimum(password.minSymbolLength, isSymbol, "symbol", "symbols"),
      ],
    }),
  };
}
