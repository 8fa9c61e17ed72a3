import { isTokenShaped } from "../core/tokens.js";
import { isSignupError } from "../errors/signup-error.js";
import { htmlPage } from "./html-page.js";
import { HttpProblem } from "./http-problem.js";
import { readForm } from "./read-body.js";
import { retryAfterHeader } from "./responses.js";

/** The wording of one mailed-link flow (NEC confirmation, Auth0 verification). */
export interface TokenPageText {
  title: string;
  prompt: string;
  button: string;
  doneTitle: string;
  done: string;
  /** What to do after an expired link. */
  expired: string;
}

/** One mailed-link route: what to call with the token, and how to report a 5xx failure. */
export interface TokenRoute {
  text: TokenPageText;
  /** Consumes the token (`service.confirm` / `service.verifyEmail`). */
  redeem(token: string): Promise<unknown>;
  report(error: unknown): void;
}

/** The largest form body the POST accepts: a token and a few short fields. */
const MAX_FORM_BYTES = 4096;

const INVALID = "This link is invalid or has already been used.";

function invalidPage(): Response {
  return htmlPage({ title: "Invalid link", paragraphs: [INVALID] }, 400);
}

/** Maps a failed redemption to its page. Unknown tenants look exactly like unknown tokens. */
function failurePage(error: unknown, route: TokenRoute): Response {
  if (error instanceof HttpProblem) {
    return htmlPage({ title: "Request refused", paragraphs: [error.message] }, error.status);
  }
  if (isSignupError(error)) {
    switch (error.code) {
      case "invalid_token":
      case "unknown_tenant":
        return invalidPage();
      case "token_expired":
        return htmlPage(
          { title: "Link expired", paragraphs: ["This link has expired.", route.text.expired] },
          400,
        );
      case "email_exists":
      case "username_exists":
      case "id_exists":
        return htmlPage(
          {
            title: "Already registered",
            paragraphs: ["An account with this email address or username already exists."],
          },
          409,
        );
      case "too_many_requests":
      case "unavailable":
      case "overloaded":
      case "mail_unavailable":
        if (error.status >= 500) route.report(error);
        return htmlPage(
          {
            title: "Please try again later",
            paragraphs: ["The service is busy. Please try again in a moment."],
          },
          error.status,
          retryAfterHeader(error.retryAfter),
        );
      default:
        if (error.status < 500) {
          return htmlPage({ title: "Request refused", paragraphs: [error.message] }, error.status);
        }
    }
  }
  route.report(error);
  return htmlPage({ title: "Something went wrong", paragraphs: ["Please try again later."] }, 500);
}

/** The form's target: the same path and query, minus the token (it travels in the POST body). */
function formAction(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("token");
  const query = params.toString();
  return query === "" ? url.pathname : `${url.pathname}?${query}`;
}

/**
 * A mailed link. GET consumes nothing (mail scanners prefetch links): it shows a page whose button POSTs the token.
 * POST (form-urlencoded `token`) redeems it and shows the outcome. The token is never echoed except in the hidden
 * form field.
 */
export async function handleTokenRoute(request: Request, url: URL, route: TokenRoute): Promise<Response> {
  try {
    if (request.method === "GET") {
      const token = url.searchParams.get("token");
      if (!isTokenShaped(token)) return invalidPage();
      return htmlPage(
        {
          title: route.text.title,
          paragraphs: [route.text.prompt],
          form: { action: formAction(url), button: route.text.button, hidden: { token } },
        },
        200,
      );
    }
    const token = (await readForm(request, MAX_FORM_BYTES)).get("token");
    if (!isTokenShaped(token)) return invalidPage();
    await route.redeem(token);
    return htmlPage({ title: route.text.doneTitle, paragraphs: [route.text.done] }, 200);
  } catch (error) {
    return failurePage(error, route);
  }
}
