import { describe, expect, it } from "vitest";
import { isSignupError } from "../../src/errors/signup-error.js";
import { type Auth0PolicyOptions, auth0Policy } from "../../src/policies/auth0-policy.js";
import { chars, codesOf, emailOfLength, okValue } from "./helpers.js";

const policy = auth0Policy();
const withUsername = auth0Policy({ requireUsername: true });
const base = { email: "ann@example.com", password: "correct-Horse-9" };
const parseWith = (extra: Record<string, unknown>) => policy.parse({ ...base, ...extra });

describe("auth0Policy: shape of the policy and of a valid result", () => {
  it("names itself and never generates usernames", () => {
    expect(policy.name).toBe("auth0");
    expect(policy.generatesUsername).toBe(false);
  });

  it("accepts every profile field and lower-cases email and username", () => {
    const input = {
      email: "Ann.Smith@Example.COM",
      password: "correct-Horse-9",
      username: "Ann_S",
      phoneNumber: "+819012345678",
      givenName: "Ann",
      familyName: "Smith",
      name: "Ann Smith",
      nickname: "annie",
      picture: "https://example.com/ann.png",
      metadata: { hobby: "go", city: "Tokyo" },
    };
    expect(okValue(withUsername.parse(input))).toEqual({
      ...input,
      email: "ann.smith@example.com",
      username: "ann_s",
      clientCertUser: false,
    });
  });

  it("holds only the fields that were given", () => {
    expect(Object.keys(okValue(policy.parse(base))).sort()).toEqual(["clientCertUser", "email", "password"]);
  });

  it("requires email and password", () => {
    expect(codesOf(policy.parse({}))).toEqual(["email:required", "password:required"]);
  });

  it("refuses clientCertUser, an NEC-only field", () => {
    expect(codesOf(parseWith({ clientCertUser: false }))).toEqual(["clientCertUser:unknown_field"]);
  });
});

describe("auth0Policy: username", () => {
  it("refuses a username when the connection does not require one", () => {
    expect(codesOf(parseWith({ username: "ann" }))).toEqual(["username:not_allowed"]);
  });

  it("requires a username when the connection does", () => {
    expect(codesOf(withUsername.parse(base))).toEqual(["username:required"]);
  });

  it.each([
    ["1 character", "a"],
    ["15 characters (the default maximum)", chars(15)],
    ["every allowed symbol", ".!`-#+'~_^$@x1"],
  ])("accepts %s", (_, username) => {
    expect(okValue(withUsername.parse({ ...base, username })).username).toBe(username.toLowerCase());
  });

  it.each([
    ["16 characters", chars(16), "too_long"],
    ["an empty string", "", "too_short"],
    ["a multibyte username", "ユーザー", "invalid_characters"],
    ["a space", "ann smith", "invalid_characters"],
    ["an email address", "ann@example.com", "username_is_email"],
    ["a number", 5, "invalid_type"],
  ])("refuses %s", (_, username, code) => {
    expect(codesOf(withUsername.parse({ ...base, username }))).toEqual([`username:${code}`]);
  });

  it("reports a username that is both badly formed and an email address twice", () => {
    expect(codesOf(withUsername.parse({ ...base, username: "a/b@c.d" }))).toEqual([
      "username:invalid_characters",
      "username:username_is_email",
    ]);
  });

  it("takes configured length bounds up to 128", () => {
    const long = auth0Policy({ requireUsername: true, usernameMinLength: 3, usernameMaxLength: 128 });
    expect(okValue(long.parse({ ...base, username: chars(128) })).username).toBe(chars(128));
    expect(codesOf(long.parse({ ...base, username: chars(129) }))).toEqual(["username:too_long"]);
    expect(codesOf(long.parse({ ...base, username: "ab" }))).toEqual(["username:too_short"]);
  });
});

describe("auth0Policy: email", () => {
  it.each([
    ["254 characters", emailOfLength(254)],
    ["a plus tag", "ann+tag@example.com"],
    ["an internationalized address", "アン@例え.jp"],
  ])("accepts %s", (_, email) => {
    expect(okValue(parseWith({ email })).email).toBe(email.toLowerCase());
  });

  it.each([
    ["255 characters", emailOfLength(255), "too_long"],
    ["an empty string", "", "too_short"],
    ["no @", "ann.example.com", "invalid_format"],
    ["no dot in the domain", "ann@localhost", "invalid_format"],
    ["an empty label", "ann@example..com", "invalid_format"],
    ["two @", "ann@ex@ample.com", "invalid_format"],
    ["whitespace", "ann smith@example.com", "invalid_format"],
    ["a control character", "ann\u0001@example.com", "invalid_characters"],
    ["an object", { address: "ann@example.com" }, "invalid_type"],
  ])("refuses %s", (_, email, code) => {
    expect(codesOf(parseWith({ email }))).toEqual([`email:${code}`]);
  });
});

