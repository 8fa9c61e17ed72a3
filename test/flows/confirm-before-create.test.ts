import { baasPolicy, createSignupService, emailKey, isSignupError } from "signupkit";
import { createInsecureTestHasher } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { CONFIRM, CONFIRM_URL, DAY, digest, HOUR, makeHarness, rejection, T0, tokenOf } from "./harness.js";

const EMAIL = "nichiden.tarou@example.com";
const INPUT = { username: "tarou", email: EMAIL, password: "Passw0rd!", metadata: { plan: "gold", n: 1 } };

describe("confirm-before-create (NEC 本人確認): signup", () => {
  it("answers pending, creates no user, stores one claim and mails its link", async () => {
    const h = makeHarness({ t1: CONFIRM });
    const result = await h.service.signup(INPUT, { tenant: "t1" });
    expect(result).toEqual({ status: "pending" });

    expect(await h.store.findUserByEmail("t1", emailKey(EMAIL))).toBeNull();
    expect(await h.store.findUserByUsername("t1", "tarou")).toBeNull();
    expect(h.store.size).toEqual({ users: 0, claims: 1, tokens: 1 });

    expect(h.mails).toHaveLength(1);
    const mail = h.mails[0];
    expect(mail).toMatchObject({ to: EMAIL, kind: "confirmation", tenant: "t1", locale: "en" });
    expect(mail?.subject).toBe("Confirm your registration for App");
    const token = tokenOf(mail);
    expect(mail?.text).toContain(`${CONFIRM_URL}?token=${token}`);
    expect(mail?.html).toContain(`<a href="${CONFIRM_URL}?token=${token}">`);
    expect(mail?.text).not.toContain("Passw0rd!");

    // The claim holds the hashed password, profile, metadata, the token's digest and its expiry.
    const found = await newestLiveClaim(h.store, "t1", emailKey(EMAIL), T0);
    expect(found).not.toBeNull();
    const claim = found?.claim;
    expect(claim?.tenant).toBe("t1");
    expect(claim?.user).toMatchObject({ username: "tarou", email: EMAIL, metadata: { plan: "gold", n: 1 } });
    expect(claim?.user.passwordHash).toMatch(/^insecure-sha256\$/);
    expect(claim?.user.passwordHash).not.toContain("Passw0rd!");
    expect(found?.token).toEqual({
      hash: await digest(token),
      purpose: "confirm",
      tenant: "t1",
      subject: claim?.id,
      issuedAt: T0,
      expiresAt: T0 + DAY,
      failedAttempts: 0,
    });
  });

  it("answers 409 before anything is stored when the email or username already belongs to a user", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    const mailsBefore = h.mails.length;
    const hashesBefore = h.hashCount();

    const byEmail = await rejection(
      h.service.signup({ email: "NICHIDEN.tarou@example.com", password: "Other0pass" }, { tenant: "t1" }),
    );
    expect(byEmail).toMatchObject({ status: 409, code: "email_exists" });
    const byName = await rejection(
      h.service.signup(
        { username: "TAROU", email: "someone.else@example.com", password: "Other0pass" },
        { tenant: "t1" },
      ),
    );
    expect(byName).toMatchObject({ status: 409, code: "username_exists" });
    expect(h.store.size).toEqual({ users: 1, claims: 0, tokens: 0 });
    expect(h.mails.length).toBe(mailsBefore);
    expect(h.hashCount()).toBe(hashesBefore);
  });

  it("validates everything before it stores or mails anything", async () => {
    const h = makeHarness({ t1: CONFIRM });
    const error = await rejection(
      h.service.signup({ email: "not-an-address", password: "x" }, { tenant: "t1" }),
    );
    expect(error).toMatchObject({ status: 400, code: "invalid_input" });
    expect(h.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(h.mails).toHaveLength(0);
  });
});

