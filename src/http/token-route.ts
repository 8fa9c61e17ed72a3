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
  /** Label of the field for the password chosen at signup. */
  password: string;
  button: string;
  doneTitle: string;
  done: string;
  /** What to do after an expired link. */
  expired: string;
}

/** One mailed-link route: what to call with the token, and how to report a 5xx failure. */
export interface TokenRoute {
  text: TokenPageText;
  /** Consumes the token (`service.confirm` / `service.verifyEmail`) with the password the form carried, if any. */
  redeem(token: string, password: string | undefined): Promise<unknown>;
  report(error: unknown): void;
}

/** The largest form body the POST accepts: a token and a few short fields. */
const MAX_FORM_BYTES = 4096;

const INVALID = "This link is invalid or has already been used.";

function invalidPage(): Response {
  return htmlPage({ title: "Invalid link", paragraphs: [INVALID] }, 400);
}

/** The link's form: the token in a hidden field, the password field, and a note above it when there is one. */
function formPage(url: URL, route: TokenRoute, token: string, note: string | undefined, status: number) {
  const paragraphs = note === undefined ? [route.text.prompt] : [note, route.text.prompt];
  const form = {
    action: formAction(url),
    button: route.text.button,
    hidden: { token },
    password: route.text.password,
  };
  return htmlPage({ title: route.text.title, paragraphs, form }, status);
}

/** Maps a failed redemption to its page. Unknown tenants look exactly like unknown tokens. */
function failurePage(error: unknown, route: TokenRoute, retry: (note: string) => Response): Response {
  if (error instanceof HttpProblem) {
    return htmlPage({ title: "Request refused", paragraphs: [error.message] }, error.status);
  }
  if (isSignupError(error)) {
    switch (error.code) {
      case "wrong_password":
        return retry("That is not the password chosen at signup. Please try again.");
      case "invalid_input":
        return retry("Please enter the password you chose when you signed up.");
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
 * A mailed link. GET consumes nothing (mail scanners prefetch links): it shows a form asking for the password chosen
 * at signup, whose button POSTs it with the token. POST (form-urlencoded `token`, `password`) redeems it and shows
 * the outcome; a wrong or missing password shows the form again (nothing consumed). The token is never echoed except
 * in the hidden form field; the password never.
 */
export async function handleTokenRoute(request: Request, url: URL, route: TokenRoute): Promise<Response> {
  let token: string | null = null;
  const retry = (note: string) => formPage(url, route, token as string, note, 400);
  try {
    if (request.method === "GET") {
      token = url.searchParams.get("token");
      if (!isTokenShaped(token)) return invalidPage();
      return formPage(url, route, token, undefined, 200);
    }
    const form = await readForm(request, MAX_FORM_BYTES);
    token = form.get("token");
    if (!isTokenShaped(token)) return invalidPage();
    const password = form.get("password");
    await route.redeem(token, password === null || password === "" ? undefined : password);
    return htmlPage({ title: route.text.doneTitle, paragraphs: [route.text.done] }, 200);
  } catch (error) {
    return failurePage(error, route, retry);
  }
}
