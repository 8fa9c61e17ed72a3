import { describe, expect, it } from "vitest";
import { auth0Policy } from "../../src/policies/auth0-policy.js";
import { COMMON_PASSWORDS } from "../../src/policies/dictionary/common-passwords.js";
import { createDictionaryCheck } from "../../src/policies/password-dictionary.js";
import { codesOf, okValue } from "./helpers.js";

const email = "someone@example.com";

describe("the generated common-password list", () => {
  const words = COMMON_PASSWORDS.split("\n");

  it("holds 10,000 distinct, lower-cased, non-empty entries, most common first", () => {
    expect(words).toHaveLength(10_000);
    expect(new Set(words).size).toBe(10_000);
    expect(words.every((word) => word.length > 0 && word === word.toLowerCase())).toBe(true);
    expect(words.slice(0, 3)).toEqual(["123456", "password", "12345678"]);
  });
});

describe("password dictionary", () => {
  const dictionaryOnly = auth0Policy({ passwordStrength: "none", passwordNoPersonalInfo: false });

  it.each(["password", "PassWord", "QWERTY", "123456", "iloveyou"])(
    "refuses the common password %j",
    (password) => {
      expect(codesOf(dictionaryOnly.parse({ email, password }))).toEqual(["password:password_too_common"]);
    },
  );

  it("compares the whole password, not a part of it", () => {
    expect(okValue(dictionaryOnly.parse({ email, password: "password-but-longer" })).password).toBe(
      "password-but-longer",
    );
  });

  it("adds a tenant's words, compared case-insensitively", () => {
    const policy = auth0Policy({
      passwordStrength: "none",
      passwordDictionary: { words: ["Acme-Rocks-2024", ""] },
    });
    expect(codesOf(policy.parse({ email, password: "acme-ROCKS-2024" }))).toEqual([
      "password:password_too_common",
    ]);
    expect(codesOf(policy.parse({ email, password: "password" }))).toEqual(["password:password_too_common"]);
    expect(okValue(policy.parse({ email, password: "x" })).password).toBe("x");
  });

  it.each([false, { enabled: false }, { enabled: false, words: ["acme"] }])(
    "can be switched off with %j",
    (option) => {
      const policy = auth0Policy({ passwordStrength: "none", passwordDictionary: option });
      expect(okValue(policy.parse({ email, password: "password" })).password).toBe("password");
      expect(okValue(policy.parse({ email, password: "acme" })).password).toBe("acme");
    },
  );

  it("is on by default, also with only tenant words given", () => {
    expect(createDictionaryCheck(undefined)?.("Dragon")).toBe(true);
    expect(createDictionaryCheck({ words: ["zebra-zebra"] })?.("ZEBRA-zebra")).toBe(true);
    expect(createDictionaryCheck(true)?.("unusual-Phrase-41")).toBe(false);
  });
});

describe("no personal information in the password", () => {
  const policy = auth0Policy({ passwordStrength: "none", passwordDictionary: false, requireUsername: true });
  const input = { email: "annabel@example.com", username: "bobby", password: "x" };

  it.each<[string, Record<string, unknown>]>([
    ["the email local part", { password: "my-ANNABEL-pw" }],
    ["the username", { password: "Bobby-2024" }],
    ["the name", { name: "Zed Quinn", password: "iamzed quinn!" }],
    ["the nickname", { nickname: "Zippy", password: "zippy4ever" }],
    ["the given name", { givenName: "Yoko", password: "1yoko1" }],
    ["the family name", { familyName: "Tanaka", password: "tanaka!!" }],
    ["metadata.name", { metadata: { name: "Quill" }, password: "quill-pen" }],
    ["metadata.first", { metadata: { first: "Wren" }, password: "wren-bird" }],
    ["metadata.last", { metadata: { last: "Vance" }, password: "VANCE-1" }],
    ["a 3-character part", { nickname: "Abe", password: "abe" }],
  ])("refuses a password containing %s", (_, extra) => {
    expect(codesOf(policy.parse({ ...input, ...extra }))).toEqual(["password:password_contains_user_info"]);
  });

  it("ignores parts shorter than 3 characters", () => {
    const result = policy.parse({ ...input, email: "al@example.com", nickname: "Jo", password: "al-jo-pw" });
    expect(okValue(result).password).toBe("al-jo-pw");
  });

  it("ignores metadata properties other than name, first and last", () => {
    const result = policy.parse({ ...input, metadata: { city: "Osaka" }, password: "osaka-pw" });
    expect(okValue(result).password).toBe("osaka-pw");
  });

  it("can be switched off", () => {
    const off = auth0Policy({ passwordStrength: "none", passwordNoPersonalInfo: false });
    expect(okValue(off.parse({ email: "annabel@example.com", password: "annabel1" })).password).toBe(
      "annabel1",
    );
  });
});

describe("password rules together", () => {
  it("reports weak, common and personal at once", () => {
    const policy = auth0Policy({ passwordStrength: "fair", passwordDictionary: { words: ["annabel"] } });
    expect(codesOf(policy.parse({ email: "annabel@example.com", password: "annabel" }))).toEqual([
      "password:password_too_weak",
      "password:password_too_common",
      "password:password_contains_user_info",
    ]);
  });
});
