import { constantTimeEqual, constantTimeEqualSync } from "signupkit/http";
import { describe, expect, it } from "vitest";

describe("constantTimeEqual and constantTimeEqualSync", () => {
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
  ])("%j vs %j → %s", async (a, b, expected) => {
    expect(await constantTimeEqual(a, b)).toBe(expected);
    expect(await constantTimeEqual(b, a)).toBe(expected);
    expect(constantTimeEqualSync(a, b)).toBe(expected);
    expect(constantTimeEqualSync(b, a)).toBe(expected);
  });
});
