/**
 * Turns passwords into stored hashes and checks them. Implementations must be async and must not block
 * the event loop; `signupkit/bcrypt` is the default.
 */
export interface PasswordHasher {
  /** Hashes a password; the result is what the store keeps. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches a hash this hasher wrote. */
  verify(password: string, hash: string): Promise<boolean>;
}
