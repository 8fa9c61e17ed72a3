import fc from "fast-check";

/**
 * fast-check arbitraries for signup input: any JSON, objects built from the real field names with arbitrary
 * values, objects with prototype-like keys, and near-valid inputs full of Unicode look-alikes (so that successes,
 * 409s and canonical-key collisions are frequent). Shared by the vitest suite and `scripts/fuzz.ts`.
 */

/** Property names the service knows (both policies, camelCase). */
export const FIELD_NAMES = [
  "id",
  "username",
  "email",
  "password",
  "phoneNumber",
  "givenName",
  "familyName",
  "name",
  "nickname",
  "picture",
  "metadata",
  "clientCertUser",
] as const;

/** Names that reach `Object.prototype` when assigned naively, or shadow its methods, plus wire and server names. */
export const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "__lookupSetter__",
  "then",
  "_id",
  "email_verified",
  "emailVerified",
  "passwordHash",
  "emailKey",
  "tenant",
] as const;

const LOCALS = [
  "taro",
  "Taro",
  "TARO",
  "ｔａｒｏ",
  "ta\u200Bro",
  "tar\u00ADo",
  "nichiden.tarou",
  "\u0130nci",
  "inci",
  "\u0131nci",
  "stra\u00DFe",
  "strasse",
  "STRA\u1E9EE",
  "\u212Aelvin",
  "kelvin",
  "jose\u0301",
  "jos\u00E9",
  "a_b-c.d",
];
const DOMAINS = [
  "example.com",
  "EXAMPLE.COM",
  "example.com\uFF0E",
  "example\u3002com",
  "b\u00FCcher.example",
  "xn--bcher-kva.example",
  "ex.co.jp",
  "example.com.",
  "localhost",
  "a..b",
];
/** Passwords each policy accepts for most users (NEC: printable ASCII 8..100; Auth0: "good", not common). */
export const GOOD_PASSWORDS = ["Xq7!vR2#kLm-9z", "Correct-Horse-9", "zV8#pLq2!wN", "Tr0ub4dor&3x"];
const OTHER_PASSWORDS = [
  "Passw0rd",
  "password",
  "short",
  "Pässwörd-1",
  "ｐａｓｓ",
  "x".repeat(100),
  "aA1!".repeat(33),
];
const USERNAMES = [
  "taro",
  "Taro",
  "TARO",
  "taro ",
  " taro",
  "ta  ro",
  "ta:ro",
  "user.name",
  "u",
  "x".repeat(15),
  "x".repeat(16),
  "ｔａｒｏ",
  "taro@example.com",
  "a`b~c",
  "\u0130nci",
];

const json = fc.jsonValue({ maxDepth: 3 });

/** An email address: look-alike combinations, fast-check addresses, lengths around the limits, or anything. */
export const emailArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS)).map(([l, d]) => `${l}@${d}`),
  },
  { weight: 1, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 90, max: 256 }), fc.constantFrom("\u0130", "a", "\u1E9E", "\u00DF", "\uFF41"))
      .map(([length, first]) => {
        const domain = "@example.com";
        return first + "a".repeat(Math.max(0, length - first.length - domain.length)) + domain;
      }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: json },
);

/** A password: good ones, near misses, any code points, or any JSON. */
export const passwordArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...GOOD_PASSWORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER_PASSWORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 130, unit: "binary" }) },
  { weight: 1, arbitrary: json },
);

/** A username: look-alikes and boundary lengths, any graphemes, or any JSON. */
export const usernameArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...USERNAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: "grapheme" }) },
  { weight: 1, arbitrary: json },
);

const textArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.constantFrom("", "x".repeat(150), "x".repeat(151), "x".repeat(301)) },
  { weight: 1, arbitrary: json },
);

/** A key for objects: real field names, prototype-like names, or anything. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FIELD_NAMES),
  fc.constantFrom(...HOSTILE_KEYS),
  fc.string({ maxLength: 12 }),
);

/** Builds an object whose own properties are `entries`, `__proto__` included (assignment would not make it own). */
export function ownObject(entries: readonly (readonly [string, unknown])[], nullPrototype = false) {
  const target: Record<string, unknown> = nullPrototype ? Object.create(null) : {};
  for (const [key, value] of entries) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return target;
}

/** Objects with prototype-like keys at any depth (and JSON values elsewhere). */
export const hostileObjectArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  node: Record<string, unknown>;
}>((tie) => ({
  node: fc
    .tuple(
      fc.array(
        fc.tuple(keyArb, fc.oneof({ weight: 3, arbitrary: json }, { weight: 1, arbitrary: tie("node") })),
        {
          maxLength: 5,
          depthIdentifier: "hostile",
        },
      ),
      fc.boolean(),
    )
    .map(([entries, nullPrototype]) => ownObject(entries, nullPrototype)),
})).node;

const metadataArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(
    fc.oneof(fc.constantFrom("name", "first", "last", "plan"), fc.string({ maxLength: 8 })),
    fc.string({ maxLength: 20 }),
    {
      maxKeys: 12,
    },
  ),
  hostileObjectArb,
  json,
);

