import type { Issue } from "../../errors/issue.js";
import { isSignupError } from "../../errors/signup-error.js";
import { HttpProblem } from "../http-problem.js";
import { allowHeader, jsonResponse, retryAfterHeader } from "../responses.js";

/** NEC's error body: `{"error": "<message>"}`. */
export interface BaasErrorBody {
  /** What went wrong, in words. */
  error: string;
}

/** What the error mapping needs from the request it answers. */
export interface BaasErrorContext {
  /** Issue field → NEC wire name (`id` → `_id`, `metadata.x` → `options.x`). */
  wireName?: (field: string) => string;
  /** Receives every failure answered with a 5xx. */
  report(error: unknown): void;
}

const INTERNAL = "Internal server error.";

function issuesMessage(issues: readonly Issue[], wireName: (field: string) => string): string {
  const parts = issues.map((issue) =>
    issue.field === "" ? issue.message : `${wireName(issue.field)}: ${issue.message}`,
  );
  return `Invalid parameters. ${parts.join(" ")}`.trim();
}

/**
 * The one place a failure becomes a NEC BaaS response: `{"error": message}` with 400 (listing every issue in wire
 * names), 401, 403, 404, 405 (`Allow`), 409, 413, 415, 429/503 (`Retry-After` when known), and 500 with a generic
 * message for anything unexpected (which goes to `report`, as do the 503s).
 */
export function baasErrorResponse(error: unknown, context: BaasErrorContext): Response {
  if (error instanceof HttpProblem) {
    return jsonResponse(
      { error: error.message } satisfies BaasErrorBody,
      error.status,
      allowHeader(error.allow),
    );
  }
  if (isSignupError(error) && error.status !== 500) {
    if (error.status >= 500) context.report(error);
    const message =
      error.code === "invalid_input"
        ? issuesMessage(error.issues, context.wireName ?? ((field) => field))
        : error.message;
    return jsonResponse(
      { error: message } satisfies BaasErrorBody,
      error.status,
      retryAfterHeader(error.retryAfter),
    );
  }
  context.report(error);
  return jsonResponse({ error: INTERNAL } satisfies BaasErrorBody, 500);
}
