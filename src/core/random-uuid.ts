import { randomByte } from "./random-pool.js";

const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
/** Character codes of the UUID being drawn, dashes in place; one string is made from them at the end. */
const codes: number[] = Array.from("00000000-0000-0000-0000-000000000000", (c) => c.charCodeAt(0));

/**
 * A random (version 4, RFC 9562) UUID from the pooled CSPRNG, lower-case, as one flat string: its characters are
 * written into one array and made a string once (`crypto.randomUUID()` on Node joins 20 pieces into a rope).
 */
export function randomUuid(): string {
  let at = 0;
  for (let i = 0; i < 16; i++) {
    let byte = randomByte();
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (at === 8 || at === 13 || at === 18 || at === 23) at++;
    codes[at++] = HEX[byte >> 4] as number;
    codes[at++] = HEX[byte & 15] as number;
  }
  return String.fromCharCode.apply(null, codes);
}
