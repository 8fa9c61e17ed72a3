import { describe, expect, it } from "vitest";
import { isSignupError } from "../../src/errors/signup-error.js";
import { baasPolicy } from "../../src/policies/baas-policy.js";
import { chars, codesOf, emailOfLength, issuesOf, okValue } from "./helpers.js";

const policy = baasPolicy();
const base = { email: "nichiden.tarou@example.com", password: "Passw0rd" };
const parseWith = (extra: Record<string, unknown>) => policy.parse({ ...base, ...extra });

describe("baasPolicy: shape of the policy and of a valid result", () => {
  it("names itself and generates usernames", () => {
    expect(policy.name).toBe("baas");
    expect(policy.generatesUsername).toBe(true);
  });

  it("accepts the seed's example and keeps every value as given", () => {
    const input = {
      id: "52116f01ac521e1742000001",
      username: "Tarou",
      email: "Nichiden.Tarou@Example.com",
      password: "Passw0rd",
      metadata: { displayName: "日電 太郎", division: "日電事業部" },
    };
    expect(okValue(policy.parse(input))).toEqual({ ...input, clientCertUser: false });
  });

  it("holds only the fields that were given (no undefined properties)", () => {
    const value = okValue(policy.parse(base));
    expect(Object.keys(value).sort()).toEqual(["clientCertUser", "email", "password"]);
  });

  it("treats a property whose value is undefined as absent", () => {
    expect(okValue(parseWith({ username: undefined }))).not.toHaveProperty("username");
  });

  it("accepts its own output again unchanged", () => {
    const value = okValue(parseWith({ username: "tarou", metadata: { a: [1, { b: null }] } }));
    expect(okValue(policy.parse(value))).toEqual(value);
  });
});

describe("baasPolicy: username", () => {
  it.each([
    ["1 character", "a"],
    ["100 characters", chars(100)],
    ["every printable ASCII character but ':'", " !\"#$%&'()*+,-./0123456789;<=>?@AZ[\\]^_`az{|}~"],
  ])("accepts %s", (_, username) => {
    expect(okValue(parseWith({ username })).username).toBe(username);
  });

  it.each([
    ["101 characters", chars(101), "too_long"],
    ["an empty string", "", "too_short"],
    ["a multibyte username", "たろう", "invalid_characters"],
    ["a full-width username", "ｔａｒｏｕ", "invalid_characters"],
    ["a colon", "tar:ou", "invalid_characters"],
    ["a tab", "tar\tou", "invalid_characters"],
    ["DEL (0x7f)", "tar\x7fou", "invalid_characters"],
    ["a number", 42, "invalid_type"],
    ["null", null, "invalid_type"],
  ])("refuses %s", (_, username, code) => {
    expect(codesOf(parseWith({ username }))).toEqual([`username:${code}`]);
  });

  it("reports both character rules of one username", () => {
    expect(codesOf(parseWith({ username: "たろ:う" }))).toEqual([
      "username:invalid_characters",
      "username:invalid_characters",
    ]);
  });
});

describe("baasPolicy: email", () => {
  it.each([
    ["100 characters", emailOfLength(100)],
    ["the shortest shape", "a@b.c"],
    ["dots, hyphens and underscores", "a.b-c_d@sub-1.my_host.example.co"],
    ["upper case (kept)", "Taro@Example.COM"],
  ])("accepts %s", (_, email) => {
    expect(okValue(parseWith({ email })).email).toBe(email);
  });

  it.each([
    ["101 characters", emailOfLength(101), "too_long"],
    ["an empty string", "", "too_short"],
    ["a domain without a dot", "a@localhost", "invalid_format"],
    ["a trailing dot", "a@b.", "invalid_format"],
    ["an empty label", "a@b..c", "invalid_format"],
    ["a leading dot in the domain", "a@.b.c", "invalid_format"],
    ["two @", "a@@b.c", "invalid_format"],
    ["a plus sign (not in NEC's \\w)", "a+tag@b.c", "invalid_format"],
    ["a non-ASCII letter (\\w is ASCII)", "täst@b.c", "invalid_format"],
    ["a leading space (anchored)", " a@b.c", "invalid_format"],
    ["trailing text (anchored)", "a@b.c x", "invalid_format"],
    ["a trailing newline (a control character)", "a@b.c\n", "invalid_characters"],
    ["a number", 1, "invalid_type"],
  ])("refuses %s", (_, email, code) => {
    expect(codesOf(parseWith({ email }))).toEqual([`email:${code}`]);
  });
});

describe("baasPolicy: password", () => {
  it.each([
    ["8 characters", "Passw0rd"],
    ["100 characters", chars(100, "Passw0rd")],
    ["spaces and symbols", "p a s s !@#"],
  ])("accepts %s", (_, password) => {
    expect(okValue(parseWith({ password })).password).toBe(password);
  });

  it.each([
    ["7 characters", "Passw0r", "too_short"],
    ["101 characters", chars(101, "Passw0rd"), "too_long"],
    ["full-width characters", "Ｐａｓｓｗｏｒｄ１", "invalid_characters"],
    ["a multibyte character", "Passw0rdあ", "invalid_characters"],
    ["a newline", "Passw0rd\n", "invalid_characters"],
    ["a number", 12345678, "invalid_type"],
  ])("refuses %s", (_, password, code) => {
    expect(codesOf(parseWith({ password }))).toEqual([`password:${code}`]);
  });
});

