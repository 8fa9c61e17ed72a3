import { ERROR_STATUS } from "../errors/error-codes.js";
import { type FailedPort, isSignupError } from "../errors/signup-error.js";
import { INPUT_FIELDS } from "../model/signup-input.js";
import type { User } from "../model/user.js";

/** A service call that is logged and traced. */
export type OperationName =
  | "signup"
  | "confirm"
  | "verifyEmail"
  | "resendConfirmation"
  | "resendVerification"
  | "verifyCredentials";

/**
 * How an operation ended:
 * - `created` (signup made a user), `pending` (signup stored a claim and mailed the link), `confirmed` (a claim
 *   became a user), `verified` (an address was verified), `accepted` (a resend was answered: a mail went out, or
 *   there was nothing to resend), `authenticated` (the credential check passed);
 * - `denied`: the credential check failed (`code` is the reason: `invalid_credentials`, `email_unverified`,
 *   `disabled`);
 * - `rejected`: a 4xx other than 409 (`code`, and for `invalid_input` the field names and issue codes);
 * - `conflict`: a 409 (`email_exists`, `username_exists`, `id_exists`);
 * - `overloaded`: the hash queue was full; `unavailable`: a port failed or timed out (`port` names it);
 * - `failed`: anything else thrown (a bug or a hook's own error).
 */
export type Outcome =
  | "created"
  | "pending"
  | "confirmed"
  | "verified"
  | "accepted"
  | "authenticated"
  | "denied"
  | "rejected"
  | "conflict"
  | "overloaded"
  | "unavailable"
  | "failed";

/** One policy violation as logs and traces carry it: the field's name and the issue code, never the value. */
export interface OutcomeIssue {
  /** The input field (`email`, `password`, `metadata`, ...); `other` for a property name the client made up. */
  field: string;
  /** The stable error code of the field. */
  code: string;
}

/** What an operation's outcome reveals to logs and traces: codes and names only. */
export interface OperationOutcome {
  /** How the operation ended. */
  outcome: Outcome;
  /** The stable error code, when it failed. */
  code?: string;
  /** The fields refused, for a validation failure. */
  issues?: OutcomeIssue[];
  /** The port (store, mailer, hasher, breached-password check) that failed or timed out. */
  port?: FailedPort;
  /** The user concerned, when one is known. */
  userId?: string;
  /** The user's address, read only when the host opted in to addresses. */
  email?: string;
}

const SUCCESS: Record<OperationName, Outcome> = {
  signup: "created",
  confirm: "confirmed",
  verifyEmail: "verified",
  resendConfirmation: "accepted",
  resendVerification: "accepted",
  verifyCredentials: "authenticated",
};

const KNOWN_FIELDS: ReadonlySet<string> = new Set(INPUT_FIELDS);

/** A field name safe to log: one the policies know, else `metadata` or `other` (a client's key could be anything). */
function safeField(field: string): string {
  if (KNOWN_FIELDS.has(field)) return field;
  return field === "metadata" || field.startsWith("metadata.") ? "metadata" : "other";
}

/** The outcome of an operation that returned `result`. */
export function outcomeOf(operation: OperationName, result: unknown): OperationOutcome {
  const value = result as { status?: string; user?: User; ok?: boolean; reason?: string } | undefined;
  if (operation === "signup" && value?.status === "pending") return { outcome: "pending" };
  if (operation === "verifyCredentials" && value?.ok === false) {
    return { outcome: "denied", code: value.reason as string };
  }
  const found: OperationOutcome = { outcome: SUCCESS[operation] };
  if (value?.user !== undefined) {
    found.userId = value.user.id;
    if (value.user.email !== undefined) found.email = value.user.email;
  }
  return found;
}

/** The outcome of an operation that threw `error`. */
export function failureOf(error: unknown): OperationOutcome {
  if (!isSignupError(error)) return { outcome: "failed" };
  const { code } = error;
  if (code === "overloaded") return { outcome: "overloaded", code };
  if (code === "unavailable" || code === "mail_unavailable") {
    const found: OperationOutcome = { outcome: "unavailable", code };
    if (error.port !== undefined) found.port = error.port;
    return found;
  }
  if (ERROR_STATUS[code] === 409) return { outcome: "conflict", code };
  if (ERROR_STATUS[code] >= 500) return { outcome: "failed", code };
  const found: OperationOutcome = { outcome: "rejected", code };
  if (error.issues.length > 0) {
    found.issues = error.issues.map((issue) => ({ field: safeField(issue.field), code: issue.code }));
  }
  return found;
}
