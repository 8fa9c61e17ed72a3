/**
 * Turns passwords into stored hashes and checks them. Implementations must be async and must not block
 * the event loop; `signupkit/bcrypt` is the default.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}
