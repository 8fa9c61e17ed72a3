import { createPbkdf2Hasher } from "../adapters/pbkdf2/pbkdf2-hasher.js";
import type { PasswordHasher } from "../ports/password-hasher.js";

let hasher: PasswordHasher | undefined;

/**
 * The default hasher wherever the `node` package condition does not apply (Cloudflare Workers, Deno, Vercel Edge,
 * browsers): PBKDF2-HMAC-SHA256 on WebCrypto from `signupkit/pbkdf2`, no native module.
 */
export function loadDefaultHasher(): Promise<PasswordHasher> {
  hasher ??= createPbkdf2Hasher();
  return Promise.resolve(hasher);
}
