import { PwnedPasswordsError } from "./pwned-passwords-error.js";

/**
 * Reads a response body as UTF-8 text, at most `maxBytes` bytes: past the limit it stops reading, cancels the
 * stream (which closes the connection) and throws, so an endless or oversized body never grows memory beyond the
 * limit. A response without a stream body (a custom fetch) is read with `text()` and checked afterwards.
 */
export async function readBounded(
  response: { body?: ReadableStream<Uint8Array> | null; text(): Promise<string> },
  maxBytes: number,
): Promise<string> {
  const tooLarge = () => new PwnedPasswordsError("The Pwned Passwords range response is too large.");
  const body = response.body;
  if (body === undefined || body === null || typeof body.getReader !== "function") {
    const text = await response.text();
    if (text.length > maxBytes) throw tooLarge();
    return text;
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    if (value === undefined) continue;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}
