import { describe, expect, it } from "vitest";
import type { PasswordStrengthReport } from "../../src/errors/issue.js";
import { auth0Policy } from "../../src/policies/auth0-policy.js";
import { createStrengthCheck, type PasswordStrength } from "../../src/policies/password-strength.js";
import { codesOf, issuesOf, okValue } from "./helpers.js";

const base = { email: "someone@example.com" };
const levelPolicy = (passwordStrength: PasswordStrength, passwordMinLength?: number) =>
  auth0Policy({
    passwordStrength,
    passwordDictionary: false,
    passwordNoPersonalInfo: false,
    ...(passwordMinLength === undefined ? {} : { passwordMinLength }),
  });

const CLASSES = [
  " * lower case letters (a-z)",
  " * upper case letters (A-Z)",
  " * numbers (i.e. 0-9)",
  " * special characters (e.g. !@#$%^&*)",
];
const POLICY_TEXT: Record<PasswordStrength, string> = {
  none: "* Non-empty password required",
  low: "* At least 6 characters in length",
  fair: ["* At least 8 characters in length", "* Should contain:", ...CLASSES.slice(0, 3)].join("\n"),
  good: [
    "* At least 8 characters in length",
    "* Contain at least 3 of the following 4 types of characters:",
    ...CLASSES,
  ].join("\n"),
  excellent: [
    "* At least 10 characters in length",
    "* Contain at least 3 of the following 4 types of characters:",
    ...CLASSES,
    '* No more than 2 identical characters in a row (e.g., "aaa" not allowed)',
  ].join("\n"),
};

const CASES: [PasswordStrength, string[], string[]][] = [
  ["none", ["a", " "], [""]],
  ["low", ["abcdef", "      "], ["abcde", ""]],
  ["fair", ["Abcdefg1", "somePASSWORD123"], ["Abcdef1", "abcdefg1", "ABCDEFG1", "Abcdefgh", "Abcdefg!"]],
  [
    "good",
    ["abcdef1!", "ABCDEF1!", "Abcdefg1", "Abcdefg!", "abcd ABC"],
    ["Abc1!", "Abcdefgh", "abcdef12", "ABCD!@#$"],
  ],
  [
    "excellent",
    ["Abcdefgh12", "Abbcdefg12", "somePas!! ", "some!as123"],
    ["Abcdefg12", "Abcdefgh111", "hello111HELLO", "aaaBcdefg12", "helloHELLO", "Abcdefgh😀😀😀1"],
  ],
];

describe.each(CASES)("strength level %s", (level, passing, failing) => {
  const policy = levelPolicy(level);

  it.each(passing)("accepts %j", (password) => {
    expect(okValue(policy.parse({ ...base, password })).password).toBe(password);
  });

  it.each(failing)("refuses %j with one password_too_weak issue and the level's report", (password) => {
    const issues = issuesOf(policy.parse({ ...base, password }));
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue?.field).toBe("password");
    expect(issue?.code).toBe("password_too_weak");
    expect(issue?.message).toBe("Password is too weak.");
    expect(issue?.strength?.policy).toBe(POLICY_TEXT[level]);
    const rules = issue?.strength?.rules ?? [];
    expect(rules.some((rule) => !rule.verified)).toBe(true);
    for (const rule of rules) expect(typeof rule.verified).toBe("boolean");
  });
});

describe("strength report", () => {
  it("lists every good-level rule with its result, like Auth0's description.rules", () => {
    const [issue] = issuesOf(levelPolicy("good").parse({ ...base, password: "abcdefgh" }));
    expect(issue?.strength).toEqual<PasswordStrengthReport>({
      rules: [
        { code: "lengthAtLeast", format: [8], verified: true },
        {
          code: "containsAtLeast",
          format: [3, 4],
          items: [
            { code: "lowerCase", verified: true },
            { code: "upperCase", verified: false },
            { code: "numbers", verified: false },
            { code: "specialCharacters", verified: false },
          ],
          verified: false,
        },
      ],
      policy: POLICY_TEXT.good,
    });
  });

  it("uses shouldContain with the three fair classes", () => {
    const [issue] = issuesOf(levelPolicy("fair").parse({ ...base, password: "Abcdefgh" }));
    expect(issue?.strength?.rules[1]).toEqual({
      code: "shouldContain",
      format: [],
      items: [
        { code: "lowerCase", verified: true },
        { code: "upperCase", verified: true },
        { code: "numbers", verified: false },
      ],
      verified: false,
    });
  });

  it("reports identicalChars for excellent, verified only without a run of three", () => {
    const check = createStrengthCheck("excellent");
    expect(check("Abcdefgh111")?.rules).toEqual([
      { code: "lengthAtLeast", format: [10], verified: true },
      expect.objectContaining({ code: "containsAtLeast", verified: true }),
      { code: "identicalChars", format: [2], verified: false },
    ]);
    expect(check("abc")?.rules[2]).toEqual({ code: "identicalChars", format: [2], verified: true });
  });

  it("counts the length in characters (code points)", () => {
    const check = createStrengthCheck("low");
    expect(check("😀😀😀😀😀")?.rules).toEqual([{ code: "lengthAtLeast", format: [6], verified: false }]);
    expect(check("😀😀😀😀😀😀")).toBeUndefined();
  });
});

describe("passwordMinLength", () => {
  it("replaces the level's minimum, in the rule and in the policy text", () => {
    const policy = levelPolicy("good", 12);
    expect(okValue(policy.parse({ ...base, password: "Abcdefgh12!x" })).password).toBe("Abcdefgh12!x");
    const [issue] = issuesOf(policy.parse({ ...base, password: "Abcdefgh12!" }));
    expect(issue?.strength?.rules[0]).toEqual({ code: "lengthAtLeast", format: [12], verified: false });
    expect(issue?.strength?.policy.split("\n")[0]).toBe("* At least 12 characters in length");
  });

  it("can lower a level's minimum", () => {
    expect(okValue(levelPolicy("excellent", 4).parse({ ...base, password: "Ab1!" })).password).toBe("Ab1!");
  });
});

describe("default level", () => {
  it("is good", () => {
    const policy = auth0Policy({ passwordDictionary: false });
    expect(codesOf(policy.parse({ ...base, password: "abcdefgh" }))).toEqual(["password:password_too_weak"]);
    expect(okValue(policy.parse({ ...base, password: "abcdefg1!" })).password).toBe("abcdefg1!");
  });
});
