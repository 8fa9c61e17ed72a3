import { AUTH0_USERNAME_MAX_LENGTH } from "./auth0-fields.js";
import type { PasswordDictionaryOption } from "./password-dictionary.js";
import { PASSWORD_STRENGTHS, type PasswordStrength } from "./password-strength.js";
import { booleanOption, checkOptionKeys, configError, integerOption } from "./policy-options.js";

/** An Auth0 database connection's signup settings; every option has Auth0's default. */
export interface Auth0PolicyOptions {
  /**
   * The connection requires a username (default false). Off, a given username is refused (`not_allowed`);
   * on, a missing one is `required`.
   */
  requireUsername?: boolean;
  /** Shortest username, 1..128 (default 1). */
  usernameMinLength?: number;
  /** Longest username, `usernameMinLength`..128 (default 15). */
  usernameMaxLength?: number;
  /** The password-strength level (default "good"). */
  passwordStrength?: PasswordStrength;
  /** Shortest password, 1..72; replaces the level's minimum length. */
  passwordMinLength?: number;
  /** Refuse the 10,000 most common passwords plus `words` (default on); compared case-insensitively. */
  passwordDictionary?: PasswordDictionaryOption;
  /** Refuse passwords containing the user's name, username, nickname or email local part (default true). */
  passwordNoPersonalInfo?: boolean;
}

/** {@link Auth0PolicyOptions} checked and completed with defaults. */
export interface ResolvedAuth0Options {
  requireUsername: boolean;
  username: { min: number; max: number };
  passwordStrength: PasswordStrength;
  passwordMinLength: number | undefined;
  passwordDictionary: PasswordDictionaryOption;
  passwordNoPersonalInfo: boolean;
}

/** The factory's name in error messages. */
export const AUTH0_POLICY = "auth0Policy";

const OPTION_KEYS = [
  "requireUsername",
  "usernameMinLength",
  "usernameMaxLength",
  "passwordStrength",
  "passwordMinLength",
  "passwordDictionary",
  "passwordNoPersonalInfo",
] as const;

function dictionaryOption(value: unknown): PasswordDictionaryOption {
  if (value === undefined) return true;
  if (typeof value === "boolean") return value;
  const options = checkOptionKeys(`${AUTH0_POLICY} passwordDictionary`, value, ["enabled", "words"]);
  const enabled = booleanOption(AUTH0_POLICY, options, "enabled", true);
  const words = options.words;
  if (words === undefined) return { enabled };
  if (!Array.isArray(words) || !words.every((word) => typeof word === "string")) {
    throw configError(AUTH0_POLICY, "passwordDictionary.words must be an array of strings.");
  }
  return { enabled, words: [...words] };
}

/** Checks the options of {@link Auth0PolicyOptions}; throws `SignupError("invalid_config")` for a bad one. */
export function resolveAuth0Options(input: unknown): ResolvedAuth0Options {
  const options = checkOptionKeys(AUTH0_POLICY, input, OPTION_KEYS);
  const ceiling = AUTH0_USERNAME_MAX_LENGTH;
  const min = integerOption(AUTH0_POLICY, options, "usernameMinLength", {
    min: 1,
    max: ceiling,
    fallback: 1,
  });
  const max = integerOption(AUTH0_POLICY, options, "usernameMaxLength", {
    min,
    max: ceiling,
    fallback: Math.max(15, min),
  });
  const strength = options.passwordStrength ?? "good";
  if (!PASSWORD_STRENGTHS.includes(strength as PasswordStrength)) {
    throw configError(AUTH0_POLICY, `passwordStrength must be one of ${PASSWORD_STRENGTHS.join(", ")}.`);
  }
  const passwordMinLength =
    options.passwordMinLength === undefined
      ? undefined
      : integerOption(AUTH0_POLICY, options, "passwordMinLength", { min: 1, max: 72, fallback: 1 });
  return {
    requireUsername: booleanOption(AUTH0_POLICY, options, "requireUsername", false),
    username: { min, max },
    passwordStrength: strength as PasswordStrength,
    passwordMinLength,
    passwordDictionary: dictionaryOption(options.passwordDictionary),
    passwordNoPersonalInfo: booleanOption(AUTH0_POLICY, options, "passwordNoPersonalInfo", true),
  };
}
