import { createRequire } from "node:module";
import type { PasswordHasher } from "../ports/password-hasher.js";
import { missingHasherError } from "./missing-hasher.js";

// Specifiers in variables: bundlers leave these loads to run time instead of trying to bundle a native module.
const BCRYPT = "signupkit/bcrypt";
const NATIVE = "@node-rs/bcrypt";

/**
 * The default hasher under the `node` package condition, ES module build: bcrypt cost 10 from `signupkit/bcrypt`,
 * loaded on first use so that importing the core never loads the native module.
 *
 * The native module is required first, where a missing binary is a plain exception: Node 20 turns a CommonJS
 * module that throws while `import()` evaluates it into an uncaught exception that kills the process.
 */
export function loadDefaultHasher(): Promise<PasswordHasher> {
  try {
    createRequire(import.meta.url)(NATIVE);
  } catch (error) {
    return Promise.reject(missingHasherError(error));
  }
  return import(/* @vite-ignore */ BCRYPT).then(
    (module: typeof import("../entries/bcrypt.js")) => module.createBcryptHasher(),
    (error: unknown) => Promise.reject(missingHasherError(error)),
  );
}
