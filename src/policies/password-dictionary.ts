import { COMMON_PASSWORDS } from "./dictionary/common-passwords.js";

/** Auth0's dictionary option: on by default; `words` adds tenant-specific passwords to refuse. */
export type PasswordDictionaryOption =
  | boolean
  | {
      /** Whether the dictionary is on (default true). */
      enabled?: boolean;
      /** More passwords to refuse, compared case-insensitively with the whole password. */
      words?: readonly string[];
    };

let common: ReadonlySet<string> | undefined;

/** The 10,000 common passwords as a Set, built on first use (a policy without the dictionary never pays for it). */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(COMMON_PASSWORDS.split("\n"));
  return common;
}

/** Whether a password is in the dictionary; compared case-insensitively. */
export type DictionaryCheck = (password: string) => boolean;

/**
 * Builds the dictionary check of one policy, or `undefined` when the dictionary is off. Tenant words are
 * lower-cased once here; empty words are ignored. The whole password is compared, not substrings (as in Auth0).
 */
export function createDictionaryCheck(
  option: PasswordDictionaryOption | undefined,
): DictionaryCheck | undefined {
  const enabled = typeof option === "object" ? option.enabled !== false : option !== false;
  if (!enabled) return undefined;
  const words = typeof option === "object" ? (option.words ?? []) : [];
  const tenant = new Set(words.filter((word) => word.length > 0).map((word) => word.toLowerCase()));
  return (password) => {
    const lower = password.toLowerCase();
    return commonPasswords().has(lower) || tenant.has(lower);
  };
}
