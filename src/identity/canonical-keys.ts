const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Invisible characters: zero-width space and joiners, soft hyphen, bidi controls, variation selectors, tags. */
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** A combining dot above on a soft-dotted i or j draws nothing new: `i̇` (what U+0130 lower-cases to) looks like `i`. */
const DOT_ABOVE_ON_I = /(?<=[ij])\u0307+/g;
/** The full stops IDNA treats as a label separator besides `.`: ideographic (U+3002) and its half-width form. */
const IDEOGRAPHIC_DOTS = /[\u3002\uff61]/g;
/** Characters that would make `http://<domain>/` parse as something other than a host: skip IDNA for them. */
const NOT_A_HOST = /[\s/?#\\:@%[\]]/u;
const WHITESPACE_RUN = /\s+/g;
/** Rounds of the Unicode fold before giving up on a fixed point (one or two suffice for real text). */
const MAX_ROUNDS = 4;

function foldOnce(value: string): string {
  return value
    .replace(DEFAULT_IGNORABLE, "")
    .normalize("NFKC")
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replace(DOT_ABOVE_ON_I, "")
    .normalize("NFKC")
    .replace(DEFAULT_IGNORABLE, "");
}

/**
 * Folds an identity string so that look-alikes collide. ASCII without control characters takes a fast path
 * (lower case) that gives the same result as the full fold, which is, repeated until it no longer changes the text:
 * - default-ignorable characters removed: U+200B zero-width space, U+200C/U+200D joiners, U+2060 word joiner,
 *   U+FEFF, U+00AD soft hyphen, bidi controls, variation selectors, tag characters (invisible, so two strings that
 *   differ only in them look identical);
 * - Unicode NFKC: NFC vs NFD, full-width vs ASCII, the Kelvin sign U+212A → k, the Ohm sign, ligatures (ﬀ → ff);
 * - full case folding as lower, upper, then lower case: sharp s ß and capital sharp s ẞ → ss, dotless ı → i,
 *   long s ſ → s, final sigma ς → σ;
 * - a combining dot above after i or j removed: dotted capital İ (U+0130, lower-cased `i̇`) → i.
 *
 * Confusables across scripts (Cyrillic а vs Latin a) and ASCII look-alikes (l, I, 1) are NOT folded: they are
 * different characters a user can tell apart or type on purpose, and folding them would refuse real names.
 */
export function foldIdentity(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return value.toLowerCase();
  let folded = value;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = foldOnce(folded);
    if (next === folded) break;
    folded = next;
  }
  return folded;
}

/**
 * The key that decides username uniqueness within a tenant: `foldIdentity` (Unicode case folding and NFKC), then whitespace trimmed at both
 * ends and every run of whitespace made one space (NEC allows spaces in usernames; `taro ` and `taro` look alike).
 */
export function usernameKey(username: string): string {
  const folded = foldIdentity(username);
  const last = folded.length - 1;
  if (folded.includes("  ") || folded[0] === " " || folded[last] === " " || !PRINTABLE_ASCII.test(folded)) {
    return folded.replace(WHITESPACE_RUN, " ").trim();
  }
  return folded;
}

/** The domain in IDNA ASCII form (`bücher.example` → `xn--bcher-kva.example`), or as given when it cannot be one. */
function asciiDomain(domain: string): string {
  if (PRINTABLE_ASCII.test(domain) || NOT_A_HOST.test(domain)) return domain;
  try {
    const host = new URL(`http://${domain}/`).hostname;
    return PRINTABLE_ASCII.test(host) ? host : domain;
  } catch {
    return domain;
  }
}

/**
 * The key that decides email uniqueness within a tenant, so that one mailbox never belongs to two users:
 * - the whole address folded like a username (case folding and NFKC; the local part is compared without case, as
 *   every major provider does);
 * - in the domain, ideographic full stops (U+3002, U+FF61) read as `.`, a non-ASCII domain converted to its IDNA
 *   ASCII form (`a@bücher.example` and `a@xn--bcher-kva.example` are one mailbox), and trailing dots removed
 *   (`a@example.com.` is the mailbox `a@example.com`).
 *
 * Provider-specific aliases (Gmail dots, `+tag` sub-addresses) are NOT folded: they are distinct addresses by the
 * standard, and a host that wants one account per inbox can refuse them in `beforeCreate`.
 */
export function emailKey(email: string): string {
  let folded = foldIdentity(email);
  const at = folded.lastIndexOf("@");
  if (at >= 0 && !PRINTABLE_ASCII.test(folded)) {
    const domain = folded.slice(at + 1).replace(IDEOGRAPHIC_DOTS, ".");
    folded = folded.slice(0, at + 1) + asciiDomain(domain);
  }
  let end = folded.length;
  while (end > 0 && folded.charCodeAt(end - 1) === 0x2e) end--;
  return end === folded.length ? folded : folded.slice(0, end);
}
