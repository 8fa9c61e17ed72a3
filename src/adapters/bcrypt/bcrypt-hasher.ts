import { hash as bcryptHash, verify as bcryptVerify, genSalt } from "@node-rs/bcrypt";
import { SignupError } from "../../errors/signup-error.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import {
  bcryptCostOf,
  bcryptSaltOf,
  needsPrehash,
  PREHASH_PREFIX,
  passwordBytes,
  prehashPassword,
} from "./prehash.js";

/** The bcrypt cost used when none is given: 2^10 rounds. */
export const DEFAULT_BCRYPT_COST = 10;

/** Options of {@link createBcryptHasher}. */
export interface BcryptHasherOptions {
  /**
   * bcrypt cost factor (log2 of the rounds), an integer from 4 to 31. Defaults to 10. Each step doubles the
   * time a hash takes; existing hashes keep verifying with the cost they were made with.
   */
  cost?: number | undefined;
}

/**
 * A {@link PasswordHasher} backed by `@node-rs/bcrypt` (native, off the event loop; never the sync API).
 *
 * Stored formats:
 * - A password of at most 72 UTF-8 bytes without a NUL byte gets a standard `$2b$<cost>$…` hash that any
 *   other bcrypt implementation (OpenBSD, PHP `password_verify`, Python `bcrypt`, …) verifies.
 * - Any other password (longer than 72 bytes, which bcrypt would silently truncate, or containing NUL,
 *   where C implementations stop) is first turned into `base64(HMAC-SHA-256(key = bcrypt salt, password))`
 *   and stored as `$sk1$` followed by the bcrypt hash of that digest, so every byte counts.
 *
 * Which path `verify` takes is decided by the stored hash's prefix, not by the candidate's length: with a
 * length rule, anyone who learned the digest of a long password could log in by typing the 44-character
 * digest itself, since it would be checked as a plain short password. In addition, a plain `$2b$`/`$2a$`/
 * `$2y$` hash never accepts a candidate that would need pre-hashing (so a 73-byte password does not match the
 * hash of its 72-byte prefix); bcrypt still runs in that case, so the answer takes as long as any other.
 * Consequence: hashes imported from a system that let bcrypt truncate passwords longer than 72 bytes do not
 * verify those long passwords here (the user must reset the password).
 *
 * `needsRehash(hash)` is true for a hash this hasher would not write now: another cost (in either direction), the
 * `$2a$`/`$2y$` variants (new hashes are `$2b$`), or anything that is not bcrypt at all. A `$sk1$` hash is judged by
 * the cost of the bcrypt hash inside it.
 *
 * Passwords are hashed as their UTF-8 bytes, unnormalized; lone surrogates become U+FFFD. Hashes are at
 * most 65 characters long (60 for plain bcrypt).
 *
 * @throws SignupError `invalid_config` when `cost` is not an integer from 4 to 31.
 * @example
 * import { createBcryptHasher } from "signupkit/bcrypt";
 *
 * const hasher = createBcryptHasher({ cost: 12 });
 * const stored = await hasher.hash("correct horse battery staple"); // "$2b$12$…"
 * await hasher.verify("correct horse battery staple", stored); // true
 */
export function createBcryptHasher(options: BcryptHasherOptions = {}): PasswordHasher {
  const cost = options.cost ?? DEFAULT_BCRYPT_COST;
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) {
    throw new SignupError("invalid_config", {
      message: `The bcrypt cost must be an integer from 4 to 31, got ${String(cost)}.`,
    });
  }

  return {
    async hash(password: string): Promise<string> {
      const bytes = passwordBytes(requireString(password));
      if (!needsPrehash(bytes)) return bcryptHash(bytes, { cost });
      const salt = await genSalt({ cost });
      const digest = await prehashPassword(bytes, salt);
      return PREHASH_PREFIX + (await bcryptHash(digest, { salt }));
    },

    async verify(password: string, hash: string): Promise<boolean> {
      if (typeof hash !== "string") return false;
      const bytes = passwordBytes(requireString(password));
      if (hash.startsWith(PREHASH_PREFIX)) {
        const inner = hash.slice(PREHASH_PREFIX.length);
        const salt = bcryptSaltOf(inner);
        if (salt === undefined) return false;
        const digest = await prehashPassword(bytes, salt);
        return bcryptVerify(digest, inner);
      }
      const matches = await bcryptVerify(bytes, hash);
      return matches && !needsPrehash(bytes);
    },

    needsRehash(hash: string): boolean {
      if (typeof hash !== "string") return true;
      const inner = hash.startsWith(PREHASH_PREFIX) ? hash.slice(PREHASH_PREFIX.length) : hash;
      return !inner.startsWith("$2b$") || bcryptCostOf(inner) !== cost;
    },
  };
}

function requireString(password: unknown): string {
  if (typeof password !== "string") throw new TypeError("The password must be a string.");
  return password;
}
