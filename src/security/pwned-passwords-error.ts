/** A failed Pwned Passwords range lookup. Its message never holds the password, its hash or the hash prefix. */
export class PwnedPasswordsError extends Error {
  /** Always `"PwnedPasswordsError"`. */
  override readonly name = "PwnedPasswordsError";
}
