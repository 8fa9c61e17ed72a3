/**
 * Turns passwords into stored hashes and checks them. Implementations must be async and must not block
 * the event loop; `signupkit/bcrypt` is the default.
 */
export interface PasswordHasher {
  /** A new hash of `password` with the hasher's current scheme and cost. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches `hash`; false (never a throw) for a hash it cannot read. */
  verify(password: string, hash: string): Promise<boolean>;
  /**
   * Whether `hash` was made with another scheme or cost than {@link PasswordHasher.hash} uses now, so that a login
   * that just proved the password should store a fresh hash (`service.verifyCredentials` does). Optional: a hasher
   * without it never asks for a rehash. Must be cheap and synchronous: it reads the hash's parameters, it does not
   * hash.
   */
  needsRehash?(hash: string): boolean;
}
