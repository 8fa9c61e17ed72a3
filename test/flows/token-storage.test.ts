import { emailKey, type LogEvent } from "signupkit";
import { describe, expect, it } from "vitest";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { auth0Tenant, CONFIRM, DAY, digest, makeHarness, stringsIn, tokenOf } from "./harness.js";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

describe("tokens", () => {
  it("never reach the store, the logger or onError in raw form; only their SHA-256 digest is stored", async () => {
    const events: LogEvent[] = [];
    const h = makeHarness(
      { t1: { ...CONFIRM, notification: true }, a0: auth0Tenant() },
      { logger: (event) => events.push(event) },
    );
    const raws: string[] = [];
    const seenInStore: string[] = [];
    const snapshot = async () => {
      const claim = await newestLiveClaim(h.store, "t1", emailKey("c@example.com"), h.now());
      stringsIn(claim, seenInStore);
      const user = await h.store.findUserByEmail("a0", "v@example.com");
      if (user !== null) stringsIn([user, await h.store.latestToken("verify", user.id)], seenInStore);
    };

    // Confirmation: signup, resend (with one failed attempt), confirm.
    await h.service.signup(
      { email: "c@example.com", password: "Passw0rd", metadata: { k: "v" } },
      { tenant: "t1" },
    );
    raws.push(tokenOf(h.lastTo("c@example.com")));
    await snapshot();
    h.advance(DAY / 2);
    h.mailer.failOn(h.mailer.attempts + 1);
    await h.service.resendConfirmation({ tenant: "t1" }, "c@example.com").catch(() => undefined);
    await h.service.resendConfirmation({ tenant: "t1" }, "c@example.com");
    raws.push(tokenOf(h.lastTo("c@example.com")));
    await snapshot();
    await h.service.confirm(raws[1] as string, { tenant: "t1" });

    // Verification: signup, resend, verify.
    await h.service.signup({ email: "v@example.com", password: "Xq7!vR2#kLm" }, { tenant: "a0" });
    raws.push(tokenOf(h.lastTo("v@example.com")));
    await snapshot();
    h.advance(DAY);
    await h.service.resendVerification({ tenant: "a0" }, "v@example.com");
    raws.push(tokenOf(h.lastTo("v@example.com")));
    await snapshot();
    await h.service.verifyEmail(raws[3] as string, { tenant: "a0" });
    await h.service.purgeExpired();

    expect(new Set(raws).size).toBe(4);
    for (const raw of raws) expect(raw).toMatch(TOKEN_SHAPE);

    const everything = [
      ...stringsIn(h.traffic),
      ...seenInStore,
      ...stringsIn(events),
      ...h.errors.flatMap(({ error }) => [String(error), (error as Error).stack ?? ""]),
    ];
    // The scan sees what the store holds: every token's digest went through it.
    for (const raw of raws) expect(everything).toContain(await digest(raw));
    for (const raw of raws) {
      expect(everything.filter((value) => value.includes(raw))).toEqual([]);
    }
    // Nor does any password reach it in plain text.
    expect(everything.filter((value) => value.includes("Passw0rd") || value.includes("Xq7!vR2#kLm"))).toEqual(
      [],
    );
  });

  it("are 256-bit base64url values, all distinct", async () => {
    const h = makeHarness({ t1: CONFIRM });
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      await h.service.signup({ email: `u${i}@example.com`, password: "Passw0rd" }, { tenant: "t1" });
      const raw = tokenOf(h.lastTo(`u${i}@example.com`));
      expect(raw).toMatch(TOKEN_SHAPE);
      seen.add(raw);
    }
    expect(seen.size).toBe(50);
  });

  it("are bound to one claim: a link confirms its own claim and no other", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: "one@example.com", password: "Passw0rd" }, { tenant: "t1" });
    await h.service.signup({ email: "two@example.com", password: "Passw0rd" }, { tenant: "t1" });
    const { user } = await h.service.confirm(tokenOf(h.lastTo("two@example.com")), { tenant: "t1" });
    expect(user.email).toBe("two@example.com");
    expect(h.store.size).toEqual({ users: 1, claims: 1, tokens: 1 });
    expect((await h.service.confirm(tokenOf(h.lastTo("one@example.com")), { tenant: "t1" })).user.email).toBe(
      "one@example.com",
    );
  });
});
