import type { User } from "../model/user.js";

/** What {@link SignupService.verifyCredentials} checks: one identifier (email or username) and a password. */
export interface CredentialsInput {
  /** The tenant (NEC tenant id, Auth0 database connection name) the user signed up in. */
  tenant: string;
  /** The address the user signed up with, in any case form (compared canonically, as at signup). Give this or `username`. */
  email?: string;
  /** The username, in any case form (compared canonically). Give this or `email`. */
  username?: string;
  /** The password to check. */
  password: string;
  /**
   * Store a fresh hash when the stored one was made with another cost or scheme than the hasher's current one
   * (compare-and-set on the old hash, so a concurrent change of the password wins). Default true.
   */
  rehash?: boolean;
  /** Passed through to logging and tracing (`meta.requestId` becomes the events' `requestId`). */
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * Why a credential check failed:
 * - `invalid_credentials`: no such user, a user without a password (NEC client-certificate user), or a wrong
 *   password; the three take the same hasher work and are not told apart.
 * - `email_unverified`: the password matched, but the tenant mails verification links and this address was not
 *   verified yet. Only reported after the password matched, so it tells nothing to someone without the password.
 * - `disabled`: the password matched, but the user is disabled (`enabled: false`).
 */
export type CredentialsFailure = "invalid_credentials" | "email_unverified" | "disabled";

/** The result of {@link SignupService.verifyCredentials}. */
export type CredentialsResult =
  | {
      /** The password is right. */
      ok: true;
      /** The user. */
      user: User;
      /** The stored hash was made with another cost or scheme than the hasher's current one. */
      needsRehash: boolean;
      /** A fresh hash replaced the stored one (only with `needsRehash`, and `rehash` not false). */
      rehashed: boolean;
    }
  | {
      /** The password is not right, or the user cannot sign in. */
      ok: false;
      /** Why. */
      reason: CredentialsFailure;
    };
