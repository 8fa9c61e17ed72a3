import type { PasswordRule, PasswordStrengthReport } from "../errors/issue.js";

/** Auth0's password-strength levels, weakest first. */
export type PasswordStrength = "none" | "low" | "fair" | "good" | "excellent";

/** Every level, weakest first. */
export const PASSWORD_STRENGTHS: readonly PasswordStrength[] = ["none", "low", "fair", "good", "excellent"];

type CharClass = "lowerCase" | "upperCase" | "numbers" | "specialCharacters";

const CLASS_TEXT: Record<CharClass, string> = {
  lowerCase: "lower case letters (a-z)",
  upperCase: "upper case letters (A-Z)",
  numbers: "numbers (i.e. 0-9)",
  specialCharacters: "special characters (e.g. !@#$%^&*)",
};

interface LevelRules {
  minLength: number;
  /** `shouldContain` (all of them) or `containsAtLeast` (`atLeast` of them). */
  classes?: { code: "shouldContain" | "containsAtLeast"; items: CharClass[]; atLeast: number };
  /** Longest run of one character allowed. */
  maxIdentical?: number;
}

const ALL_FOUR: CharClass[] = ["lowerCase", "upperCase", "numbers", "specialCharacters"];

/** Auth0's levels (password-sheriff): the default minimum length and the character rules of each. */
const LEVELS: Record<PasswordStrength, LevelRules> = {
  none: { minLength: 1 },
  low: { minLength: 6 },
  fair: {
    minLength: 8,
    classes: { code: "shouldContain", items: ["lowerCase", "upperCase", "numbers"], atLeast: 3 },
  },
  good: { minLength: 8, classes: { code: "containsAtLeast", items: ALL_FOUR, atLeast: 3 } },
  excellent: {
    minLength: 10,
    classes: { code: "containsAtLeast", items: ALL_FOUR, atLeast: 3 },
    maxIdentical: 2,
  },
};

/** What one pass over a password finds. */
interface Stats {
  length: number;
  lowerCase: boolean;
  upperCase: boolean;
  numbers: boolean;
  specialCharacters: boolean;
  longestRun: number;
}

/**
 * Measures a password in one pass over its code points. Special characters are the ASCII ones (OWASP's list:
 * space and punctuation), as in Auth0; other characters (accented letters, full-width forms) count as no class.
 */
function measure(password: string): Stats {
  const stats: Stats = {
    length: 0,
    lowerCase: false,
    upperCase: false,
    numbers: false,
    specialCharacters: false,
    longestRun: 0,
  };
  let previous = -1;
  let run = 0;
  for (let i = 0; i < password.length; i++) {
    const code = password.codePointAt(i) as number;
    if (code > 0xffff) i++;
    stats.length++;
    run = code === previous ? run + 1 : 1;
    previous = code;
    if (run > stats.longestRun) stats.longestRun = run;
    if (code >= 0x61 && code <= 0x7a) stats.lowerCase = true;
    else if (code >= 0x41 && code <= 0x5a) stats.upperCase = true;
    else if (code >= 0x30 && code <= 0x39) stats.numbers = true;
    else if (code >= 0x20 && code <= 0x7e) stats.specialCharacters = true;
  }
  return stats;
}

function lengthText(minLength: number): string {
  return minLength === 1 ? "Non-empty password required" : `At least ${minLength} characters in length`;
}

/** Auth0's `policy` text: one bullet per rule, character classes indented below their rule. */
function policyText(rules: LevelRules): string {
  const lines = [`* ${lengthText(rules.minLength)}`];
  const classes = rules.classes;
  if (classes) {
    lines.push(
      classes.code === "shouldContain"
        ? "* Should contain:"
        : `* Contain at least ${classes.atLeast} of the following ${classes.items.length} types of characters:`,
    );
    for (const item of classes.items) lines.push(` * ${CLASS_TEXT[item]}`);
  }
  if (rules.maxIdentical !== undefined) {
    const example = "a".repeat(rules.maxIdentical + 1);
    lines.push(
      `* No more than ${rules.maxIdentical} identical characters in a row (e.g., "${example}" not allowed)`,
    );
  }
  return lines.join("\n");
}

/**
 * Checks a password against one strength level; `undefined` when it passes, else the report of every rule.
 * Lengths count Unicode characters (code points).
 */
export type StrengthCheck = (password: string) => PasswordStrengthReport | undefined;

/**
 * Builds the check of one level, its policy text computed once. `minLength` (1..72, validated by the caller)
 * replaces the level's minimum length.
 */
export function createStrengthCheck(level: PasswordStrength, minLength?: number): StrengthCheck {
  const rules: LevelRules = { ...LEVELS[level] };
  if (minLength !== undefined) rules.minLength = minLength;
  const policy = policyText(rules);

  return (password) => {
    const stats = measure(password);
    const lengthOk = stats.length >= rules.minLength;
    let classCount = 0;
    for (const item of rules.classes?.items ?? []) if (stats[item]) classCount++;
    const classesOk = rules.classes === undefined || classCount >= rules.classes.atLeast;
    const identicalOk = rules.maxIdentical === undefined || stats.longestRun <= rules.maxIdentical;
    if (lengthOk && classesOk && identicalOk) return undefined;

    const report: PasswordRule[] = [{ code: "lengthAtLeast", format: [rules.minLength], verified: lengthOk }];
    if (rules.classes) {
      const { code, items, atLeast } = rules.classes;
      report.push({
        code,
        format: code === "containsAtLeast" ? [atLeast, items.length] : [],
        items: items.map((item) => ({ code: item, verified: stats[item] })),
        verified: classesOk,
      });
    }
    if (rules.maxIdentical !== undefined) {
      report.push({ code: "identicalChars", format: [rules.maxIdentical], verified: identicalOk });
    }
    return { rules: report, policy };
  };
}
