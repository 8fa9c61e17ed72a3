/**
 * Which characters a text may hold besides well-formed UTF-16:
 * - `"storable"`: anything but U+0000 (NUL), which PostgreSQL refuses in `text` and as `\u0000` in `jsonb`;
 * - `"plain"`: no C0 control character at all (U+0000-U+001F: NUL, tab, newline, escape, ...), for identity and
 *   profile fields, where a control character is never legitimate and would hide in logs, mails and UIs.
 *
 * Either way a lone UTF-16 surrogate is refused: the `pg` driver encodes it as U+FFFD, so it would not round-trip.
 */
export type TextCharacters = "storable" | "plain";

/** The lowest char code each {@link TextCharacters} allows. */
const LOWEST: Readonly<Record<TextCharacters, number>> = { storable: 0x01, plain: 0x20 };

/**
 * Whether `text` is well-formed UTF-16 without the control characters `allowed` refuses. One pass of
 * `charCodeAt` with two comparisons per ordinary character; the surrogate branch runs only from U+D800 up. Callers
 * bound the length first, so a hostile size is never scanned.
 */
export function isCleanText(text: string, allowed: TextCharacters): boolean {
  const lowest = LOWEST[allowed];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < lowest) return false;
    if (code >= 0xd800 && code <= 0xdfff) {
      // A low surrogate here has no high one before it; a high one needs a low one next (NaN past the end).
      if (code >= 0xdc00) return false;
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** The end of an `invalid_characters` message for `allowed`: "must not contain ...". */
export function cleanTextRule(allowed: TextCharacters): string {
  return allowed === "plain"
    ? "must not contain control characters (U+0000-U+001F) or unpaired UTF-16 surrogates"
    : "must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates";
}

/**
 * `text` with every NUL and lone surrogate replaced by U+FFFD, for echoing a client's property name in an issue:
 * the echo itself is then storable and valid JSON text for any consumer. Returns `text` itself when it is clean.
 */
export function replaceUncleanText(text: string): string {
  if (isCleanText(text, "storable")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || (code >= 0xdc00 && code <= 0xdfff)) {
      out += "\ufffd";
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else {
        out += "\ufffd";
      }
    } else {
      out += text[i];
    }
  }
  return out;
}
