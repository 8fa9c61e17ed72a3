import { PwnedPasswordsError } from "./pwned-passwords-error.js";

/** Longest range body accepted, in bytes (UTF-8) and characters: a real one is about 40 KB even with padding. */
export const MAX_RANGE_CHARS = 1_048_576;

const LINE = /^([0-9A-Fa-f]{35}):(\d{1,12})$/;

/**
 * Parses a range response (`SUFFIX:COUNT` lines, CRLF or LF) into the set of upper-case suffixes seen at least
 * `minCount` times. Padding entries (count 0) never reach the set. A body that is too long or has a line of any
 * other shape is not a range response: it throws, so that the check's `failure` option decides.
 */
export function parseRange(body: string, minCount: number): ReadonlySet<string> {
  if (body.length > MAX_RANGE_CHARS)
    throw new PwnedPasswordsError("The Pwned Passwords range response is too large.");
  const suffixes = new Set<string>();
  for (const raw of body.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") continue;
    const match = LINE.exec(line);
    if (match === null) throw new PwnedPasswordsError("The Pwned Passwords range response is malformed.");
    if (Number(match[2]) >= minCount) suffixes.add((match[1] as string).toUpperCase());
  }
  return suffixes;
}
