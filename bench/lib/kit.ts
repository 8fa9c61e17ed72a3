/**
 * The system under test, imported in one place. Everything comes from the public entry points (`signupkit`,
 * `signupkit/testing`, `signupkit/bcrypt`, resolved to src/ by tsconfig paths under tsx) except the policy
 * factories, which are read from their source files until src/index.ts exports them.
 */
export {
  createSignupService,
  emailKey,
  usernameKey,
  isSignupError,
  type PasswordHasher,
  type SignupService,
  type SignupServiceOptions,
  type TenantOptions,
  type UserRecord,
  type UserStore,
} from "signupkit";
export { createBcryptHasher } from "signupkit/bcrypt";
export { createMemoryMailer, createMemoryStore, type MemoryStore } from "signupkit/testing";
export { auth0Policy } from "../../src/policies/auth0-policy.js";
export { baasPolicy } from "../../src/policies/baas-policy.js";
