import { constantTimeEqualSync } from "signupkit/http";
import { describe, expect, it } from "vitest";

describe("constantTimeEqualSync", () => {
  it.each([
    ["", "", true],
    ["key", "key", true],
    ["日本語キー", "日本語キー", true],
    ["key", "kez", false],
    ["key", "key ", false],
    ["key", "", false],
    ["", "key", false],
    ["a".repeat(1000), `${"a".repeat(999)}b`, false],
    ["é", "e\u0301", false],
  ])("%j vs %j → %s", (a, b, expected) => {
    expect(constantTimeEqualSync(a, b)).toBe(expected);
    expect(constantTimeEqualSync(b, a)).toBe(expected);
  });
});
