/**
 * The system under test, imported in one place, through the public entry points (`signupkit`,
 * `signupkit/testing`, `signupkit/bcrypt`), which tsconfig paths resolve to src/ under tsx.
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
