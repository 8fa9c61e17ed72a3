import type { IncomingMessage } from "node:http";

/** Whether a body parser (express.json(), body-parser, koa-body, …) already read the request's body stream. */
export function bodyWasRead(req: IncomingMessage): boolean {
  return req.readableEnded || req.readableDidRead || (req as { _body?: unknown })._body === true;
}

/**
 * The bytes a handler should see for a body a framework already parsed: a `Buffer`/`Uint8Array` as is, a string
 * as UTF-8, and a parsed value serialized again: as a form for `application/x-www-form-urlencoded` requests, as
 * JSON otherwise. The handler then applies the same `Content-Type` (415), size (413) and shape (400) rules as to
 * a body it read itself; the original `Content-Length` header is kept, so a too-large body is still refused.
 */
export function bytesOfParsedBody(parsed: unknown, contentType: string | undefined): Buffer {
  if (parsed === undefined || parsed === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(parsed)) return parsed;
  if (parsed instanceof Uint8Array) return Buffer.from(parsed.buffer, parsed.byteOffset, parsed.byteLength);
  if (typeof parsed === "string") return Buffer.from(parsed, "utf8");
  if (/^\s*application\/x-www-form-urlencoded/i.test(contentType ?? "") && typeof parsed === "object") {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(parsed)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
    }
    return Buffer.from(form.toString(), "utf8");
  }
  return Buffer.from(JSON.stringify(parsed) ?? "", "utf8");
}

/**
 * Makes a body a framework already consumed readable again for the bridge: the bytes go to `req.rawBody`, which
 * the bridge reads instead of the (ended) stream. A `rawBody` Buffer the app kept itself (e.g. a body parser's
 * `verify` hook) is the exact bytes and is used as is.
 */
export function restoreConsumedBody(req: IncomingMessage, parsed: unknown): void {
  const holder = req as IncomingMessage & { rawBody?: unknown };
  if (Buffer.isBuffer(holder.rawBody)) return;
  const bytes = bytesOfParsedBody(parsed, req.headers["content-type"]);
  Object.defineProperty(holder, "rawBody", { value: bytes, configurable: true, writable: true });
}
