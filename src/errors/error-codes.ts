/**
 * Every error code the library raises, with the HTTP status it maps to.
 * Codes are stable: hosts and the HTTP dialects switch on them.
 */
export const ERROR_STATUS = {
  /** The input breaks the tenant's policy; `issues` lists every violation. */
  invalid_input: 400,
  /** A confirmation or verification token is unknown, already used, or belongs to another tenant. */
  invalid_token: 400,
  /** A confirmation or verification token was real but its lifetime has passed. */
  token_expired: 400,
  /**
   * The password given with a mailed link is not the one chosen at signup. Nothing was consumed; after a few wrong
   * tries (the tenant's `linkAttempts`) the link is dead.
   */
  wrong_password: 400,
  /** The caller may not do this: `id` without the master key, or anonymous signup switched off. */
  forbidden: 403,
  /** No tenant (NEC tenant, Auth0 database connection) has this id. */
  unknown_tenant: 404,
  /** Another user of the tenant has this email address (canonical comparison). */
  email_exists: 409,
  /** Another user of the tenant has this username (canonical comparison). */
  username_exists: 409,
  /** A user with this id exists, in any tenant. */
  id_exists: 409,
  /** A resend was asked for sooner than the tenant's resend interval allows; see `retryAfter`. */
  too_many_requests: 429,
  /** The service was configured wrongly (thrown by `createSignupService`, never by a request). */
  invalid_config: 500,
  /** A confirmation or verification mail could not be sent; nothing was left pending. Retryable. */
  mail_unavailable: 503,
  /** The store or the hasher failed or timed out; `cause` keeps the original error. Retryable. */
  unavailable: 503,
  /** The password-hash queue is full; see `retryAfter`. Retryable. */
  overloaded: 503,
} as const;

/** A stable string code of a {@link SignupError}. */
export type SignupErrorCode = keyof typeof ERROR_STATUS;
