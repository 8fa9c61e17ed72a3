const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 248 = 4 × 62: bytes at or above it are redrawn, so every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 248;
const LENGTH = 8;

/** NEC's username for a signup without one: 8 letters and digits from the platform CSPRNG. */
export function randomUsername(): string {
  let name = "";
  while (name.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH))) {
      if (byte < UNBIASED_LIMIT && name.length < LENGTH) name += ALPHABET.charAt(byte % 62);
    }
  }
  return name;
}
