import { SignupError } from "../../errors/signup-error.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import { formatPbkdf2Hash, parsePbkdf2Hash } from "./phc-string.js";

/** OWASP's Password Storage Cheat Sheet count for PBKDF2-HMAC-SHA256: 600,000 iterations. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** The most iterations a stored hash may ask for (a corrupted count must not pin the CPU for minutes). */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const encoder = new TextEncoder();

/** Options of {@link createPbkdf2Hasher}. */
export interface Pbkdf2HasherOptions {
  /**
   * PBKDF2 iterations for new hashes, an integer from 1,000 to 10,000,000. Defaults to 600,000 (OWASP). Cloudflare
   * Workers refuse more than 100,000: pass `iterations: 100_000` there. Existing hashes keep verifying with the
   * count stored in them.
   */
  iterations?: number | undefined;
}

/**
 * A portable {@link PasswordHasher}: PBKDF2-HMAC-SHA256 on the platform's WebCrypto (`crypto.subtle`), with no
 * native module, for Cloudflare Workers, Deno Deploy, Vercel Edge, Bun, browsers' test pages and Node alike. It is
 * the default hasher wherever the `node` package condition does not apply.
 *
 * Stored format (the PHC string format): `$pbkdf2-sha256$i=<iterations>$<salt>$<hash>`, salt 16 random bytes,
 * hash 32 bytes, both unpadded base64. Passwords are hashed as their UTF-8 bytes, unnormalized; lone surrogates
 * become U+FFFD. `verify` answers false for a string in another format, and compares without an early exit.
 *
 * @throws SignupError `invalid_config` when `iterations` is not an integer from 1,000 to 10,000,000.
 * @example
 * import { createPbkdf2Hasher } from "signupkit/pbkdf2";
 *
 * const hasher = createPbkdf2Hasher(); // 600,000 iterations
 * const stored = await hasher.hash("correct horse battery staple"); // "$pbkdf2-sha256$i=600000$…"
 * await hasher.verify("correct horse battery staple", stored); // true
 */
export function createPbkdf2Hasher(options: Pbkdf2HasherOptions = {}): PasswordHasher {
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1_000 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new SignupError("invalid_config", {
      message: `PBKDF2 iterations must be an integer from 1,000 to 10,000,000, got ${String(iterations)}.`,
    });
  }
  return {
    async hash(password: string): Promise<string> {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      return formatPbkdf2Hash(
        iterations,
        salt,
        await derive(requireString(password), salt, iterations, HASH_BYTES),
      );
    },

    async verify(password: string, stored: string): Promise<boolean> {
      const candidate = requireString(password);
      const parsed = typeof stored === "string" ? parsePbkdf2Hash(stored) : undefined;
      if (parsed === undefined || parsed.iterations > MAX_PBKDF2_ITERATIONS) return false;
      const derived = await derive(candidate, parsed.salt, parsed.iterations, parsed.hash.length);
      let difference = 0;
      for (let i = 0; i < derived.length; i++)
        difference |= (derived[i] as number) ^ (parsed.hash[i] as number);
      return difference === 0;
    },
  };
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

function requireString(password: unknown): string {
  if (typeof password !== "string") throw new TypeError("The password must be a string.");
  return password;
}
