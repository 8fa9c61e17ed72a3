import { ERROR_STATUS, type SignupErrorCode } from "./error-codes.js";
import type { Issue } from "./issue.js";

const BRAND = Symbol.for("signupkit.SignupError");

/** Options of a {@link SignupError}. */
export interface SignupErrorOptions {
  /** Overrides the default message of the code. */
  message?: string;
  /** Every policy violation (for `invalid_input`). */
  issues?: readonly Issue[];
  /** The underlying error (a store, mailer or hasher failure). */
  cause?: unknown;
  /** Seconds after which a retry may succeed (429 and 503 codes). */
  retryAfter?: number;
  /** The port that failed or timed out, for `unavailable` and `mail_unavailable`. */
  port?: FailedPort;
}

/** A dependency of the service whose failure is a 503: the store, the hasher, the mailer or the breach check. */
export type FailedPort = "store" | "hasher" | "mailer" | "breachedPasswords";

const DEFAULT_MESSAGES: Record<SignupErrorCode, string> = {
  invalid_input: "The signup input is invalid.",
  invalid_token: "The link is invalid or has already been used.",
  token_expired: "The link has expired.",
  wrong_password: "This is not the password chosen at signup.",
  forbidden: "This operation is not permitted.",
  unknown_tenant: "The tenant does not exist.",
  email_exists: "A user with this email address already exists.",
  username_exists: "A user with this username already exists.",
  id_exists: "A user with this id already exists.",
  too_many_requests: "Too many requests; try again later.",
  invalid_config: "The signup service is misconfigured.",
  mail_unavailable: "The mail could not be sent; try again later.",
  unavailable: "The service is temporarily unavailable; try again later.",
  overloaded: "The service is overloaded; try again later.",
};

/**
 * The one error the library throws for anything a caller or a dependency got wrong.
 * `status` is the HTTP status, `code` a stable string, `issues` every policy violation.
 *
 * @example
 * try {
 *   await service.signup(body, { tenant: "t1" });
 * } catch (error) {
 *   if (isSignupError(error)) return Response.json({ code: error.code }, { status: error.status });
 *   throw error;
 * }
 */
export class SignupError extends Error {
  /** Always `"SignupError"`. */
  override readonly name = "SignupError";
  /** HTTP status for this code. */
  readonly status: number;
  /** The stable error code (see the error table in the README). */
  readonly code: SignupErrorCode;
  /** Every violation, for `invalid_input`; empty otherwise. */
  readonly issues: readonly Issue[];
  /** Seconds to wait before retrying, where the code is retryable and a hint is known. */
  readonly retryAfter: number | undefined;
  /** For `unavailable` and `mail_unavailable`: which port failed or timed out (`store`, `hasher`, ...). */
  readonly port: FailedPort | undefined;
  /** @internal Marks a SignupError across copies of the library (see {@link isSignupError}). */
  readonly [BRAND] = true;

  constructor(code: SignupErrorCode, options: SignupErrorOptions = {}) {
    const limit = Error.stackTraceLimit;
    if (ERROR_STATUS[code] < 500 || code === "overloaded") Error.stackTraceLimit = 0;
    super(
      options.message ?? DEFAULT_MESSAGES[code],
      options.cause === undefined ? {} : { cause: options.cause },
    );
    Error.stackTraceLimit = limit;
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.issues = options.issues ?? [];
    this.retryAfter = options.retryAfter;
    this.port = options.port;
  }
}

/**
 * Whether `value` is a {@link SignupError}, also across bundle copies (ESM and CJS builds loaded together).
 *
 * @example
 * if (isSignupError(error) && error.status === 409) { ... }
 */
export function isSignupError(value: unknown): value is SignupError {
  return value instanceof SignupError || (typeof value === "object" && value !== null && BRAND in value);
}
