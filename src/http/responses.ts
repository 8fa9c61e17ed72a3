/** `Content-Type` of every JSON response. */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** Extra headers of one response. */
export type ExtraHeaders = Readonly<Record<string, string>>;

/** A JSON response with `Content-Type: application/json; charset=utf-8` and `Cache-Control: no-store`. */
export function jsonResponse(body: unknown, status: number, headers: ExtraHeaders = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": JSON_CONTENT_TYPE,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}

/** `Retry-After` (whole seconds, at least 1) when a retry hint is known, else nothing. */
export function retryAfterHeader(seconds: number | undefined): ExtraHeaders {
  if (seconds === undefined || !Number.isFinite(seconds)) return {};
  return { "Retry-After": String(Math.max(1, Math.ceil(seconds))) };
}

/** `Allow` when a 405 names the allowed methods, else nothing. */
export function allowHeader(allow: string | undefined): ExtraHeaders {
  return allow === undefined ? {} : { Allow: allow };
}
