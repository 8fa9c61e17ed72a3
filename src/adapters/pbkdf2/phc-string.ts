/** The identifier of the hashes {@link formatPbkdf2Hash} writes: PBKDF2 with HMAC-SHA-256. */
export const PBKDF2_ID = "pbkdf2-sha256";

/** The parts of a stored `$pbkdf2-sha256$i=<iterations>$<salt>$<hash>` string. */
export interface Pbkdf2Hash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

// Unpadded standard base64 (the PHC string format's B64): 16 to 64 bytes of salt, exactly 32 bytes of hash (a
// shorter hash would compare fewer bytes).
const PATTERN = /^\$pbkdf2-sha256\$i=([1-9][0-9]{0,8})\$([A-Za-z0-9+/]{22,86})\$([A-Za-z0-9+/]{43})$/;

/** Unpadded standard base64, with the platform's `btoa` (every runtime has it). */
export function toB64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

/** Decodes unpadded standard base64; `atob` accepts missing padding (forgiving-base64). */
function fromB64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Writes a hash in the PHC string format: `$pbkdf2-sha256$i=600000$<salt>$<hash>`. */
export function formatPbkdf2Hash(iterations: number, salt: Uint8Array, hash: Uint8Array): string {
  return `$${PBKDF2_ID}$i=${iterations}$${toB64(salt)}$${toB64(hash)}`;
}

/** Reads a stored hash; `undefined` for anything else (another scheme, a malformed or truncated string). */
export function parsePbkdf2Hash(stored: string): Pbkdf2Hash | undefined {
  const match = PATTERN.exec(stored);
  if (match === null) return undefined;
  const salt = fromB64(match[2] as string);
  const hash = fromB64(match[3] as string);
  if (salt === undefined || hash === undefined) return undefined;
  return { iterations: Number(match[1]), salt, hash };
}
