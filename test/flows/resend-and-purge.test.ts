import { emailKey } from "signupkit";
import { describe, expect, it } from "vitest";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { auth0Tenant, CONFIRM, DAY, HOUR, makeHarness, rejection, T0, tokenOf, VERIFY } from "./harness.js";

const EMAIL = "nichiden.tarou@example.com";

describe("resendConfirmation", () => {
  it("throttles to the default 60 s (boundary included), then mails a new link and kills the old one", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const first = tokenOf(h.lastTo(EMAIL));

    h.set(T0 + 1);
    expect(await rejection(h.service.resendConfirmation({ tenant: "t1" }, EMAIL))).toMatchObject({
      status: 429,
      code: "too_many_requests",
      retryAfter: 60,
    });
    h.set(T0 + 59_999);
    expect(await rejection(h.service.resendConfirmation({ tenant: "t1" }, EMAIL))).toMatchObject({
      status: 429,
      retryAfter: 1,
    });
    expect(h.mails).toHaveLength(1);

    h.set(T0 + 60_000);
    await h.service.resendConfirmation({ tenant: "t1" }, "Nichiden.Tarou@EXAMPLE.com");
    expect(h.mails).toHaveLength(2);
    const mail = h.mails[1];
    expect(mail).toMatchObject({ to: EMAIL, kind: "confirmation", tenant: "t1" });
    const second = tokenOf(mail);
    expect(second).not.toBe(first);
    expect(h.store.size).toEqual({ users: 0, claims: 1, tokens: 1 });
    const live = await newestLiveClaim(h.store, "t1", emailKey(EMAIL), T0 + 60_000);
    expect(live?.token).toMatchObject({ issuedAt: T0 + 60_000, expiresAt: T0 + 60_000 + DAY });

    // The next resend is throttled from the resend, not from the signup.
    h.set(T0 + 119_999);
    expect(await rejection(h.service.resendConfirmation({ tenant: "t1" }, EMAIL))).toMatchObject({
      retryAfter: 1,
    });

    expect(await rejection(h.service.confirm(first, { tenant: "t1" }))).toMatchObject({
      code: "invalid_token",
    });
    const { user } = await h.service.confirm(second, { tenant: "t1" });
    expect(user.email).toBe(EMAIL);
  });

  it("honours a tenant's resendInterval and extends the claim's life by the fresh token", async () => {
    const h = makeHarness({ t1: { ...CONFIRM, resendInterval: 10 * 60_000 } });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    h.set(T0 + 10 * 60_000 - 1);
    expect(await rejection(h.service.resendConfirmation({ tenant: "t1" }, EMAIL))).toMatchObject({
      retryAfter: 1,
    });
    h.set(T0 + 23 * HOUR);
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    h.set(T0 + 23 * HOUR + DAY - 1);
    expect((await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" })).user.email).toBe(EMAIL);
  });

  it("targets the newest live claim of the address", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "FirstPass1" }, { tenant: "t1" });
    h.advance(1000);
    await h.service.signup({ email: EMAIL, password: "SecondPass2" }, { tenant: "t1" });
    const olderLink = tokenOf(h.mails[0]);
    h.advance(60_000);
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    expect(h.mails).toHaveLength(3);
    // The resent link belongs to the newer claim (its password), and confirming it kills the older claim.
    const { user } = await h.service.confirm(tokenOf(h.mails[2]), { tenant: "t1" });
    expect(await h.passwordMatches((await h.store.getUser(user.id))?.passwordHash, "SecondPass2")).toBe(true);
    expect(await rejection(h.service.confirm(olderLink, { tenant: "t1" }))).toMatchObject({
      code: "invalid_token",
    });
  });

  it("is silent (no mail, no error) for an unknown address, an expired claim or another tenant", async () => {
    const h = makeHarness({ t1: CONFIRM, t2: CONFIRM });
    await h.service.resendConfirmation({ tenant: "t1" }, "nobody@example.com");
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    h.advance(HOUR);
    await h.service.resendConfirmation({ tenant: "t2" }, EMAIL);
    h.set(T0 + DAY);
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    expect(h.mails).toHaveLength(1);
  });

  it("is silent after the claim was confirmed", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    h.advance(HOUR);
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    expect(h.mails).toHaveLength(1);
  });

  it("is forbidden where confirmation mail is off", async () => {
    const h = makeHarness({ a0: auth0Tenant(VERIFY) });
    expect(await rejection(h.service.resendConfirmation({ tenant: "a0" }, EMAIL))).toMatchObject({
      status: 403,
      code: "forbidden",
    });
  });

  it("lets only one of several concurrent resends mail a link", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    h.advance(HOUR);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => h.service.resendConfirmation({ tenant: "t1" }, EMAIL)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "too_many_requests" });
    expect(h.mails).toHaveLength(2);
    expect((await h.service.confirm(tokenOf(h.mails[1]), { tenant: "t1" })).user.email).toBe(EMAIL);
  });
});

describe("purgeExpired", () => {
  it("removes expired tokens and the claims they leave dead, and nothing live", async () => {
    const h = makeHarness({ t1: CONFIRM, a0: auth0Tenant() });
    await h.service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" });
    h.advance(HOUR);
    await h.service.signup({ email: "b@example.com", password: "Passw0rd" }, { tenant: "t1" });
    await h.service.signup({ email: "v@example.com", password: "Xq7!vR2#kLm" }, { tenant: "a0" });
    h.advance(HOUR);
    await h.service.signup({ email: "c@example.com", password: "Passw0rd" }, { tenant: "t1" });
    expect(h.store.size).toEqual({ users: 1, claims: 3, tokens: 4 });
    expect(await h.service.purgeExpired()).toEqual({ claims: 0, tokens: 0 });

    // a expired at T0+24h and b at exactly T0+25h (expiresAt == now is expired); c lives until T0+26h.
    h.set(T0 + DAY + HOUR);
    expect(await h.service.purgeExpired()).toEqual({ claims: 2, tokens: 2 });
    expect(h.store.size).toEqual({ users: 1, claims: 1, tokens: 2 });
    expect(await h.service.purgeExpired()).toEqual({ claims: 0, tokens: 0 });
    expect((await h.service.confirm(tokenOf(h.lastTo("c@example.com")), { tenant: "t1" })).user.email).toBe(
      "c@example.com",
    );

    // The verification token dies after 5 days; the user stays.
    h.set(T0 + HOUR + 5 * DAY);
    expect(await h.service.purgeExpired()).toEqual({ claims: 0, tokens: 1 });
    expect(h.store.size).toEqual({ users: 2, claims: 0, tokens: 0 });
  });

  it("counts each dead claim once even when it had been resent", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    h.advance(HOUR);
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    h.set(T0 + DAY);
    expect(await h.service.purgeExpired()).toEqual({ claims: 0, tokens: 0 });
    h.set(T0 + HOUR + DAY);
    expect(await h.service.purgeExpired()).toEqual({ claims: 1, tokens: 1 });
    expect(h.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
  });
});
