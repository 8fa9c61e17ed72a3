import {
  ERROR_STATUS,
  type IssueCode,
  isSignupError,
  type SignupErrorCode,
  type SignupPolicy,
  type User,
} from "../../src/index.js";
import type { Op } from "./signup-ops.js";

/** The checks behind the signup property (signup-properties.ts). They throw, never import vitest. */

/** Every documented issue code (src/errors/issue.ts). */
const ISSUE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  "required",
  "unknown_field",
  "server_owned",
  "not_allowed",
  "invalid_type",
  "too_short",
  "too_long",
  "invalid_characters",
  "invalid_format",
  "username_is_email",
  "too_many_properties",
  "key_too_long",
  "value_too_long",
  "invalid_value_type",
  "too_deep",
  "too_large",
  "password_too_weak",
  "password_too_common",
  "password_contains_user_info",
  "password_breached",
]);
/** Error codes each operation may end in when no port fails. */
const ALLOWED: Record<Op["kind"], ReadonlySet<SignupErrorCode>> = {
  signup: new Set([
    "invalid_input",
    "forbidden",
    "unknown_tenant",
    "email_exists",
    "username_exists",
    "id_exists",
  ]),
  confirm: new Set([
    "invalid_token",
    "token_expired",
    "unknown_tenant",
    "email_exists",
    "username_exists",
    "id_exists",
  ]),
  verify: new Set(["invalid_token", "token_expired", "unknown_tenant"]),
  resend: new Set(["invalid_input", "forbidden", "too_many_requests", "unknown_tenant"]),
};

/** A broken property: what went wrong, with the operation. */
export class PropertyViolation extends Error {
  override readonly name = "PropertyViolation";
}

/** Throws a {@link PropertyViolation} unless `condition` holds. */
export function check(condition: unknown, message: string, detail?: unknown): asserts condition {
  if (!condition) {
    const shown = detail === undefined ? "" : `\n${inspect(detail)}`;
    throw new PropertyViolation(`${message}${shown}`);
  }
}

function inspect(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) =>
      typeof v === "string" && v.length > 120 ? `${v.slice(0, 120)}…` : v,
    );
  } catch {
    return String(value);
  }
}

const BAAS_FIELDS = ["id", "username", "email", "metadata", "clientCertUser"] as const;
const AUTH0_FIELDS = [
  "email",
  "username",
  "phoneNumber",
  "givenName",
  "familyName",
  "name",
  "nickname",
  "picture",
  "metadata",
] as const;

/** The input a stored user would be signed up with again: its stored fields plus its original password. */
export function inputFromStored(
  policy: SignupPolicy,
  stored: User,
  password: unknown,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const fields = policy.name === "baas" ? BAAS_FIELDS : AUTH0_FIELDS;
  for (const field of fields) {
    const value = (stored as unknown as Record<string, unknown>)[field];
    if (value !== undefined) input[field] = value;
  }
  if (typeof password === "string") input.password = password;
  return input;
}

/** The `password` property of an arbitrary input, if it has one. */
export function passwordOf(input: unknown): unknown {
  return typeof input === "object" && input !== null && Object.hasOwn(input, "password")
    ? (input as Record<string, unknown>).password
    : undefined;
}

/** A failed call: a `SignupError` with a documented code and status for the operation, and well-formed issues. */
export function checkError(op: Op, error: unknown): SignupErrorCode {
  check(isSignupError(error), `${op.kind} threw something other than a SignupError`, String(error));
  check(ALLOWED[op.kind].has(error.code), `${op.kind} failed with an undocumented code ${error.code}`, op);
  check(error.status === ERROR_STATUS[error.code], "status does not match the code", error.code);
  check(error.code !== "invalid_input" || error.issues.length > 0, "invalid_input without issues");
  check(error.issues.length <= 32, "too many issues");
  for (const issue of error.issues) {
    const shaped = typeof issue.field === "string" && typeof issue.message === "string";
    check(ISSUE_CODES.has(issue.code) && shaped, "bad issue", issue);
  }
  JSON.stringify(error);
  return error.code;
}