describe("auth0Policy: phone number, names and picture", () => {
  it.each([
    ["phoneNumber", "+1"],
    ["phoneNumber", `+${chars(15, "9")}`],
    ["name", chars(300)],
    ["name", chars(300, "😀")],
    ["nickname", chars(300)],
    ["givenName", chars(150, "花")],
    ["familyName", chars(150)],
    ["picture", "http://example.com/a.png"],
    ["picture", `https://example.com/${chars(2048 - 20)}`],
  ])("accepts %s %#", (field, text) => {
    expect(okValue(parseWith({ [field]: text }))).toHaveProperty(field, text);
  });

  it.each([
    ["phoneNumber", "819012345678", "invalid_format"],
    ["phoneNumber", "+81-90", "invalid_format"],
    ["phoneNumber", "+", "invalid_format"],
    ["phoneNumber", `+${chars(16, "9")}`, "too_long"],
    ["name", chars(301), "too_long"],
    ["name", `${chars(300, "😀")}a`, "too_long"],
    ["name", "", "too_short"],
    ["nickname", chars(301), "too_long"],
    ["givenName", chars(151), "too_long"],
    ["familyName", chars(151), "too_long"],
    ["familyName", 12, "invalid_type"],
    ["picture", "ftp://example.com/a.png", "invalid_format"],
    ["picture", "javascript:alert(1)", "invalid_format"],
    ["picture", "not a url", "invalid_format"],
    ["picture", `https://example.com/${chars(2049 - 20)}`, "too_long"],
  ])("refuses %s %#", (field, text, code) => {
    expect(codesOf(parseWith({ [field]: text }))).toEqual([`${field}:${code}`]);
  });
});

describe("auth0Policy: password length", () => {
  const none = auth0Policy({ passwordStrength: "none", passwordDictionary: false });

  it("accepts 128 characters, counted as code points", () => {
    expect(okValue(none.parse({ ...base, password: chars(128) })).password).toBe(chars(128));
    expect(okValue(none.parse({ ...base, password: chars(128, "😀") })).password).toHaveLength(256);
  });

  it("refuses 129 characters as too_long, before any strength rule", () => {
    expect(codesOf(none.parse({ ...base, password: chars(129) }))).toEqual(["password:too_long"]);
    expect(codesOf(policy.parse({ ...base, password: chars(129, "a") }))).toEqual(["password:too_long"]);
  });

  it("refuses a password that is not a string", () => {
    expect(codesOf(parseWith({ password: ["x"] }))).toEqual(["password:invalid_type"]);
  });

  it("finds no character class in a full-width password", () => {
    expect(codesOf(parseWith({ password: "Ｐａｓｓｗｏｒｄ１２" }))).toEqual(["password:password_too_weak"]);
  });
});

describe("auth0Policy: options", () => {
  it.each<[string, unknown]>([
    ["an unknown option", { requireUsernames: true }],
    ["a username maximum above 128", { usernameMaxLength: 129 }],
    ["a username minimum of 0", { usernameMinLength: 0 }],
    ["a minimum above the maximum", { usernameMinLength: 10, usernameMaxLength: 5 }],
    ["an unknown strength", { passwordStrength: "strong" }],
    ["a password minimum of 0", { passwordMinLength: 0 }],
    ["a password minimum of 73", { passwordMinLength: 73 }],
    ["non-string dictionary words", { passwordDictionary: { words: [1] } }],
    ["an unknown dictionary option", { passwordDictionary: { enable: false } }],
    ["a non-boolean requireUsername", { requireUsername: "yes" }],
  ])("refuses %s with invalid_config", (_, options) => {
    let thrown: unknown;
    try {
      auth0Policy(options as Auth0PolicyOptions);
    } catch (error) {
      thrown = error;
    }
    expect(isSignupError(thrown) && thrown.code).toBe("invalid_config");
  });
});

describe("auth0Policy: several violations at once", () => {
  it("reports every field's violation with its own code", () => {
    const result = withUsername.parse({
      email: "nope",
      password: "password",
      username: "ann@example.com",
      phoneNumber: "12",
      picture: "ftp://x",
      metadata: { a: 1 },
      email_verified: true,
      connection: "Username-Password-Authentication",
    });
    expect(codesOf(result)).toEqual([
      "email_verified:server_owned",
      "connection:unknown_field",
      "email:invalid_format",
      "username:username_is_email",
      "phoneNumber:invalid_format",
      "picture:invalid_format",
      "metadata.a:invalid_value_type",
      "password:password_too_weak",
      "password:password_too_common",
    ]);
  });
});
