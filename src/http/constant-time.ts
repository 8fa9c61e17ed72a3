const encoder = new TextEncoder();

async function sha256(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

/**
 * Compares two strings in time that depends on neither their contents nor their lengths: both are hashed
 * (SHA-256 over their UTF-8 bytes, so the work grows with the caller's own input only) and the fixed-size digests
 * are compared without an early exit. Use it for application keys and other shared secrets.
 *
 * @example
 * if (await constantTimeEqual(request.headers.get("X-Application-Key") ?? "", app.appKey)) { ... }
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([sha256(a), sha256(b)]);
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= (left[i] as number) ^ (right[i] as number);
  return difference === 0;
}
