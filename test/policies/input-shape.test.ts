import { afterEach, describe, expect, it, vi } from "vitest";
import { auth0Policy } from "../../src/policies/auth0-policy.js";
import { baasPolicy } from "../../src/policies/baas-policy.js";
import { MAX_ISSUES } from "../../src/policies/issues.js";
import { chars, codesOf, issuesOf, okValue } from "./helpers.js";

const presets = [
  ["baasPolicy", baasPolicy(), { email: "a@b.c", password: "Passw0rd" }],
  [
    "auth0Policy",
    auth0Policy({ requireUsername: true }),
    { email: "a@b.c", password: "correct-Horse-9", username: "u" },
  ],
] as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(presets)("%s: input shape", (_, policy, valid) => {
  it.each([[null], [undefined], ["text"], [42], [[valid]], [new Date()], [new (class User {})()]])(
    "refuses %j with one invalid_type issue for the whole input",
    (input) => {
      expect(issuesOf(policy.parse(input))).toEqual([
        { field: "", code: "invalid_type", message: "The signup input must be a JSON object." },
      ]);
    },
  );

  it("accepts a null-prototype object", () => {
    expect(okValue(policy.parse(Object.assign(Object.create(null), valid))).email).toBe("a@b.c");
  });

  it.each(["emailVerified", "email_verified", "enabled", "federated", "createdAt", "updatedAt", "etag"])(
    "refuses the server-owned %s",
    (key) => {
      expect(codesOf(policy.parse({ ...valid, [key]: true }))).toEqual([`${key}:server_owned`]);
    },
  );

  it.each(["primaryLinkedUserId", "tenant", "passwordHash", "app_metadata", "user_id"])(
    "refuses the server-owned %s",
    (key) => {
      expect(codesOf(policy.parse({ ...valid, [key]: "x" }))).toEqual([`${key}:server_owned`]);
    },
  );

  it.each(["Email", "e-mail", "user_metadata", "toString", "__proto__"])(
    "refuses the unknown key %j",
    (key) => {
      const input = JSON.parse(JSON.stringify({ ...valid, [key]: "x" }));
      expect(codesOf(policy.parse(input))).toEqual([`${key}:unknown_field`]);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );

  it("treats any property whose value is undefined as absent", () => {
    expect(
      okValue(policy.parse({ ...valid, metadata: undefined, enabled: undefined, junk: undefined })),
    ).toEqual(okValue(policy.parse(valid)));
  });

  it("cuts a very long unknown key in the issue", () => {
    const [issue] = issuesOf(policy.parse({ ...valid, [chars(50_000, "z")]: 1 }));
    expect(issue).toEqual({
      field: `${chars(100, "z")}…`,
      code: "unknown_field",
      message: expect.any(String),
    });
  });

  it(`reports at most ${MAX_ISSUES} issues however many keys are unknown`, () => {
    const input = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`junk${i}`, i]));
    const issues = issuesOf(policy.parse({ ...valid, ...input }));
    expect(issues).toHaveLength(MAX_ISSUES);
  });

  it("never reads an inherited property", () => {
    Object.defineProperty(Object.prototype, "password", { value: "Inherited-Passw0rd", configurable: true });
    try {
      expect(codesOf(policy.parse({ email: "a@b.c" }))).toContain("password:required");
    } finally {
      delete (Object.prototype as Record<string, unknown>).password;
    }
  });
});

describe.each(presets)("%s: hostile sizes", (_, policy, valid) => {
  const huge = chars(50_000, "a1@.");

  it.each(["email", "username", "password"])(
    "refuses a 50,000-character %s as too_long, no regex run",
    (field) => {
      const test = vi.spyOn(RegExp.prototype, "test");
      const issues = issuesOf(policy.parse({ ...valid, [field]: huge }));
      expect(issues.map((issue) => `${issue.field}:${issue.code}`)).toEqual([`${field}:too_long`]);
      for (const [argument] of test.mock.calls) expect(String(argument).length).toBeLessThan(1000);
      // The spy does see the policy's patterns: a valid input runs the email pattern.
      okValue(policy.parse(valid));
      expect(test.mock.calls.map(([argument]) => argument)).toContain("a@b.c");
    },
  );

  it("refuses a metadata key of 50,000 characters", () => {
    const [issue] = issuesOf(policy.parse({ ...valid, metadata: { [huge]: "x" } }));
    expect(["too_large", "key_too_long"]).toContain(issue?.code);
    expect(issue?.field.length).toBeLessThan(120);
  });
});
