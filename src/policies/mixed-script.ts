/**
 * Mixed-script detection for the labels of an email address, after UTS #39's "highly restrictive" level (the one
 * browsers use to decide whether an IDN is shown as Unicode): every label's letters come from one script, or from
 * Latin with the scripts of Japanese (Han, Hiragana, Katakana), Chinese (Han, Bopomofo) or Korean (Han, Hangul).
 * Characters of the Common and Inherited scripts (digits, `-`, combining marks) belong to any script.
 *
 * Scripts are told apart by the list below; letters of a script not listed share one "other" bucket, so a label
 * mixing two unlisted scripts is not caught. A label written entirely in one script (a whole-script confusable,
 * Cyrillic `аре` for Latin `ape`) is not caught either: that needs the confusables data, which this does not carry.
 */

const SCRIPTS: readonly [string, RegExp][] = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Georgian",
  "Hangul",
  "Ethiopic",
  "Cherokee",
  "Khmer",
  "Mongolian",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Han",
].map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")]);

const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** The combinations with Latin that "highly restrictive" allows (besides one script alone). */
const ALLOWED_SETS: readonly ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

function scriptOf(char: string): string {
  for (const [name, pattern] of SCRIPTS) if (pattern.test(char)) return name;
  return "other";
}

/** Whether one label (no dots) mixes scripts beyond what "highly restrictive" allows. ASCII is never mixed. */
export function isMixedScriptLabel(label: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the fast path.
  if (/^[\x00-\x7f]*$/.test(label)) return false;
  const seen = new Set<string>();
  for (const char of label) {
    if (!NEUTRAL.test(char)) seen.add(scriptOf(char));
  }
  if (seen.size <= 1) return false;
  return !ALLOWED_SETS.some((allowed) => [...seen].every((script) => allowed.has(script)));
}

/** Whether any label of an address (the local part's and the domain's, split on `.` and `@`) mixes scripts. */
export function hasMixedScriptLabel(address: string): boolean {
  return address.split(/[.@]/).some(isMixedScriptLabel);
}
