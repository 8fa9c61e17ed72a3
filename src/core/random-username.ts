const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 248 = 4 × 62: bytes at or above it are redrawn, so every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 248;
const LENGTH = 8;
const pool = new Uint8Array(4096);
let poolIndex = pool.length;

function nextByte(): number {
  if (poolIndex === pool.length) {
    crypto.getRandomValues(pool);
    poolIndex = 0;
  }
  return pool[poolIndex++] as number;
}

/** NEC's username for a signup without one: 8 letters and digits from the platform CSPRNG. */
export function randomUsername(): string {
  let out = "";
  while (out.length < LENGTH) {
    const byte = nextByte();
    if (byte < UNBIASED_LIMIT) out += ALPHABET[byte % 62];
  }
  return out;
}
