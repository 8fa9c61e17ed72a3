/** bcrypt reads at most this many bytes of a password; anything after them is silently ignored. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;

/** Marks a stored hash whose password went through {@link prehashPassword} before bcrypt. */
export const PREHASH_PREFIX = "$sk1$";

/** Length of a bcrypt salt string such as `$2b$10$` followed by 22 salt characters. */
export const BCRYPT_SALT_LENGTH = 29;

const SALT_PATTERN = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{22}$/;

/** The salt string (`$2b$10$` + 22 characters) at the start of a bcrypt hash, or `undefined` if malformed. */
export function bcryptSaltOf(hash: string): string | undefined {
  const salt = hash.slice(0, BCRYPT_SALT_LENGTH);
  return SALT_PATTERN.test(salt) ? salt : undefined;
}

/** The cost (log2 of the rounds) of a bcrypt hash, or `undefined` when its salt part is malformed. */
export function bcryptCostOf(hash: string): number | undefined {
  return bcryptSaltOf(hash) === undefined ? undefined : Number(hash.slice(4, 6));
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of a password: the exact bytes that are hashed and counted. */
export function passwordBytes(password: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(password);
}

/**
 * Whether plain bcrypt would not see these bytes whole: more than 72 bytes (bcrypt ignores the rest) or a
 * NUL byte (C implementations stop there), so such passwords are pre-hashed.
 */
export function needsPrehash(bytes: Uint8Array): boolean {
  return bytes.length > BCRYPT_MAX_PASSWORD_BYTES || bytes.includes(0);
}

/**
 * HMAC-SHA-256 of the password bytes, keyed with the bcrypt salt string, as standard base64: 44 ASCII
 * characters, no NUL byte, well under 72 bytes. Keying with the per-hash salt (as passlib's
 * `bcrypt_sha256` v2 does) means a leaked plain SHA-256 of the password cannot be fed to bcrypt instead
 * of the password ("hash shucking"). Uses Web Crypto only.
 */
export async function prehashPassword(bytes: Uint8Array<ArrayBuffer>, salt: string): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey("raw", encoder.encode(salt), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await subtle.sign("HMAC", key, bytes));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}
