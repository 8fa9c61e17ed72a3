/** A request the HTTP layer refuses before the service sees it. Each dialect renders it in its own error body. */
export type HttpProblemKind =
  | "not_found"
  | "method_not_allowed"
  | "unauthorized"
  | "unsupported_media_type"
  | "payload_too_large"
  | "malformed_body"
  | "invalid_signup";

/** HTTP status of each {@link HttpProblemKind}. */
export const PROBLEM_STATUS: Record<HttpProblemKind, number> = {
  not_found: 404,
  method_not_allowed: 405,
  unauthorized: 401,
  unsupported_media_type: 415,
  payload_too_large: 413,
  malformed_body: 400,
  invalid_signup: 400,
};

/** Thrown inside a handler for a transport-level refusal; caught and rendered by the dialect's error module. */
export class HttpProblem extends Error {
  override readonly name = "HttpProblem";
  readonly kind: HttpProblemKind;
  readonly status: number;
  /** The `Allow` header of a 405. */
  readonly allow: string | undefined;

  constructor(kind: HttpProblemKind, message: string, allow?: string) {
    super(message);
    this.kind = kind;
    this.status = PROBLEM_STATUS[kind];
    this.allow = allow;
  }
}

/** Throws a 405 unless `method` is one of `allowed`. */
export function requireMethod(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) {
    throw new HttpProblem("method_not_allowed", "Method not allowed.", allowed.join(", "));
  }
}