describe("confirm-before-create: confirm", () => {
  it("creates the user from the claim, stamped at confirmation time, and consumes the claim", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    h.advance(HOUR);
    const { user } = await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });

    expect(user).toMatchObject({
      tenant: "t1",
      username: "tarou",
      email: EMAIL,
      metadata: { plan: "gold", n: 1 },
      enabled: true,
      createdAt: new Date(T0 + HOUR).toISOString(),
      updatedAt: new Date(T0 + HOUR).toISOString(),
    });
    expect(user).not.toHaveProperty("passwordHash");
    expect(user.etag).not.toBe("");
    const stored = await h.store.findUserByEmail("t1", emailKey(EMAIL));
    expect(stored?.id).toBe(user.id);
    expect(await h.passwordMatches(stored?.passwordHash, "Passw0rd!")).toBe(true);
    expect(h.store.size).toEqual({ users: 1, claims: 0, tokens: 0 });
  });

  it("marks the address verified: following the mailed link proved it", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const { user } = await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    expect(user.emailVerified).toBe(true);
  });

  it("refuses a token a second time with invalid_token", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const token = tokenOf(h.lastTo(EMAIL));
    await h.service.confirm(token, { tenant: "t1" });
    const again = await rejection(h.service.confirm(token, { tenant: "t1" }));
    expect(isSignupError(again)).toBe(true);
    expect(again).toMatchObject({ status: 400, code: "invalid_token" });
    expect(h.store.size.users).toBe(1);
  });

  it("refuses unknown and malformed tokens with invalid_token", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const real = tokenOf(h.lastTo(EMAIL));
    const unknown = (real.startsWith("A") ? "B" : "A") + real.slice(1);
    for (const token of [unknown, "", "short", `${real}x`, real.replace(/.$/, "=")]) {
      expect(await rejection(h.service.confirm(token, { tenant: "t1" }))).toMatchObject({
        code: "invalid_token",
      });
    }
    expect(h.store.size).toEqual({ users: 0, claims: 1, tokens: 1 });
  });

  it("treats another tenant's token as invalid_token and does not consume it", async () => {
    const h = makeHarness({ t1: CONFIRM, t2: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const token = tokenOf(h.lastTo(EMAIL));
    const wrong = await rejection(h.service.confirm(token, { tenant: "t2" }));
    expect(wrong).toMatchObject({ status: 400, code: "invalid_token" });
    expect(await h.store.findUserByEmail("t2", emailKey(EMAIL))).toBeNull();

    const { user } = await h.service.confirm(token, { tenant: "t1" });
    expect(user.tenant).toBe("t1");
  });

  it("expires exactly at confirmationTtl: 1 ms before works, at the instant it is token_expired", async () => {
    const early = makeHarness({ t1: CONFIRM });
    await early.service.signup(INPUT, { tenant: "t1" });
    early.set(T0 + DAY - 1);
    await expect(
      early.service.confirm(tokenOf(early.lastTo(EMAIL)), { tenant: "t1" }),
    ).resolves.toHaveProperty("user");

    const late = makeHarness({ t1: CONFIRM });
    await late.service.signup(INPUT, { tenant: "t1" });
    late.set(T0 + DAY);
    const error = await rejection(late.service.confirm(tokenOf(late.lastTo(EMAIL)), { tenant: "t1" }));
    expect(error).toMatchObject({ status: 400, code: "token_expired" });
    expect(late.store.size.users).toBe(0);
  });

  it("honours a tenant's confirmationTtl", async () => {
    const h = makeHarness({ t1: { ...CONFIRM, confirmationTtl: 10 * 60_000 } });
    await h.service.signup(INPUT, { tenant: "t1" });
    h.advance(10 * 60_000);
    const error = await rejection(h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" }));
    expect(error).toMatchObject({ code: "token_expired" });
  });

  it("answers 409 when the username was taken between signup and confirm, and the claim dies", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const first = tokenOf(h.lastTo(EMAIL));
    await h.service.signup(
      { username: "Tarou", email: "other@example.com", password: "Other0pass" },
      { tenant: "t1" },
    );
    await h.service.confirm(tokenOf(h.lastTo("other@example.com")), { tenant: "t1" });

    const error = await rejection(h.service.confirm(first, { tenant: "t1" }));
    expect(error).toMatchObject({ status: 409, code: "username_exists" });
    expect(await h.store.findUserByEmail("t1", emailKey(EMAIL))).toBeNull();
    expect(await rejection(h.service.confirm(first, { tenant: "t1" }))).toMatchObject({
      code: "invalid_token",
    });
  });

  it("answers 409 when the email was taken between signup and confirm, and the claim dies", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const token = tokenOf(h.lastTo(EMAIL));
    // A second service over the same store whose tenant does not confirm first (e.g. during a config rollout).
    const direct = createSignupService({
      store: h.store,
      hasher: createInsecureTestHasher(),
      tenants: { t1: { policy: baasPolicy() } },
    });
    await direct.signup({ email: "Nichiden.Tarou@example.com", password: "Other0pass" }, { tenant: "t1" });

    expect(await rejection(h.service.confirm(token, { tenant: "t1" }))).toMatchObject({
      status: 409,
      code: "email_exists",
    });
    expect(h.store.size).toEqual({ users: 1, claims: 0, tokens: 0 });
    expect(await rejection(h.service.confirm(token, { tenant: "t1" }))).toMatchObject({
      code: "invalid_token",
    });
  });

  it("lets exactly one of 20 concurrent confirmations create the user", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const token = tokenOf(h.lastTo(EMAIL));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => h.service.confirm(token, { tenant: "t1" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const r of failed) expect(r.reason).toMatchObject({ code: "invalid_token" });
    expect(h.store.size.users).toBe(1);
  });
});

