/** `Content-Type` of every JSON response. */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** Extra headers of one response. */
export type ExtraHeaders = Readonly<Record<string, string>>;

/**
 * Where a JSON response keeps its body text, so a server adapter (`signupkit/node`) can write it to the socket
 * without reading the Response's stream. A registered symbol, so copies of the library agree on it.
 */
export const RESPONSE_TEXT: unique symbol = Symbol.for("signupkit.responseText");

/** The body text of a response made by {@link jsonResponse}, while its body is unread; `undefined` otherwise. */
export function responseText(response: Response): string | undefined {
  const text = (response as { [RESPONSE_TEXT]?: string })[RESPONSE_TEXT];
  return text === undefined || response.bodyUsed ? undefined : text;
}

/** A JSON response with `Content-Type: application/json; charset=utf-8` and `Cache-Control: no-store`. */
export function jsonResponse(body: unknown, status: number, headers: ExtraHeaders = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: {
      "Content-Type": JSON_CONTENT_TYPE,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
  Object.defineProperty(response, RESPONSE_TEXT, { value: text });
  return response;
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
