import { HttpProblem } from "./http-problem.js";

/** Default `maxBodyBytes`: 64 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** The essence (`type/subtype`, lower-cased) and `charset` (lower-cased) of a `Content-Type` header. */
function parseContentType(header: string | null): { type: string; charset: string | undefined } | undefined {
  if (header === null) return undefined;
  const [essence = "", ...params] = header.split(";");
  let charset: string | undefined;
  for (const param of params) {
    const at = param.indexOf("=");
    if (at === -1) continue;
    if (param.slice(0, at).trim().toLowerCase() !== "charset") continue;
    charset = param
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .toLowerCase();
  }
  return { type: essence.trim().toLowerCase(), charset };
}

/**
 * Throws 415 unless the request's `Content-Type` is `expected` (parameters allowed; a `charset`, when given, must
 * be UTF-8 because the body is decoded as UTF-8).
 */
export function requireContentType(request: Request, expected: string): void {
  const parsed = parseContentType(request.headers.get("content-type"));
  const charsetOk = parsed?.charset === undefined || parsed.charset === "utf-8" || parsed.charset === "utf8";
  if (parsed?.type !== expected || !charsetOk) {
    throw new HttpProblem("unsupported_media_type", `Content-Type must be ${expected}.`);
  }
}

function tooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem("payload_too_large", `The request body must be at most ${maxBytes} bytes.`);
}

/**
 * Reads the whole body, refusing (413) one over `maxBytes` before it is buffered: a larger `Content-Length` is
 * refused without reading, and a body without one (chunked) is counted chunk by chunk and cancelled once over the
 * limit.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim())) {
    if (Number(declared) > maxBytes) {
      await request.body?.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    // A declared length within the limit: one arrayBuffer() call, which a Node bridge (signupkit/node) answers
    // from node's own buffers without a Web stream. The length is checked again for a body that lied.
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpProblem("malformed_body", "The request body is not valid UTF-8.");
  }
}

/** Whether a parsed JSON value is an object (not an array, not null). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks `Content-Type: application/json` (415), reads at most `maxBytes` (413) and parses one JSON object
 * (400 `malformed_body` for invalid UTF-8, invalid JSON, or any JSON value that is not an object).
 */
export async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  requireContentType(request, "application/json");
  const text = decodeUtf8(await readLimitedBody(request, maxBytes));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpProblem("malformed_body", "The request body is not valid JSON.");
  }
  if (!isJsonObject(value))
    throw new HttpProblem("malformed_body", "The request body must be a JSON object.");
  return value;
}

/** Checks `Content-Type: application/x-www-form-urlencoded` (415), reads at most `maxBytes` (413) and parses it. */
export async function readForm(request: Request, maxBytes: number): Promise<URLSearchParams> {
  requireContentType(request, "application/x-www-form-urlencoded");
  return new URLSearchParams(decodeUtf8(await readLimitedBody(request, maxBytes)));
}
