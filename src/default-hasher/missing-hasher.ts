/**
 * The error a failed load of the default hasher becomes: it names the fix. The runtime turns it into a 503
 * `unavailable` (the cause kept), so a signup without a hasher answers instead of crashing the process.
 */
export function missingHasherError(cause: unknown): Error {
  return new Error(
    "The default password hasher (signupkit/bcrypt) could not load @node-rs/bcrypt's native binary for " +
      `${platformName()}. Reinstall with optional dependencies (no --omit=optional; on Alpine the musl build), ` +
      'or pass a portable hasher: `hasher: createPbkdf2Hasher()` from "signupkit/pbkdf2".',
    { cause },
  );
}

function platformName(): string {
  const process = (globalThis as { process?: { platform?: string; arch?: string } }).process;
  return process?.platform ? `${process.platform}-${process.arch}` : "this platform";
}
