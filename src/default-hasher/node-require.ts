import type { PasswordHasher } from "../ports/password-hasher.js";
import { missingHasherError } from "./missing-hasher.js";

// A specifier in a variable: bundlers leave the require to run time instead of trying to bundle a native module.
const BCRYPT = "signupkit/bcrypt";

/**
 * The default hasher under the `node` and `require` package conditions (the CommonJS build): bcrypt cost 10 from
 * `signupkit/bcrypt`, loaded with `require` on first use, so Jest and other CommonJS hosts need no
 * `--experimental-vm-modules`, and importing the core never loads the native module.
 */
export function loadDefaultHasher(): Promise<PasswordHasher> {
  try {
    const module = require(BCRYPT) as typeof import("../entries/bcrypt.js");
    return Promise.resolve(module.createBcryptHasher());
  } catch (error) {
    return Promise.reject(missingHasherError(error));
  }
}
