/**
 * `signupkit/bcrypt`: the default {@link PasswordHasher}, built on `@node-rs/bcrypt`. Node only (native
 * module); the core package never imports it.
 *
 * @example
 * import { createBcryptHasher } from "signupkit/bcrypt";
 *
 * const hasher = createBcryptHasher(); // cost 10
 *
 * @module
 */
export {
  type BcryptHasherOptions,
  createBcryptHasher,
  DEFAULT_BCRYPT_COST,
} from "../adapters/bcrypt/bcrypt-hasher.js";
export type { PasswordHasher } from "../ports/password-hasher.js";