/** Arbitrary values for each field, biased towards values that pass or nearly pass. */
const FIELD_VALUES: Record<(typeof FIELD_NAMES)[number], fc.Arbitrary<unknown>> = {
  id: fc.oneof(
    fc.constantFrom("user-1", "user-2", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "", "a:b", "x".repeat(101)),
    json,
  ),
  username: usernameArb,
  email: emailArb,
  password: passwordArb,
  phoneNumber: fc.oneof(fc.constantFrom("+81312345678", "+1", "81312345678", "+1234567890123456", "+"), json),
  givenName: textArb,
  familyName: textArb,
  name: textArb,
  nickname: textArb,
  picture: fc.oneof(
    fc.constantFrom(
      "https://example.com/a.png",
      "http://x",
      "javascript:alert(1)",
      "ftp://example.com/x",
      "no url",
    ),
    json,
  ),
  metadata: metadataArb,
  clientCertUser: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: json }),
};

/** Objects built from the real field names (any subset) with arbitrary values, plus a few hostile extra keys. */
export const fieldsInputArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(FIELD_VALUES, { requiredKeys: [] }),
    fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), json), { maxLength: 2 }),
  )
  .map(([fields, extra]) => ownObject([...Object.entries(fields), ...extra]));

/** Groups of addresses that are one mailbox (each group must collide on `emailKey`). */
export const LOOK_ALIKE_EMAILS: readonly (readonly string[])[] = [
  [
    "taro@example.com",
    "TARO@example.com",
    "Taro@EXAMPLE.COM",
    "\uFF54\uFF41\uFF52\uFF4F@example.com",
    "ta\u200Bro@example.com",
    "tar\u00ADo@example.com",
    "taro@example.com\uFF0E",
    "taro@example.com\u3002",
  ],
  ["\u0130nci@example.com", "inci@example.com", "\u0131nci@example.com", "INCI@example.com"],
  ["stra\u00DFe@example.com", "strasse@example.com", "STRA\u1E9EE@example.com", "STRASSE@example.com"],
  ["\u212Aelvin@example.com", "kelvin@example.com", "KELVIN@example.com"],
  ["jos\u00E9@example.com", "jose\u0301@example.com", "JOS\u00C9@example.com"],
  ["a@b\u00FCcher.example", "a@xn--bcher-kva.example", "A@B\u00DCCHER.example"],
];

/** The look-alike addresses NEC's ASCII email pattern accepts. */
const ASCII_EMAILS = LOOK_ALIKE_EMAILS.flat().filter((email) => /^[\w.@-]+$/.test(email));

/** A long address, near the 100 (NEC) and 254 (Auth0) limits, starting with a character whose case mapping grows. */
const longEmailArb = fc
  .tuple(
    fc.oneof(fc.constantFrom(100, 101, 254, 255), fc.integer({ min: 95, max: 256 })),
    fc.constantFrom("\u0130", "a", "\u1E9E", "\u00DF", "\uFF41"),
  )
  .map(([length, first]) => {
    const domain = "@example.com";
    return first + "a".repeat(Math.max(0, length - first.length - domain.length)) + domain;
  });

/**
 * Inputs most of which pass the given policy: a look-alike email (so that 409s are frequent), a good password,
 * and the optional fields that policy knows, each sometimes missing or invalid.
 */
export function nearValidInputArb(policy: "baas" | "auth0", requireUsername = false): fc.Arbitrary<unknown> {
  const email = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(...(policy === "baas" ? ASCII_EMAILS : LOOK_ALIKE_EMAILS.flat())),
    },
    { weight: 2, arbitrary: longEmailArb },
  );
  const common = { email, password: fc.constantFrom(...GOOD_PASSWORDS) };
  const record =
    policy === "baas"
      ? fc.record(
          {
            ...common,
            username: fc.constantFrom(...USERNAMES),
            metadata: fc.dictionary(fc.constantFrom("plan", "locale"), fc.jsonValue({ maxDepth: 1 }), {
              maxKeys: 2,
            }),
            id: fc.constantFrom("user-1", "user-2"),
          },
          { requiredKeys: ["email", "password"] },
        )
      : fc.record(
          {
            ...common,
            username: fc.constantFrom(...USERNAMES),
            givenName: fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }),
            nickname: fc.constantFrom("taro", "\u{1F600}", "Tarō"),
            phoneNumber: fc.constantFrom("+81312345678", "+15551234567"),
            metadata: fc.dictionary(fc.constantFrom("plan", "locale"), fc.string({ maxLength: 10 }), {
              maxKeys: 2,
            }),
          },
          { requiredKeys: requireUsername ? ["email", "password", "username"] : ["email", "password"] },
        );
  return record.map((fields) => {
    const input: Record<string, unknown> = { ...fields };
    // Auth0 connections without usernames refuse one: keep it only now and then.
    if (policy === "auth0" && !requireUsername && input.givenName === undefined) delete input.username;
    return ownObject(Object.entries(input));
  });
}

/** Any signup input: near-valid inputs, field-name objects, any JSON value, or objects with prototype-like keys. */
export const signupInputArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: nearValidInputArb("baas") },
  { weight: 2, arbitrary: nearValidInputArb("auth0") },
  { weight: 3, arbitrary: fieldsInputArb },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hostileObjectArb },
  { weight: 1, arbitrary: fc.object({ key: keyArb, maxDepth: 2 }) },
);
