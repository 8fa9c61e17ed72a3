import type { Issue, PasswordRule } from "../../errors/issue.js";
import { isSignupError, type SignupError } from "../../errors/signup-error.js";
import { HttpProblem } from "../http-problem.js";
import { allowHeader, jsonResponse, retryAfterHeader } from "../responses.js";

/** Auth0's error body. Password errors add `message` and (strength) `policy`; strength errors a rules object. */
export interface Auth0ErrorBody {
  /** The error class, e.g. `BadRequestError`, `PasswordStrengthError`. */
  name: string;
  /** The error code, e.g. `invalid_signup`, `invalid_password`, `user_exists`. */
  code: string;
  /** Human-readable text, or for a strength failure the rules report. */
  description:
    | string
    | {
        /** Every rule of the strength level, each with whether the password passed it. */
        rules: PasswordRule[];
      };
  /** The HTTP status. */
  statusCode: number;
  /** For a password failure: which rule. */
  message?: string;
  /** For a strength failure: the level's policy text. */
  policy?: string;
}

const INVALID_SIGNUP: Auth0ErrorBody = {
  name: "BadRequestError",
  code: "invalid_signup",
  description: "Invalid sign up",
  statusCode: 400,
};

/** Password issue codes, in the order one is chosen when several are reported. */
const PASSWORD_ERRORS: Readonly<Record<string, { name: string; text: string }>> = {
  password_too_weak: { name: "PasswordStrengthError", text: "Password is too weak" },
  password_too_common: { name: "PasswordDictionaryError", text: "Password is too common" },
  password_contains_user_info: {
    name: "PasswordNoUserInfoError",
    text: "Password is based on user information",
  },
  password_breached: { name: "PasswordBreachedError", text: "Password has appeared in a data breach" },
};

function body(name: string, code: string, description: string, statusCode: number): Auth0ErrorBody {
  return { name, code, description, statusCode };
}

/**
 * 400 for policy issues. Any issue that is not about password strength (a missing or malformed field, an unknown
 * property) wins: the answer is `invalid_signup`, as Auth0 checks parameters before it rates the password. Only
 * when every issue is a password rule does the answer name it (`invalid_password`), the first of strength,
 * dictionary, user information, breach.
 */
function invalidInput(issues: readonly Issue[]): Auth0ErrorBody {
  if (issues.length === 0 || issues.some((issue) => PASSWORD_ERRORS[issue.code] === undefined)) {
    return INVALID_SIGNUP;
  }
  for (const code of Object.keys(PASSWORD_ERRORS)) {
    const issue = issues.find((candidate) => candidate.code === code);
    const kind = PASSWORD_ERRORS[code];
    if (issue === undefined || kind === undefined) continue;
    if (issue.strength !== undefined) {
      const { rules, policy } = issue.strength;
      return {
        ...body(kind.name, "invalid_password", "", 400),
        description: { rules },
        message: kind.text,
        policy,
      };
    }
    return { ...body(kind.name, "invalid_password", kind.text, 400), message: kind.text };
  }
  return INVALID_SIGNUP;
}

function fromSignupError(error: SignupError): Auth0ErrorBody {
  switch (error.code) {
    case "invalid_input":
      return invalidInput(error.issues);
    case "unknown_tenant":
      return INVALID_SIGNUP;
    case "email_exists":
    case "username_exists":
    case "id_exists":
      // Live Auth0 answers 400; the documented answer for an existing user is 409, and that is what we follow.
      return body("BadRequestError", "user_exists", "The user already exists.", 409);
    case "forbidden":
      return body("UnauthorizedError", "unauthorized", error.message, 403);
    case "too_many_requests":
      return body("TooManyRequestsError", "too_many_requests", error.message, 429);
    case "unavailable":
    case "overloaded":
    case "mail_unavailable":
      return body("ServiceUnavailableError", "temporarily_unavailable", error.message, 503);
    default:
      return body("BadRequestError", error.code, error.message, error.status);
  }
}

const PROBLEMS: Readonly<Record<string, { name: string; code: string }>> = {
  not_found: { name: "NotFoundError", code: "not_found" },
  method_not_allowed: { name: "MethodNotAllowedError", code: "method_not_allowed" },
  unauthorized: { name: "UnauthorizedError", code: "unauthorized" },
  unsupported_media_type: { name: "UnsupportedMediaTypeError", code: "unsupported_media_type" },
  payload_too_large: { name: "PayloadTooLargeError", code: "payload_too_large" },
};

/**
 * The one place a failure becomes an Auth0 response `{name, code, description, statusCode}`: 400 `invalid_signup`
 * (missing or invalid parameters, unknown client or connection, a body that is not a JSON object) or
 * `invalid_password` (Password*Error), 403, 404, 405 (`Allow`), 409 `user_exists`, 413, 415, 429/503
 * (`Retry-After` when known), and 500 with a generic body for anything unexpected (reported, as are the 503s).
 */
export function auth0ErrorResponse(error: unknown, report: (error: unknown) => void): Response {
  if (error instanceof HttpProblem) {
    const problem = PROBLEMS[error.kind];
    const payload = problem ? body(problem.name, problem.code, error.message, error.status) : INVALID_SIGNUP;
    return jsonResponse(payload, payload.statusCode, allowHeader(error.allow));
  }
  if (isSignupError(error) && error.status !== 500) {
    if (error.status >= 500) report(error);
    const payload = fromSignupError(error);
    return jsonResponse(payload, payload.statusCode, retryAfterHeader(error.retryAfter));
  }
  report(error);
  return jsonResponse(body("InternalServerError", "internal_error", "Internal server error", 500), 500);
}
