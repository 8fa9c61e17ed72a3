import { randomByte } from "./random-pool.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 248 = 4 × 62: bytes at or above it are redrawn, so every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 248;
const LENGTH = 8;
/** Character codes of the name being drawn; one string is made from them at the end. */
const codes: number[] = new Array<number>(LENGTH).fill(0);

/** NEC's username for a signup without one: 8 letters and digits from the platform CSPRNG. */
export function randomUsername(): string {
  for (let n = 0; n < LENGTH; ) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) codes[n++] = ALPHABET.charCodeAt(byte % 62);
  }
  return String.fromCharCode.apply(null, codes);
}
