/**
 * `signupkit/pbkdf2`: a portable {@link PasswordHasher} on WebCrypto (PBKDF2-HMAC-SHA256), with no native module.
 * The default hasher wherever the `node` package condition does not apply (Cloudflare Workers, Deno Deploy,
 * Vercel Edge, browsers); on Node the default is `signupkit/bcrypt`.
 *
 * @example
 * import { createSignupService, baasPolicy } from "signupkit";
 * import { createPbkdf2Hasher } from "signupkit/pbkdf2";
 *
 * const service = createSignupService({ store, hasher: createPbkdf2Hasher(), tenants: { t1: { policy: baasPolicy() } } });
 *
 * @module
 */
export {
  createPbkdf2Hasher,
  DEFAULT_PBKDF2_ITERATIONS,
  MAX_PBKDF2_ITERATIONS,
  type Pbkdf2HasherOptions,
} from "../adapters/pbkdf2/pbkdf2-hasher.js";
export type { PasswordHasher } from "../ports/password-hasher.js";
