import { SignupError } from "../errors/signup-error.js";

/**
 * What a failed load of the default hasher becomes: a 503 `unavailable` whose message names the fix (the original
 * error kept as its cause), so a signup without a hasher answers instead of crashing the process.
 */
export function missingHasherError(cause: unknown): SignupError {
  return new SignupError("unavailable", {
    message:
      "The default password hasher could not load @node-rs/bcrypt's native binary. Reinstall with optional " +
      'dependencies (no --omit=optional), or pass a portable hasher: `hasher: createPbkdf2Hasher()` from "signupkit/pbkdf2".',
    cause,
  });
}
