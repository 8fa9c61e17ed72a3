import fc from "fast-check";
import { emailKey, type SignupResult, usernameKey } from "signupkit";
import { describe, expect, it } from "vitest";
import { LOOK_ALIKE_EMAILS } from "./arbitraries.js";
import {
  auth0Tenant,
  CONFIRM,
  MINUTE,
  makeWorld,
  necTenant,
  PASSWORD,
  rejection,
  tokenOf,
  VERIFY,
  type World,
} from "./world.js";

/**
 * Unicode identity: canonical keys make visually or mail-wise identical addresses and usernames collide, so that
 * no two users of a tenant share a mailbox or a look-alike username, and every mail goes to the stored address.
 */

const show = (s: string) =>
  JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);

describe("emailKey", () => {
  it.each(LOOK_ALIKE_EMAILS.map((group) => [group.map(show).join(" = "), group] as const))(
    "folds %s",
    (_name, group) => {
      const keys = new Set(group.map(emailKey));
      expect(keys.size).toBe(1);
    },
  );

  it("keeps the groups apart", () => {
    const keys = LOOK_ALIKE_EMAILS.map((group) => emailKey(group[0] as string));
    expect(new Set(keys).size).toBe(LOOK_ALIKE_EMAILS.length);
  });

  it.each([
    ["trailing dots in the domain", ["a@example.com.", "a@example.com..", "a@example.com"]],
    [
      "a trailing full-width or ideographic dot",
      ["a@example.com\uFF0E", "a@example.com\u3002", "a@example.com"],
    ],
    [
      "a fully full-width address",
      ["\uFF41\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45\uFF0E\uFF43\uFF4F\uFF4D", "a@example.com"],
    ],
    ["the Kelvin and Ohm signs", ["\u212A\u2126@example.com", "k\u03C9@example.com"]],
    [
      "a dotted capital I written as I + U+0307",
      ["I\u0307nci@example.com", "\u0130nci@example.com", "inci@example.com"],
    ],
    ["ligatures", ["\uFB00@example.com", "ff@example.com"]],
    [
      "zero-width joiner, word joiner, BOM, bidi marks",
      ["a\u200Db\u2060c\uFEFF\u200E@example.com", "abc@example.com"],
    ],
    ["a soft hyphen and a combining grapheme joiner", ["ab\u00AD\u034Fc@example.com", "abc@example.com"]],
    ["an IDN domain with upper case", ["a@B\u00DCCHER.EXAMPLE", "a@xn--bcher-kva.example"]],
  ])("folds %s", (_name, emails) => {
    expect(new Set(emails.map(emailKey)).size).toBe(1);
  });

  it.each([
    [
      "Cyrillic а and Latin a (a confusable, not the same character)",
      ["\u0430@example.com", "a@example.com"],
    ],
    ["l, I and 1", ["l@example.com", "1@example.com"]],
    ["sub-addresses", ["taro+news@example.com", "taro@example.com"]],
    ["Gmail dots", ["t.a.r.o@gmail.com", "taro@gmail.com"]],
    ["different domains", ["a@example.com", "a@example.co"]],
  ])("does not fold %s", (_name, emails) => {
    expect(new Set(emails.map(emailKey)).size).toBe(emails.length);
  });

  it("takes the ASCII fast path to the same key as the full fold", () => {
    const printable = fc
      .string({ unit: "binary-ascii", maxLength: 30 })
      .filter((s) => /^[\x20-\x7e]*$/.test(s));
    fc.assert(
      fc.property(printable, (s) => {
        // A zero-width space forces the full fold and is removed by it.
        expect(emailKey(`${s}\u200B`)).toBe(emailKey(s));
        expect(usernameKey(`\u200B${s}`)).toBe(usernameKey(s));
      }),
      { numRuns: 500 },
    );
  });

  it("is idempotent and blind to case, normalization form and invisible characters", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 24 }),
      fc.string({ unit: "grapheme", maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, fc.nat(), (s, at) => {
        for (const key of [emailKey, usernameKey]) {
          const k = key(s);
          expect(key(k)).toBe(k);
          expect(key(s.toUpperCase())).toBe(k);
          expect(key(s.toLowerCase())).toBe(k);
          expect(key(s.normalize("NFD"))).toBe(k);
          expect(key(s.normalize("NFKC"))).toBe(k);
          const cut = at % (s.length + 1);
          if (!/[\uD800-\uDFFF]/.test(s)) expect(key(`${s.slice(0, cut)}\u200B${s.slice(cut)}`)).toBe(k);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe("usernameKey", () => {
  it.each([
    ["mixed case", ["Taro", "TARO", "taro"]],
    ["surrounding and repeated spaces (NEC allows spaces)", [" taro ", "taro", "taro  "]],
    ["inner runs of spaces", ["taro  yamada", "taro yamada", "Taro\u3000Yamada"]],
    ["full-width letters", ["\uFF54\uFF41\uFF52\uFF4F", "taro"]],
    ["the Kelvin sign", ["\u212Aen", "ken"]],
    ["dotted and dotless i", ["\u0130nci", "\u0131nci", "inci"]],
    ["sharp s", ["stra\u00DFe", "STRA\u1E9EE", "strasse"]],
    ["NFC and NFD", ["jos\u00E9", "jose\u0301"]],
    ["zero-width characters", ["ta\u200Bro", "ta\u200Cro", "taro"]],
  ])("folds %s", (_name, names) => {
    expect(new Set(names.map(usernameKey)).size).toBe(1);
  });

  it("keeps a visible space inside a name", () => {
    expect(usernameKey("ta ro")).not.toBe(usernameKey("taro"));
  });
});

type Created = Extract<SignupResult, { status: "created" }>;

/** Signs up every address of a group in order: returns which were accepted, refused (400) or taken (409). */
async function signupGroup(w: World, tenant: string, field: "email" | "username", values: readonly string[]) {
  const outcomes: string[] = [];
  for (const [i, value] of values.entries()) {
    const input =
      field === "email"
        ? { email: value, password: PASSWORD }
        : { email: `user${i}@example.com`, username: value, password: PASSWORD };
    try {
      await w.service.signup(input, { tenant });
      outcomes.push("created");
    } catch (error) {
      outcomes.push(String((error as { status?: number }).status));
    }
  }
  return outcomes;
}

describe("through the service, one mailbox and one look-alike username per tenant", () => {
  it("lets Auth0 accept every look-alike mailbox once, answers 409 for the rest, 400 for a non-mailbox", async () => {
    // Format characters (zero-width space, soft hyphen) and a full-width or ideographic dot in the domain are not
    // an RFC 5321 Mailbox: refused before any key is computed.
    const refused = (email: string) => /[\p{Cf}\uFF0E\u3002]/u.test(email);
    const expected = (group: readonly string[]) => {
      const first = group.findIndex((email) => !refused(email));
      return group.map((email, i) => (refused(email) ? "400" : i === first ? "created" : "409"));
    };
    for (const group of LOOK_ALIKE_EMAILS) {
      const w = makeWorld({ a: auth0Tenant() });
      expect(await signupGroup(w, "a", "email", group), group.map(show).join()).toEqual(expected(group));
      // In reverse order too: whichever comes first owns the mailbox.
      const v = makeWorld({ a: auth0Tenant() });
      const reversed = [...group].reverse();
      expect(await signupGroup(v, "a", "email", reversed)).toEqual(expected(reversed));
    }
  });

  it("lets NEC accept ASCII addresses only, and answers 409 for a case variant", async () => {
    for (const group of LOOK_ALIKE_EMAILS) {
      const w = makeWorld({ t: necTenant() });
      const outcomes = await signupGroup(w, "t", "email", group);
      const ascii = group.map((email) => /^[\w.@-]+$/.test(email));
      const firstAscii = ascii.indexOf(true);
      expect(outcomes).toEqual(
        group.map((_, i) => (!ascii[i] ? "400" : i === firstAscii ? "created" : "409")),
      );
    }
  });

  it("folds NEC usernames (printable ASCII) by case and spacing", async () => {
    const w = makeWorld({ t: necTenant() });
    const names = [
      "Taro",
      "taro",
      "TARO",
      " taro",
      "taro ",
      "ta ro",
      "ta  ro",
      "\uFF54\uFF41\uFF52\uFF4F",
      "ta\u200Bro",
    ];
    expect(await signupGroup(w, "t", "username", names)).toEqual([
      "created",
      "409",
      "409",
      "409",
      "409",
      "created",
      "409",
      "400",
      "400",
    ]);
  });

  it("keeps Auth0 usernames to ASCII letters, digits and symbols, compared without case", async () => {
    const w = makeWorld({ a: auth0Tenant({}, { requireUsername: true }) });
    const names = [
      "Taro",
      "taro",
      "TARO",
      "taro ",
      "\uFF54\uFF41\uFF52\uFF4F",
      "\u212Aen",
      "ta\u200Bro",
      "t.a.r.o",
    ];
    expect(await signupGroup(w, "a", "username", names)).toEqual([
      "created",
      "409",
      "409",
      "400",
      "400",
      "400",
      "400",
      "created",
    ]);
  });

  it("scopes uniqueness to the tenant", async () => {
    const w = makeWorld({ a: auth0Tenant(), b: auth0Tenant() });
    await w.service.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "a" });
    const other = await w.service.signup({ email: "TARO@example.com", password: PASSWORD }, { tenant: "b" });
    expect(other.status).toBe("created");
  });

  it("answers 409 at confirmation when a look-alike user was created meanwhile", async () => {
    const w = makeWorld({ t: necTenant(CONFIRM) });
    await w.service.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "t" });
    const first = tokenOf(w.mailer.lastTo("taro@example.com"));
    await w.service.signup({ email: "TARO@example.com", password: PASSWORD }, { tenant: "t" });
    const second = tokenOf(w.mailer.lastTo("TARO@example.com"));
    const user = (await w.service.confirm(second, { tenant: "t" })).user;
    expect(user.email).toBe("TARO@example.com");
    // Confirming one claim of the mailbox retires the others.
    expect(await rejection(w.service.confirm(first, { tenant: "t" }))).toMatchObject({ status: 400 });
    expect(w.store.size).toEqual({ users: 1, claims: 0, tokens: 0 });
  });
});

describe("mail goes to the stored address only", () => {
  it("sends the existing-account notice to the owner's stored address, not to the look-alike asked for", async () => {
    const w = makeWorld({ t: necTenant({ ...CONFIRM, concealExisting: true }) });
    await w.service.signup({ email: "Taro@Example.com", password: PASSWORD }, { tenant: "t" });
    await w.service.confirm(tokenOf(w.mailer.lastTo("Taro@Example.com")), { tenant: "t" });
    expect(
      await w.service.signup({ email: "taro@EXAMPLE.COM", password: PASSWORD }, { tenant: "t" }),
    ).toEqual({
      status: "pending",
    });
    expect(w.mailer.messages.map((m) => [m.kind, m.to])).toEqual([
      ["confirmation", "Taro@Example.com"],
      ["existing-account", "Taro@Example.com"],
    ]);
  });

  it("resends a confirmation to the claim's address when asked with a look-alike", async () => {
    const w = makeWorld({ t: necTenant(CONFIRM) });
    await w.service.signup({ email: "Taro@Example.com", password: PASSWORD }, { tenant: "t" });
    w.advance(2 * MINUTE);
    await w.service.resendConfirmation({ tenant: "t" }, "\uFF34\uFF41\uFF52\uFF4F@example.com\uFF0E");
    expect(w.mailer.messages.map((m) => m.to)).toEqual(["Taro@Example.com", "Taro@Example.com"]);
  });

  it("mails Auth0 verification to the stored (lower-cased) address, also on a look-alike resend", async () => {
    const w = makeWorld({ a: auth0Tenant(VERIFY) });
    const result = (await w.service.signup(
      { email: "TA\u0301ro@Example.com", password: PASSWORD },
      { tenant: "a" },
    )) as Created;
    expect(result.user.email).toBe("ta\u0301ro@example.com");
    w.advance(2 * MINUTE);
    await w.service.resendVerification({ tenant: "a" }, "\uFF54\u00E1\uFF52\uFF4F@example.com");
    expect(w.mailer.messages.map((m) => m.to)).toEqual(["ta\u0301ro@example.com", "ta\u0301ro@example.com"]);
  });
});
