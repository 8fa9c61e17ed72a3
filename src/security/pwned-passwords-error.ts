/** A failed Pwned Passwords range lookup. Its message never holds the password, its hash or the hash prefix. */
export class PwnedPasswordsError extends Error {
  /** The error class name. */
  override readonly name = "PwnedPasswordsError";
}
