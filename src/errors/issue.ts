/** The stable codes of one policy violation. */
export type IssueCode =
  | "required"
  | "unknown_field"
  | "server_owned"
  | "not_allowed"
  | "invalid_type"
  | "too_short"
  | "too_long"
  | "invalid_characters"
  | "invalid_format"
  | "mixed_script"
  | "username_is_email"
  | "too_many_properties"
  | "key_too_long"
  | "value_too_long"
  | "invalid_value_type"
  | "too_deep"
  | "too_large"
  | "password_too_weak"
  | "password_too_common"
  | "password_contains_user_info"
  | "password_breached";

/** One rule of a password-strength report (Auth0's `description.rules[]`). */
export interface PasswordRule {
  /** `lengthAtLeast`, `containsAtLeast`, `shouldContain` or `identicalChars`. */
  code: "lengthAtLeast" | "containsAtLeast" | "shouldContain" | "identicalChars";
  /** Numbers that fill the rule's message, e.g. `[8]` or `[3, 4]`. */
  format: number[];
  /** The character classes of a `containsAtLeast` / `shouldContain` rule. */
  items?: {
    /** The kind of character. */
    code: "lowerCase" | "upperCase" | "numbers" | "specialCharacters";
    /** Whether the password has one. */
    verified: boolean;
  }[];
  /** Whether the password met this rule. */
  verified: boolean;
}

/** Details of a `password_too_weak` issue: every rule with its result, and the policy as bullet text. */
export interface PasswordStrengthReport {
  /** Every rule of the level, each with whether the password passed it. */
  rules: PasswordRule[];
  /** Auth0's policy text: one bullet per rule. */
  policy: string;
}

/** One violation of a signup policy: which field, which rule, in words. */
export interface Issue {
  /** The input property (camelCase), `metadata.<key>` for a metadata property, or `""` for the whole input. */
  field: string;
  /** The rule that failed, a stable string. */
  code: IssueCode;
  /** The rule in English words. */
  message: string;
  /** Present on `password_too_weak`. */
  strength?: PasswordStrengthReport;
}
