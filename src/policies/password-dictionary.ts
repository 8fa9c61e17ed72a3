/** Auth0's dictionary option: on by default; `words` adds tenant-specific passwords to refuse. */
export type PasswordDictionaryOption =
  | boolean
  | {
      /** Whether the dictionary is on (default true). */
      enabled?: boolean;
      /** More passwords to refuse, compared case-insensitively with the whole password. */
      words?: readonly string[];
    };

/** `true` in the CommonJS build (tsup defines it per format), where the dictionary is required, not imported. */
declare const __SIGNUPKIT_CJS__: boolean;
const CJS = typeof __SIGNUPKIT_CJS__ === "boolean" && __SIGNUPKIT_CJS__;

const CJS_DICTIONARY = "./common-passwords.cjs";

let common: ReadonlySet<string> | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the 10,000 common passwords (about 88 KB of source) on first call, with a dynamic import, so that importing
 * the package, or a bundle that uses only the NEC BaaS policy, never carries them. `undefined` once loaded; a failed
 * load is not kept.
 */
export function loadCommonPasswords(): Promise<void> | undefined {
  if (common !== undefined) return undefined;
  // CommonJS hosts such as Jest run no dynamic import() without a flag: the CommonJS build requires the file
  // (its own tsup entry, beside every chunk); a specifier in a variable keeps it out of the ES module build.
  const module: Promise<typeof import("./dictionary/common-passwords.js")> = CJS
    ? Promise.resolve().then(() => require(CJS_DICTIONARY))
    : import("./dictionary/common-passwords.js");
  loading ??= module.then(
    (module) => {
      common = new Set(module.COMMON_PASSWORDS.split("\n"));
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether a password is in the dictionary; compared case-insensitively. */
export type DictionaryCheck = (password: string) => boolean;

/**
 * Builds the dictionary check of one policy, or `undefined` when the dictionary is off. Tenant words are
 * lower-cased once here; empty words are ignored. The whole password is compared, not substrings (as in Auth0).
 * The check throws when {@link loadCommonPasswords} has not finished: a policy's `load()` must be awaited first.
 */
export function createDictionaryCheck(
  option: PasswordDictionaryOption | undefined,
): DictionaryCheck | undefined {
  const enabled = typeof option === "object" ? option.enabled !== false : option !== false;
  if (!enabled) return undefined;
  const words = typeof option === "object" ? (option.words ?? []) : [];
  const tenant = new Set(words.filter((word) => word.length > 0).map((word) => word.toLowerCase()));
  return (password) => {
    if (common === undefined) {
      throw new Error(
        "auth0Policy: the password dictionary is not loaded; `await policy.load()` before `parse`.",
      );
    }
    const lower = password.toLowerCase();
    return common.has(lower) || tenant.has(lower);
  };
}
