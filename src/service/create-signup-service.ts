import { confirm, verifyEmail } from "../flows/redeem.js";
import { resendConfirmation, resendVerification } from "../flows/resend.js";
import { signup } from "../flows/signup.js";
import { createCredentialCheck } from "../flows/verify-credentials.js";
import { observeService, tracePorts } from "../observe/observe-service.js";
import { createRuntime, lazyDefaultHasher } from "../runtime/runtime.js";
import type { SignupService, SignupServiceOptions } from "./service-types.js";

/**
 * Creates the signup service: one object that enforces a tenant's username, email, password and metadata
 * policies and the 409 semantics on top of the store, mailer and hasher you pass in.
 * Throws `SignupError("invalid_config")` at once for a misconfigured tenant.
 *
 * @example
 * import { createSignupService, baasPolicy } from "signupkit";
 * import { createMemoryStore } from "signupkit/testing";
 *
 * const service = createSignupService({
 *   store: createMemoryStore(),
 *   tenants: { "tenant-1": { policy: baasPolicy() } },
 * });
 * const result = await service.signup(
 *   { email: "taro@example.com", password: "Passw0rd" },
 *   { tenant: "tenant-1" },
 * );
 * if (result.status === "created") console.log(result.user.username); // 8 random letters and digits
 */
export function createSignupService(options: SignupServiceOptions): SignupService {
  const telemetry = options?.telemetry;
  const rt = createRuntime(telemetry ? tracePorts(options, telemetry, lazyDefaultHasher) : options);
  const service: SignupService = {
    signup: (input, context) => signup(rt, input, context),
    confirm: (token, context) => confirm(rt, token, context),
    verifyEmail: (token, context) => verifyEmail(rt, token, context),
    resendConfirmation: (context, email) => resendConfirmation(rt, context, email),
    resendVerification: (context, email) => resendVerification(rt, context, email),
    verifyCredentials: createCredentialCheck(rt),
    purgeExpired: () => rt.storeCall(() => rt.store.purgeExpired(rt.now().getTime())),
    hasTenant: (tenant) => rt.tenants.has(tenant),
    tenantLocale: (tenant) => rt.tenants.get(tenant)?.locale,
    tenantDialect: (tenant) => rt.tenants.get(tenant)?.policy.name,
  };
  return observeService(service, options);
}
