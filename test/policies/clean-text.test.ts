import { describe, expect, it } from "vitest";
import { auth0Policy } from "../../src/policies/auth0-policy.js";
import { baasPolicy } from "../../src/policies/baas-policy.js";
import { isCleanText, replaceUncleanText } from "../../src/policies/clean-text.js";
import { fieldName, MAX_FIELD_NAME_LENGTH } from "../../src/policies/issues.js";
import { chars, codesOf, issuesOf, okValue } from "./helpers.js";

/** Node 20+'s `String.prototype.isWellFormed`, which TypeScript's ES2022 lib does not declare: the test oracle. */
const nativeWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean })
  .isWellFormed;
const isWellFormed = (text: string): boolean => nativeWellFormed.call(text);

/** Text PostgreSQL or the `pg` driver would refuse or mangle. */
const UNSTORABLE = [
  ["NUL", "\u0000"],
  ["a lone high surrogate", "\ud83d"],
  ["a lone low surrogate", "\ude00"],
  ["a reversed surrogate pair", "\ude00\ud83d"],
] as const;

/** How an issue echoes a property name holding `bad`: every NUL and lone surrogate as U+FFFD. */
const echoOf = (bad: string) => "\ufffd".repeat(bad.length);

const baas = baasPolicy();
const auth0 = auth0Policy({ requireUsername: true });
const BAAS_VALID = { email: "taro@example.com", password: "Passw0rd", username: "taro", id: "u1" };
const AUTH0_VALID = {
  email: "ann@example.com",
  password: "correct-Horse-9",
  username: "ann",
  phoneNumber: "+819012345678",
  givenName: "Ann",
  familyName: "Lee",
  name: "Ann Lee",
  nickname: "annie",
  picture: "https://example.com/ann.png",
};
/** `text` with `bad` spliced into its middle. */
const spliced = (text: string, bad: string) =>
  `${text.slice(0, Math.ceil(text.length / 2))}${bad}${text.slice(Math.ceil(text.length / 2))}`;

describe("isCleanText", () => {
  it.each(UNSTORABLE)("refuses %s anywhere, in both modes", (_, bad) => {
    for (const text of [bad, `a${bad}`, `${bad}a`, `ab${bad}cd`]) {
      expect(isCleanText(text, "storable")).toBe(false);
      expect(isCleanText(text, "plain")).toBe(false);
    }
  });

  it("accepts surrogate pairs, CJK and the empty string", () => {
    for (const text of ["", "😀", "a😀b", "😀😀", "日電 太郎", "\ud83d\ude00\ud800\udc00", "\uffff"]) {
      expect(isCleanText(text, "storable")).toBe(true);
      expect(isCleanText(text, "plain")).toBe(true);
    }
  });

  it("refuses other C0 controls only in plain text", () => {
    for (const control of ["\u0001", "\t", "\n", "\r", "\u001b", "\u001f"]) {
      expect(isCleanText(`a${control}b`, "storable")).toBe(true);
      expect(isCleanText(`a${control}b`, "plain")).toBe(false);
    }
    expect(isCleanText("a b~\u007f", "plain")).toBe(true);
  });

  it("agrees with String.prototype.isWellFormed on random mixes of surrogates and ASCII", () => {
    const alphabet = ["a", "\ud83d", "\ude00", "\udbff", "\udc00", "😀", "\u0000", "\t", "字"];
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: next() % 8 }, () => alphabet[next() % alphabet.length]).join("");
      expect(isCleanText(text, "storable")).toBe(isWellFormed(text) && !text.includes("\u0000"));
    }
  });
});

describe("replaceUncleanText and fieldName", () => {
  it("replaces NUL and lone surrogates by U+FFFD and keeps pairs and controls", () => {
    expect(replaceUncleanText("a\u0000b\ud83dc\ude00d😀\t")).toBe("a\ufffdb\ufffdc\ufffdd😀\t");
    expect(replaceUncleanText("\ude00\ud83d")).toBe("\ufffd\ufffd");
    const clean = "plain";
    expect(replaceUncleanText(clean)).toBe(clean);
  });

  it("never cuts a long name inside a surrogate pair", () => {
    const name = fieldName(`${chars(MAX_FIELD_NAME_LENGTH - 1)}😀tail`);
    expect(name).toBe(`${chars(MAX_FIELD_NAME_LENGTH - 1)}…`);
    expect(isWellFormed(name)).toBe(true);
    expect(fieldName(`${chars(MAX_FIELD_NAME_LENGTH - 2)}😀tail`)).toBe(
      `${chars(MAX_FIELD_NAME_LENGTH - 2)}😀…`,
    );
  });

  it("echoes an unknown top-level property name without its NUL", () => {
    expect(codesOf(baas.parse({ ...BAAS_VALID, "x\u0000": 1 }))).toEqual(["x\ufffd:unknown_field"]);
  });
});

