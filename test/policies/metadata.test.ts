import { afterEach, describe, expect, it } from "vitest";
import { auth0Policy } from "../../src/policies/auth0-policy.js";
import { baasPolicy } from "../../src/policies/baas-policy.js";
import { BAAS_METADATA_MAX_DEPTH, BAAS_METADATA_MAX_SIZE } from "../../src/policies/json-metadata.js";
import { chars, codesOf, issuesOf, okValue } from "./helpers.js";

const baas = baasPolicy();
const auth0 = auth0Policy();
const baasWith = (metadata: unknown) => baas.parse({ email: "a@b.c", password: "Passw0rd", metadata });
const auth0With = (metadata: unknown) =>
  auth0.parse({ email: "a@b.c", password: "correct-Horse-9", metadata });

/** Metadata given as JSON text, so `__proto__` is an own data property, as a server receives it. */
const HOSTILE =
  '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "ok": "x"}';

function objectOfDepth(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let level = 1; level < depth; level++) value = { child: value };
  return value;
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
});

describe.each([
  ["baasPolicy", baasWith],
  ["auth0Policy", auth0With],
])("%s metadata: prototype keys", (_, parseWith) => {
  it("refuses __proto__ and constructor as not_allowed and pollutes nothing", () => {
    const issues = issuesOf(parseWith(JSON.parse(HOSTILE)));
    expect(issues.map((issue) => `${issue.field}:${issue.code}`)).toEqual([
      "metadata.__proto__:not_allowed",
      "metadata.constructor:not_allowed",
    ]);
  });

  it("refuses a prototype key", () => {
    expect(codesOf(parseWith({ prototype: "x" }))).toEqual(["metadata.prototype:not_allowed"]);
  });

  it("returns a fresh plain object", () => {
    const metadata = { first: "Ann" };
    const copy = okValue(parseWith(metadata)).metadata;
    expect(copy).toEqual(metadata);
    expect(copy).not.toBe(metadata);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it("accepts a null-prototype object", () => {
    const metadata = Object.assign(Object.create(null) as Record<string, unknown>, { city: "Kobe" });
    expect(okValue(parseWith(metadata)).metadata).toEqual({ city: "Kobe" });
  });

  it.each([[[]], ["text"], [null], [new Date()]])("refuses %j as invalid_type", (metadata) => {
    expect(codesOf(parseWith(metadata))).toEqual(["metadata:invalid_type"]);
  });
});

describe("baasPolicy metadata (NEC options): any bounded JSON object", () => {
  it("accepts nested JSON and copies it deeply", () => {
    const metadata = { displayName: "日電 太郎", tags: ["a", 1, true, null, { deep: [2.5] }], n: -0.5 };
    const copy = okValue(baasWith(metadata)).metadata;
    expect(copy).toEqual(metadata);
    expect(copy?.tags).not.toBe(metadata.tags);
  });

  it(`accepts ${BAAS_METADATA_MAX_DEPTH} levels of nesting and refuses one more`, () => {
    expect(okValue(baasWith(objectOfDepth(BAAS_METADATA_MAX_DEPTH))).metadata).toBeDefined();
    const issues = issuesOf(baasWith(objectOfDepth(BAAS_METADATA_MAX_DEPTH + 1)));
    expect(issues.map((issue) => issue.code)).toEqual(["too_deep"]);
    expect(issues[0]?.field).toBe(`metadata${".child".repeat(BAAS_METADATA_MAX_DEPTH)}`);
  });

  it(`accepts ${BAAS_METADATA_MAX_SIZE} characters of JSON and refuses one more`, () => {
    // {"k":"…","l":[1,null,true]} is the string plus 26 characters.
    const fits = { k: chars(BAAS_METADATA_MAX_SIZE - 26), l: [1, null, true] };
    expect(JSON.stringify(fits)).toHaveLength(BAAS_METADATA_MAX_SIZE);
    expect(okValue(baasWith(fits)).metadata).toEqual(fits);
    const over = { k: chars(BAAS_METADATA_MAX_SIZE - 25), l: [1, null, true] };
    expect(codesOf(baasWith(over))).toEqual(["metadata:too_large"]);
  });

  it("refuses a 50,000-character key as too_large without echoing it", () => {
    const issues = issuesOf(baasWith({ [chars(50_000, "k")]: 1 }));
    expect(issues).toEqual([expect.objectContaining({ field: "metadata", code: "too_large" })]);
  });

  it("stops at the budget on a huge array", () => {
    expect(codesOf(baasWith({ list: new Array(1_000_000).fill(0) }))).toEqual(["metadata:too_large"]);
  });

  it.each([
    ["undefined in an array", { list: [1, undefined] }, "metadata.list.1"],
    ["NaN", { n: Number.NaN }, "metadata.n"],
    ["Infinity", { n: Number.POSITIVE_INFINITY }, "metadata.n"],
    ["a Date", { at: new Date(0) }, "metadata.at"],
    ["a function", { f: () => 1 }, "metadata.f"],
    ["a bigint", { b: 1n }, "metadata.b"],
    ["a Map", { m: new Map() }, "metadata.m"],
  ])("refuses %s as invalid_value_type", (_, metadata, field) => {
    expect(codesOf(baasWith(metadata))).toEqual([`${field}:invalid_value_type`]);
  });

  it("refuses a forbidden key deep inside", () => {
    expect(codesOf(baasWith(JSON.parse('{"a": [{"__proto__": 1}]}')))).toEqual([
      "metadata.a.0.__proto__:not_allowed",
    ]);
  });
});

describe("auth0Policy metadata (user_metadata): at most 10 string properties", () => {
  const props = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `v${i}`]));

  it("accepts 10 properties and refuses 11", () => {
    expect(okValue(auth0With(props(10))).metadata).toEqual(props(10));
    expect(codesOf(auth0With(props(11)))).toEqual(["metadata:too_many_properties"]);
  });

  it("accepts a 100-character name and refuses 101", () => {
    expect(okValue(auth0With({ [chars(100)]: "x" })).metadata).toEqual({ [chars(100)]: "x" });
    expect(codesOf(auth0With({ [chars(101)]: "x" }))).toEqual([`metadata.${chars(100)}…:key_too_long`]);
  });

  it("accepts a 500-character value and refuses 501, counting characters", () => {
    expect(okValue(auth0With({ bio: chars(500, "字") })).metadata).toEqual({ bio: chars(500, "字") });
    expect(okValue(auth0With({ bio: chars(500, "😀") })).metadata).toEqual({ bio: chars(500, "😀") });
    expect(codesOf(auth0With({ bio: chars(501) }))).toEqual(["metadata.bio:value_too_long"]);
  });

  it.each([[1], [true], [null], [{ nested: "x" }], [["x"]]])("refuses the non-string value %j", (value) => {
    expect(codesOf(auth0With({ age: value }))).toEqual(["metadata.age:invalid_value_type"]);
  });

  it("reports every bad property at once", () => {
    expect(codesOf(auth0With({ a: 1, b: chars(501), c: "ok", [chars(101)]: "x" }))).toEqual([
      "metadata.a:invalid_value_type",
      "metadata.b:value_too_long",
      `metadata.${chars(100)}…:key_too_long`,
    ]);
  });

  it("refuses a 50,000-character key with a cut field name", () => {
    const [issue] = issuesOf(auth0With({ [chars(50_000, "k")]: "x" }));
    expect(issue?.code).toBe("key_too_long");
    expect(issue?.field.length).toBeLessThan(120);
  });
});