describe("confirm-before-create: competing claims for one address", () => {
  it("keeps each claim's own password; the first confirmed wins and every other claim's token dies", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "FirstPass1" }, { tenant: "t1" });
    const first = tokenOf(h.lastTo(EMAIL));
    h.advance(1000);
    await h.service.signup({ email: EMAIL, password: "SecondPass2" }, { tenant: "t1" });
    const second = tokenOf(h.lastTo(EMAIL));
    h.advance(1000);
    await h.service.signup({ email: "Nichiden.Tarou@example.com", password: "ThirdPass3" }, { tenant: "t1" });
    const third = tokenOf(h.lastTo("Nichiden.Tarou@example.com"));
    expect(new Set([first, second, third]).size).toBe(3);
    expect(h.store.size).toEqual({ users: 0, claims: 3, tokens: 3 });

    const { user } = await h.service.confirm(second, { tenant: "t1" });
    const stored = await h.store.getUser(user.id);
    expect(await h.passwordMatches(stored?.passwordHash, "SecondPass2")).toBe(true);
    expect(await h.passwordMatches(stored?.passwordHash, "FirstPass1")).toBe(false);
    expect(h.store.size).toEqual({ users: 1, claims: 0, tokens: 0 });

    for (const token of [first, third, second]) {
      expect(await rejection(h.service.confirm(token, { tenant: "t1" }))).toMatchObject({
        code: "invalid_token",
      });
    }
  });

  it("leaves claims of the same address in another tenant alone", async () => {
    const h = makeHarness({ t1: CONFIRM, t2: CONFIRM });
    await h.service.signup(INPUT, { tenant: "t1" });
    const inT1 = tokenOf(h.lastTo(EMAIL));
    await h.service.signup(INPUT, { tenant: "t2" });
    const inT2 = tokenOf(h.lastTo(EMAIL));
    await h.service.confirm(inT1, { tenant: "t1" });
    const { user } = await h.service.confirm(inT2, { tenant: "t2" });
    expect(user.tenant).toBe("t2");
  });
});

describe("confirm-before-create: combinations", () => {
  it("sends no verification mail after confirmation when verification is on too: the user is verified", async () => {
    const h = makeHarness({
      t1: { ...CONFIRM, verification: true, verificationUrl: "https://app.example/v" },
    });
    expect(await h.service.signup(INPUT, { tenant: "t1" })).toEqual({ status: "pending" });
    const { user } = await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    expect(user.emailVerified).toBe(true);
    expect(h.mails.map((m) => m.kind)).toEqual(["confirmation"]);
    h.advance(DAY);
    await h.service.resendVerification({ tenant: "t1" }, EMAIL);
    expect(h.mails).toHaveLength(1);
  });

  it("creates a client-certificate user (no address to confirm) at once for the master key", async () => {
    const h = makeHarness({ t1: { ...CONFIRM, notification: true } });
    const body = { username: "device-01", clientCertUser: true };
    const result = await h.service.signup(body, { tenant: "t1", master: true });
    expect(result).toMatchObject({
      status: "created",
      user: { username: "device-01", clientCertUser: true },
    });
    expect(h.mails).toHaveLength(0);
  });
});
