import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUser, encodeUser, keyOf } from "../../src/adapters/memory/user-codec.js";
import type { UserRecord } from "../../src/model/user.js";
import { fullUser, minimalUser, T1 } from "../../src/testing/fixtures.js";

/** Any string: lone surrogates, NUL, the codec's own tag characters and ":" included, short and long. */
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom("\u00c8", "\u00cc", "\u00cd", ":", "9", "\ud800", "\udc00", "\u0000"),
    maxLength: 20,
  }),
  fc.nat({ max: 600 }).map((n) => "x".repeat(n)),
);
const optional = fc.option(text, { nil: undefined });

const record: fc.Arbitrary<UserRecord> = fc
  .record({
    id: text,
    tenant: text,
    emailVerified: fc.boolean(),
    metadata: fc.oneof(fc.constant({}), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))),
    clientCertUser: fc.boolean(),
    enabled: fc.boolean(),
    federated: fc.boolean(),
    primaryLinkedUserId: fc.option(text, { nil: null }),
    createdAt: text,
    updatedAt: text,
    etag: text,
    username: optional,
    email: optional,
    phoneNumber: optional,
    givenName: optional,
    familyName: optional,
    name: optional,
    nickname: optional,
    picture: optional,
    passwordHash: optional,
    emailKey: optional,
    usernameKey: optional,
  })
  .chain((r) =>
    // Often the same string as its partner, as in the records the service builds (the codec writes one character).
    fc.tuple(fc.constant(r), fc.boolean(), fc.boolean(), fc.boolean()),
  )
  .map(([r, sameTime, sameEmail, sameName]) => {
    if (sameTime) r.updatedAt = r.createdAt;
    if (sameEmail) r.emailKey = r.email;
    if (sameName) r.usernameKey = r.username;
    // Absent, not present-and-undefined: what a store is given and what it gives back.
    for (const key of Object.keys(r) as (keyof UserRecord)[]) if (r[key] === undefined) delete r[key];
    return r as UserRecord;
  });

describe("the memory store's record encoding", () => {
  it("gives back a record with every field, nested metadata included", () => {
    const user = fullUser("01J0000000000000000000000A", T1, "Taro@Example.com", "taro");
    expect(decodeUser(encodeUser(user))).toStrictEqual(user);
  });

  it("keeps absent optional fields absent and null where the record says null", () => {
    const user = minimalUser("01J0000000000000000000000B", T1);
    const back = decodeUser(encodeUser(user));
    expect(back).toStrictEqual(user);
    expect(Object.hasOwn(back, "email")).toBe(false);
    expect(back.primaryLinkedUserId).toBeNull();
  });

  it("round-trips any record exactly: any characters, any lengths, any JSON metadata", () => {
    fc.assert(
      fc.property(record, (user) => {
        const text = encodeUser(user);
        // What a record is (JSON data), with ordinary prototypes: fast-check builds objects without one.
        expect(decodeUser(text)).toStrictEqual(JSON.parse(JSON.stringify(user)));
        expect(keyOf(text, "id")).toBe(user.id);
        expect(keyOf(text, "emailKey")).toBe(user.emailKey);
        expect(keyOf(text, "usernameKey")).toBe(user.usernameKey);
      }),
      { numRuns: 500 },
    );
  });

  it("writes a value that repeats its partner field as one character", () => {
    const user = fullUser("01J0000000000000000000000F", T1, "same@example.com", "same");
    const other = { ...user, updatedAt: "2025-01-01T00:00:00.000Z", emailKey: "other@example.com" };
    const saved = encodeUser(other).length - encodeUser(user).length;
    expect(saved).toBe("2025-01-01T00:00:00.000Z".length + "other@example.com".length);
    expect(decodeUser(encodeUser(user))).toStrictEqual(user);
    expect(keyOf(encodeUser(user), "emailKey")).toBe("same@example.com");
    expect(keyOf(encodeUser(user), "usernameKey")).toBe("same");
  });

  it("writes values only, unescaped, so the text stays short", () => {
    const user = fullUser("01J0000000000000000000000C", T1, "a@example.com", "a");
    expect(encodeUser(user).length).toBeLessThan(JSON.stringify(user).length * 0.75);
    expect(encodeUser(user)).not.toContain("emailKey");
    const quoted = { ...minimalUser('say "hi"\\', T1), metadata: {} };
    expect(encodeUser(quoted)).toContain('say "hi"\\');
  });

  it("decodes a fresh object each time, metadata included", () => {
    const text = encodeUser(fullUser("01J0000000000000000000000D", T1, "d@example.com", "d"));
    const a = decodeUser(text);
    const b = decodeUser(text);
    expect(a).not.toBe(b);
    expect(a.metadata).not.toBe(b.metadata);
    const empty = encodeUser(minimalUser("01J0000000000000000000000E", T1));
    expect(decodeUser(empty).metadata).not.toBe(decodeUser(empty).metadata);
  });

  it("refuses a text that is not one of its records", () => {
    expect(() => decodeUser("\u00ff")).toThrow(TypeError);
  });
});
