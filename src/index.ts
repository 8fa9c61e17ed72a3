/**
 * signupkit: the signup core. Create a service with {@link createSignupService}, give each tenant a policy
 * ({@link baasPolicy} or {@link auth0Policy}), and handle failures through {@link SignupError}.
 * @module
 */

export { ERROR_STATUS, type SignupErrorCode } from "./errors/error-codes.js";
export type { Issue, IssueCode, PasswordRule, PasswordStrengthReport } from "./errors/issue.js";
export {
  type FailedPort,
  isSignupError,
  SignupError,
  type SignupErrorOptions,
} from "./errors/signup-error.js";
export { emailKey, usernameKey } from "./identity/canonical-keys.js";
export {
  type MailTemplate,
  type MailTemplates,
  type MailVariables,
  type RenderedMail,
  renderMail,
} from "./mail/templates.js";
export type {
  ProfileField,
  SignupContext,
  SignupInput,
  SignupPatch,
  ValidSignup,
} from "./model/signup-input.js";
export type { User, UserRecord } from "./model/user.js";
export type { Instrumentation, OperationTrace, TracedPort } from "./observe/instrumentation.js";
export type { OperationName, OperationOutcome, Outcome, OutcomeIssue } from "./observe/outcome.js";
export type { Auth0PolicyOptions } from "./policies/auth0-options.js";
export {
  auth0Policy,
  type PasswordDictionaryOption,
  type PasswordStrength,
} from "./policies/auth0-policy.js";
export { type BaasPolicyOptions, baasPolicy } from "./policies/baas-policy.js";
export type { PolicyResult, SignupPolicy } from "./policies/policy.js";
export type { BreachedPasswordCheck } from "./ports/breached-password-check.js";
export type { Mailer, MailKind, MailMessage } from "./ports/mailer.js";
export type { PasswordHasher } from "./ports/password-hasher.js";
export type {
  ConfirmClaimResult,
  InsertUserResult,
  LiveClaim,
  MaybePromise,
  PeekTokenResult,
  PendingClaim,
  PurgeResult,
  RedeemFailure,
  Redemption,
  Stamp,
  TokenLookup,
  TokenPurpose,
  TokenRecord,
  UniqueField,
  UserStore,
  VerifyEmailResult,
} from "./ports/user-store.js";
export {
  createPwnedPasswordsCheck,
  PWNED_PASSWORDS_API,
  type PwnedFetch,
  type PwnedFetchResponse,
  PwnedPasswordsError,
  type PwnedPasswordsOptions,
} from "./security/pwned-passwords.js";
export { createSignupService } from "./service/create-signup-service.js";
export type { CredentialsFailure, CredentialsInput, CredentialsResult } from "./service/credential-types.js";
export type {
  ErrorPhase,
  LinkContext,
  LogEvent,
  SignupResult,
  SignupService,
  SignupServiceOptions,
  TenantContext,
  TenantMailOptions,
  TenantOptions,
  Timeouts,
} from "./service/service-types.js";
