/**
 * Screens a password against known breaches (e.g. the Have I Been Pwned range API via `createPwnedPasswordsCheck`).
 * Resolve true for a breached password. Reject when the answer is unknown: the signup then fails with 503
 * `unavailable` (fail closed); an implementation that prefers to fail open resolves false instead.
 */
export interface BreachedPasswordCheck {
  /** Whether the password is known to be breached. */
  isBreached(password: string): Promise<boolean>;
}
