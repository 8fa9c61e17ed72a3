import { isSignupError } from "../errors/signup-error.js";
import { isTokenShaped } from "../identity/tokens.js";
import { HttpProblem } from "./http-problem.js";
import type { LinkPages } from "./pages/link-pages.js";
import type { LinkOutcome, RetryReason } from "./pages/page-text.js";
import { readForm } from "./read-body.js";
import { type ExtraHeaders, retryAfterHeader } from "./responses.js";

/** One mailed-link route: what to call with the token, its pages, and how to report a 5xx failure. */
export interface TokenRoute {
  /** The tenant (NEC BaaS) or connection (Auth0) the link names; `""` when none. */
  tenant: string;
  /** The flow's pages: built-in in the tenant's locale, the host's template, or a redirect to the host's page. */
  pages: LinkPages;
  /** Consumes the token (`service.confirm` / `service.verifyEmail`) with the password the form carried, if any. */
  redeem(token: string, password: string | undefined): Promise<unknown>;
  report(error: unknown): void;
}

/** The largest form body the POST accepts: a token and a few short fields. */
const MAX_FORM_BYTES = 4096;

/** What a failed redemption shows: the form again, or an outcome with its status and `Retry-After` when known. */
function failureOutcome(
  error: unknown,
  route: TokenRoute,
): { retry: RetryReason } | { outcome: LinkOutcome; status: number; headers?: ExtraHeaders } {
  if (error instanceof HttpProblem) return { outcome: "refused", status: error.status };
  if (isSignupError(error)) {
    switch (error.code) {
      case "wrong_password":
        return { retry: "wrong_password" };
      case "invalid_input":
        return { retry: "missing_password" };
      case "invalid_token":
      case "unknown_tenant":
        // Unknown tenants look exactly like unknown tokens.
        return { outcome: "invalid", status: 400 };
      case "token_expired":
        return { outcome: "expired", status: 400 };
      case "email_exists":
      case "username_exists":
      case "id_exists":
        return { outcome: "exists", status: 409 };
      case "too_many_requests":
      case "unavailable":
      case "overloaded":
      case "mail_unavailable":
        if (error.status >= 500) route.report(error);
        return { outcome: "busy", status: error.status, headers: retryAfterHeader(error.retryAfter) };
      default:
        if (error.status < 500) return { outcome: "refused", status: error.status };
    }
  }
  route.report(error);
  return { outcome: "error", status: 500 };
}

/** The form's target: the same path and query, minus the token (it travels in the POST body). */
function formAction(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("token");
  const query = params.toString();
  return query === "" ? url.pathname : `${url.pathname}?${query}`;
}

/**
 * A mailed link. GET consumes nothing (mail scanners prefetch links): it shows a form asking for the password chosen
 * at signup, whose button POSTs it with the token. POST (form-urlencoded `token`, `password`) redeems it and shows
 * the outcome; a wrong or missing password shows the form again (nothing consumed). The token is never echoed except
 * in the hidden form field; the password never.
 */
export async function handleTokenRoute(
  request: Request,
  url: URL,
  route: TokenRoute,
  success: LinkOutcome,
): Promise<Response> {
  const { pages, tenant } = route;
  let token: string | null = null;
  try {
    if (request.method === "GET") {
      token = url.searchParams.get("token");
      if (!isTokenShaped(token)) return pages.outcome(tenant, "invalid", 400);
      return pages.form(tenant, formAction(url), token);
    }
    const form = await readForm(request, MAX_FORM_BYTES);
    token = form.get("token");
    if (!isTokenShaped(token)) return pages.outcome(tenant, "invalid", 400);
    const password = form.get("password");
    await route.redeem(token, password === null || password === "" ? undefined : password);
    return pages.outcome(tenant, success, 200);
  } catch (error) {
    const failure = failureOutcome(error, route);
    if ("retry" in failure) return pages.form(tenant, formAction(url), token as string, failure.retry);
    return pages.outcome(tenant, failure.outcome, failure.status, failure.headers);
  }
}