describe("baasPolicy: tenant password settings", () => {
  const strict = baasPolicy({
    minLength: 10,
    maxLength: 12,
    minUpperCaseLength: 2,
    minLowerCaseLength: 2,
    minNumeralLength: 2,
    minSymbolLength: 1,
  });
  const check = (password: string) => strict.parse({ email: "a@b.c", password });

  it("accepts a password meeting every minimum at both length bounds", () => {
    expect(okValue(check("AAbb12!xyz")).password).toBe("AAbb12!xyz");
    expect(okValue(check("AAbb12!xyzzz")).password).toBe("AAbb12!xyzzz");
  });

  it.each([
    ["9 characters", "AAbb12!xy", "too_short"],
    ["13 characters", "AAbb12!xyzzzz", "too_long"],
  ])("refuses %s", (_, password, code) => {
    expect(codesOf(check(password))).toEqual([`password:${code}`]);
  });

  it("reports every unmet class minimum at once", () => {
    const issues = issuesOf(check("Ab1       "));
    expect(issues.map((issue) => issue.code)).toEqual(Array(4).fill("password_too_weak"));
    expect(issues.map((issue) => issue.message)).toEqual([
      "password must contain at least 2 upper-case letters (A-Z).",
      "password must contain at least 2 lower-case letters (a-z).",
      "password must contain at least 2 numerals (0-9).",
      "password must contain at least 1 symbol.",
    ]);
  });

  it("does not count the space as a symbol", () => {
    expect(codesOf(check("AAbb12 xyz"))).toEqual(["password:password_too_weak"]);
  });

  it.each([
    [{ minLength: 7 }],
    [{ maxLength: 101 }],
    [{ minLength: 20, maxLength: 10 }],
    [{ minUpperCaseLength: -1 }],
    [{ minNumeralLength: 1.5 }],
    [{ minUpperCaseLength: 60, minLowerCaseLength: 50 }],
    [{ minLenght: 10 }],
  ])("refuses the option %j with invalid_config", (options) => {
    const attempt = () => baasPolicy(options as never);
    expect(attempt).toThrow();
    try {
      attempt();
    } catch (error) {
      expect(isSignupError(error) && error.code).toBe("invalid_config");
    }
  });
});

describe("baasPolicy: id and clientCertUser", () => {
  it("accepts an id of 1 and 100 printable ASCII characters", () => {
    expect(okValue(parseWith({ id: "x" })).id).toBe("x");
    expect(okValue(parseWith({ id: chars(100) })).id).toBe(chars(100));
  });

  it.each([
    ["101 characters", chars(101), "too_long"],
    ["an empty string", "", "too_short"],
    ["a multibyte id", "ユーザー", "invalid_characters"],
    ["a number", 7, "invalid_type"],
  ])("refuses an id of %s", (_, id, code) => {
    expect(codesOf(parseWith({ id }))).toEqual([`id:${code}`]);
  });

  it("requires email and password of an ordinary user", () => {
    expect(codesOf(policy.parse({ username: "tarou" }))).toEqual(["email:required", "password:required"]);
  });

  it("lets a client-certificate user sign up with a username alone", () => {
    expect(okValue(policy.parse({ username: "cert-user", clientCertUser: true }))).toEqual({
      username: "cert-user",
      clientCertUser: true,
    });
  });

  it("requires a username of a client-certificate user", () => {
    expect(codesOf(policy.parse({ clientCertUser: true, email: "a@b.c" }))).toEqual(["username:required"]);
  });

  it("still validates an email and password a client-certificate user gives", () => {
    const result = policy.parse({ username: "u", clientCertUser: true, email: "nope", password: "short" });
    expect(codesOf(result)).toEqual(["email:invalid_format", "password:too_short"]);
  });

  it("keeps clientCertUser: false", () => {
    expect(okValue(parseWith({ clientCertUser: false })).clientCertUser).toBe(false);
  });

  it("refuses a clientCertUser that is not a boolean, and then requires email and password", () => {
    const result = policy.parse({ username: "u", clientCertUser: "true" });
    expect(codesOf(result)).toEqual(["clientCertUser:invalid_type", "email:required", "password:required"]);
  });
});

describe("baasPolicy: several violations at once", () => {
  it("reports every field's violation, unknown and server-owned keys included", () => {
    const result = policy.parse({
      username: "bad:name",
      email: "not-an-email",
      password: "short",
      metadata: [],
      clientCertUser: 1,
      createdAt: "2020-01-01T00:00:00.000Z",
      nickname: "x",
    });
    expect(codesOf(result)).toEqual([
      "createdAt:server_owned",
      "nickname:unknown_field",
      "username:invalid_characters",
      "email:invalid_format",
      "password:too_short",
      "metadata:invalid_type",
      "clientCertUser:invalid_type",
    ]);
    for (const issue of issuesOf(result)) expect(issue.message).toMatch(/\S/);
  });
});
