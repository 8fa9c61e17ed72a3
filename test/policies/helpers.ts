import { expect } from "vitest";
import type { Issue } from "../../src/errors/issue.js";
import type { ValidSignup } from "../../src/model/signup-input.js";
import type { PolicyResult } from "../../src/policies/policy.js";

/** The stored value of a result that must have passed. */
export function okValue(result: PolicyResult): ValidSignup {
  if (!result.ok) expect.fail(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** The issues of a result that must have failed. */
export function issuesOf(result: PolicyResult): Issue[] {
  if (result.ok) expect.fail(`expected issues, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

/** `field:code` of every issue, in order. */
export function codesOf(result: PolicyResult): string[] {
  return issuesOf(result).map((issue) => `${issue.field}:${issue.code}`);
}

/** A string of `n` characters (code points) built from the characters of `unit`, repeated and cut. */
export function chars(n: number, unit = "a"): string {
  const points = [...unit];
  return Array.from({ length: n }, (_, i) => points[i % points.length]).join("");
}

/** An email of exactly `n` characters ending in `@example.com`. */
export function emailOfLength(n: number): string {
  const domain = "@example.com";
  return `${chars(n - domain.length, "u")}${domain}`;
}
