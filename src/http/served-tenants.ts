import { SignupError } from "../errors/signup-error.js";
import type { SignupService } from "../service/service-types.js";

/**
 * Throws `SignupError("invalid_config")` unless every tenant a handler routes to is configured in the service with
 * a policy of the handler's dialect. Called when a handler is created, so a handler that could only ever answer
 * 400/404 fails at start-up instead of on every request.
 */
export function requireServedTenants(
  service: SignupService,
  dialect: "baas" | "auth0",
  routes: Iterable<[tenant: string, where: string]>,
): void {
  const handler = dialect === "auth0" ? "createAuth0Handler" : "createBaasHandler";
  const expected = dialect === "auth0" ? "auth0Policy()" : "baasPolicy()";
  for (const [tenant, where] of routes) {
    const actual = service.tenantDialect(tenant);
    if (actual === undefined) {
      throw new SignupError("invalid_config", {
        message: `${handler}: ${where} names "${tenant}", which is not a tenant of the signup service. Add it to createSignupService({ tenants }) with ${expected}.`,
      });
    }
    if (actual !== dialect) {
      throw new SignupError("invalid_config", {
        message: `${handler}: ${where} names "${tenant}", whose policy is ${actual === "auth0" ? "auth0Policy()" : "baasPolicy()"}; this handler needs ${expected}.`,
      });
    }
  }
}