describe.each(UNSTORABLE)("baasPolicy refuses %s", (_, bad) => {
  it.each(["id", "username", "email", "password"] as const)(
    "in %s, as one invalid_characters issue",
    (field) => {
      const issues = issuesOf(baas.parse({ ...BAAS_VALID, [field]: spliced(BAAS_VALID[field], bad) }));
      expect(issues.map((issue) => `${issue.field}:${issue.code}`)).toEqual([`${field}:invalid_characters`]);
      expect(issues[0]?.message).toMatch(/control characters|surrogates/);
    },
  );

  it("in metadata string values at any depth", () => {
    const metadata = { top: bad, a: { b: `x${bad}`, list: ["ok", [`${bad}y`]] } };
    expect(codesOf(baas.parse({ ...BAAS_VALID, metadata }))).toEqual([
      "metadata.top:invalid_characters",
      "metadata.a.b:invalid_characters",
      "metadata.a.list.1.0:invalid_characters",
    ]);
  });

  it("in metadata property names at any depth, echoed with U+FFFD", () => {
    const metadata = { [`k${bad}`]: 1, a: { [bad]: "v", ok: [{ [`n${bad}`]: null }] } };
    expect(codesOf(baas.parse({ ...BAAS_VALID, metadata }))).toEqual([
      `metadata.k${echoOf(bad)}:invalid_characters`,
      `metadata.a.${echoOf(bad)}:invalid_characters`,
      `metadata.a.ok.0.n${echoOf(bad)}:invalid_characters`,
    ]);
  });

  it("after the size budget: an oversized value is too_large, never scanned", () => {
    const metadata = { k: `${chars(20_000)}${bad}` };
    expect(codesOf(baas.parse({ ...BAAS_VALID, metadata }))).toEqual(["metadata:too_large"]);
  });
});

describe.each(UNSTORABLE)("auth0Policy refuses %s", (_, bad) => {
  it.each(Object.keys(AUTH0_VALID) as (keyof typeof AUTH0_VALID)[])(
    "in %s, as one invalid_characters issue",
    (field) => {
      const issues = issuesOf(auth0.parse({ ...AUTH0_VALID, [field]: spliced(AUTH0_VALID[field], bad) }));
      expect(issues.map((issue) => `${issue.field}:${issue.code}`)).toEqual([`${field}:invalid_characters`]);
      expect(issues[0]?.message).toMatch(/surrogates/);
    },
  );

  it("in metadata values and property names", () => {
    const metadata = { city: `Ko${bad}be`, [`note${bad}`]: "x", ok: "fine" };
    expect(codesOf(auth0.parse({ ...AUTH0_VALID, metadata }))).toEqual([
      "metadata.city:invalid_characters",
      `metadata.note${echoOf(bad)}:invalid_characters`,
    ]);
  });

  it("only after the length checks", () => {
    expect(codesOf(auth0.parse({ ...AUTH0_VALID, name: `${chars(300)}${bad}` }))).toEqual(["name:too_long"]);
    const metadata = { bio: `${chars(500)}${bad}`, [`${chars(100)}${bad}`]: "x" };
    expect(codesOf(auth0.parse({ ...AUTH0_VALID, metadata }))).toEqual([
      "metadata.bio:value_too_long",
      `metadata.${chars(100)}…:key_too_long`,
    ]);
  });
});

describe("other C0 control characters", () => {
  it.each(["id", "username", "email", "password"] as const)("baasPolicy refuses a tab in %s", (field) => {
    const input = { ...BAAS_VALID, [field]: spliced(BAAS_VALID[field], "\t") };
    expect(codesOf(baas.parse(input))).toEqual([`${field}:invalid_characters`]);
  });

  const identity = Object.keys(AUTH0_VALID).filter((key) => key !== "password") as Exclude<
    keyof typeof AUTH0_VALID,
    "password"
  >[];
  it.each(identity)("auth0Policy refuses a newline and an escape in %s", (field) => {
    for (const control of ["\n", "\u001b"]) {
      const input = { ...AUTH0_VALID, [field]: spliced(AUTH0_VALID[field], control) };
      expect(codesOf(auth0.parse(input))).toEqual([`${field}:invalid_characters`]);
    }
  });

  it("auth0Policy refuses a tab in a picture URL, which new URL would strip", () => {
    const picture = "https://example.com/a\tb.png";
    expect(new URL(picture).href).toBe("https://example.com/ab.png");
    expect(codesOf(auth0.parse({ ...AUTH0_VALID, picture }))).toEqual(["picture:invalid_characters"]);
  });

  it("auth0Policy keeps them in a password and both keep them in metadata values", () => {
    const password = "correct-Horse-9\t\u001f";
    expect(okValue(auth0.parse({ ...AUTH0_VALID, password })).password).toBe(password);
    const metadata = { note: "line 1\nline 2\t." };
    expect(okValue(auth0.parse({ ...AUTH0_VALID, metadata })).metadata).toEqual(metadata);
    const nested = { notes: [{ "tab\tkey": "line 1\r\nline 2" }] };
    expect(okValue(baas.parse({ ...BAAS_VALID, metadata: nested })).metadata).toEqual(nested);
  });
});

describe("valid surrogate pairs still pass", () => {
  it("in auth0Policy names and metadata", () => {
    const input = {
      ...AUTH0_VALID,
      name: "Ann 😀",
      nickname: "😀",
      givenName: "𠮷野",
      metadata: { mood: "😀🎉" },
    };
    const value = okValue(auth0.parse(input));
    expect(value.name).toBe("Ann 😀");
    expect(value.nickname).toBe("😀");
    expect(value.givenName).toBe("𠮷野");
    expect(value.metadata).toEqual({ mood: "😀🎉" });
  });

  it("in baasPolicy metadata names and values", () => {
    const metadata = { "😀": ["𠮷", { deep: "🎉" }] };
    expect(okValue(baas.parse({ ...BAAS_VALID, metadata })).metadata).toEqual(metadata);
  });

  it("and the issues of a failed parse are themselves well-formed", () => {
    const metadata = { [`a${chars(200, "😀")}`]: "x", "\ud83d": "y" };
    for (const issue of issuesOf(auth0.parse({ ...AUTH0_VALID, metadata }))) {
      expect(isWellFormed(issue.field)).toBe(true);
      expect(issue.field).not.toContain("\u0000");
    }
  });
});
