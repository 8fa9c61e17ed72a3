/**
 * The system under test, imported in one place, through the public entry points (`signupkit`,
 * `signupkit/testing`, `signupkit/bcrypt`), which Node resolves to the built dist (bench/tsconfig.json has no
 * `paths`; typecheck still reads src through the root tsconfig).
 */
export {
  auth0Policy,
  baasPolicy,
  createSignupService,
  emailKey,
  isSignupError,
  type PasswordHasher,
  type SignupService,
  type SignupServiceOptions,
  type TenantOptions,
  type UserRecord,
  type UserStore,
  usernameKey,
} from "signupkit";
export { createBcryptHasher } from "signupkit/bcrypt";
export { createMemoryMailer, createMemoryStore, type MemoryStore } from "signupkit/testing";
