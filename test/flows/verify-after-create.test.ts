import { emailKey } from "signupkit";
import { describe, expect, it } from "vitest";
import {
  auth0Tenant,
  CONFIRM,
  DAY,
  HOUR,
  makeHarness,
  rejection,
  T0,
  tokenOf,
  VERIFY,
  VERIFY_URL,
} from "./harness.js";

const EMAIL = "ann.lee@example.com";
const PASSWORD = "Xq7!vR2#kLm";

function auth0Harness() {
  return makeHarness({ a0: auth0Tenant(), other: auth0Tenant() });
}

describe("verify-after-create (Auth0): signup", () => {
  it("creates the user at once, unverified, and mails a verification link", async () => {
    const h = auth0Harness();
    const result = await h.service.signup(
      { email: "Ann.Lee@Example.com", password: PASSWORD },
      { tenant: "a0" },
    );
    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    expect(result.verificationMail).toBe("sent");
    expect(result.user).toMatchObject({ email: EMAIL, emailVerified: false, tenant: "a0" });
    expect((await h.store.findUserByEmail("a0", emailKey(EMAIL)))?.id).toBe(result.user.id);

    expect(h.mails).toHaveLength(1);
    const mail = h.mails[0];
    expect(mail).toMatchObject({ to: EMAIL, kind: "verification", tenant: "a0", locale: "en" });
    expect(mail?.subject).toBe("Verify your email address for App");
    const token = tokenOf(mail);
    // The configured URL's own query parameters are kept; the token is added to them.
    expect(mail?.text).toContain(`${VERIFY_URL}&token=${token}`);
    const stored = await h.store.latestToken("verify", result.user.id);
    expect(stored).toMatchObject({ purpose: "verify", tenant: "a0", issuedAt: T0, expiresAt: T0 + 5 * DAY });
  });

  it("also works for an NEC tenant with verification mail on", async () => {
    const h = makeHarness({ t1: VERIFY });
    const result = await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    expect(result).toMatchObject({
      status: "created",
      verificationMail: "sent",
      user: { emailVerified: false },
    });
    const { user } = await h.service.verifyEmail(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    expect(user.emailVerified).toBe(true);
  });
});

describe("verify-after-create: verifyEmail", () => {
  it("sets emailVerified, stamps updatedAt and a fresh etag, once", async () => {
    const h = auth0Harness();
    const result = await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    if (result.status !== "created") throw new Error("not created");
    const token = tokenOf(h.lastTo(EMAIL));
    h.advance(DAY);
    const { user } = await h.service.verifyEmail(token, { tenant: "a0" });
    expect(user).toMatchObject({
      id: result.user.id,
      emailVerified: true,
      updatedAt: new Date(T0 + DAY).toISOString(),
    });
    expect(user.createdAt).toBe(result.user.createdAt);
    expect(user.etag).not.toBe(result.user.etag);
    expect((await h.store.getUser(user.id))?.emailVerified).toBe(true);
    expect(user).not.toHaveProperty("passwordHash");

    expect(await rejection(h.service.verifyEmail(token, { tenant: "a0" }))).toMatchObject({
      status: 400,
      code: "invalid_token",
    });
  });

  it("expires exactly at verificationTtl: 1 ms before works, at the instant it is token_expired", async () => {
    for (const [offset, expired] of [
      [5 * DAY - 1, false],
      [5 * DAY, true],
    ] as const) {
      const h = auth0Harness();
      await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
      h.set(T0 + offset);
      const attempt = h.service.verifyEmail(tokenOf(h.lastTo(EMAIL)), { tenant: "a0" });
      if (expired) expect(await rejection(attempt)).toMatchObject({ status: 400, code: "token_expired" });
      else expect((await attempt).user.emailVerified).toBe(true);
    }
  });

  it("honours a tenant's verificationTtl", async () => {
    const h = makeHarness({ a0: auth0Tenant({ ...VERIFY, verificationTtl: HOUR }) });
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    h.advance(HOUR);
    expect(await rejection(h.service.verifyEmail(tokenOf(h.lastTo(EMAIL)), { tenant: "a0" }))).toMatchObject({
      code: "token_expired",
    });
  });

  it("treats another tenant's token as invalid_token and does not consume it", async () => {
    const h = auth0Harness();
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    const token = tokenOf(h.lastTo(EMAIL));
    expect(await rejection(h.service.verifyEmail(token, { tenant: "other" }))).toMatchObject({
      code: "invalid_token",
    });
    expect((await h.service.verifyEmail(token, { tenant: "a0" })).user.emailVerified).toBe(true);
  });

  it("lets exactly one of 20 concurrent verifications succeed", async () => {
    const h = auth0Harness();
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    const token = tokenOf(h.lastTo(EMAIL));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => h.service.verifyEmail(token, { tenant: "a0" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "invalid_token" });
  });

  it("keeps confirmation and verification tokens apart", async () => {
    const h = makeHarness({ t1: CONFIRM, a0: auth0Tenant() });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const confirmToken = tokenOf(h.lastTo(EMAIL));
    expect(await rejection(h.service.verifyEmail(confirmToken, { tenant: "t1" }))).toMatchObject({
      code: "invalid_token",
    });
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    const verifyToken = tokenOf(h.lastTo(EMAIL));
    expect(await rejection(h.service.confirm(verifyToken, { tenant: "a0" }))).toMatchObject({
      code: "invalid_token",
    });
    // Neither wrong-purpose attempt consumed anything.
    expect((await h.service.confirm(confirmToken, { tenant: "t1" })).user.tenant).toBe("t1");
    expect((await h.service.verifyEmail(verifyToken, { tenant: "a0" })).user.emailVerified).toBe(true);
  });
});

describe("verify-after-create: resendVerification", () => {
  it("throttles to resendInterval (boundary included), then mails a new link and kills the old one", async () => {
    const h = makeHarness({ a0: auth0Tenant({ ...VERIFY, resendInterval: 5 * 60_000 }) });
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    const first = tokenOf(h.lastTo(EMAIL));

    h.set(T0 + 1);
    expect(await rejection(h.service.resendVerification({ tenant: "a0" }, EMAIL))).toMatchObject({
      status: 429,
      code: "too_many_requests",
      retryAfter: 300,
    });
    h.set(T0 + 5 * 60_000 - 1);
    expect(await rejection(h.service.resendVerification({ tenant: "a0" }, EMAIL))).toMatchObject({
      status: 429,
      retryAfter: 1,
    });
    expect(h.mails).toHaveLength(1);

    h.set(T0 + 5 * 60_000);
    await h.service.resendVerification({ tenant: "a0" }, "ANN.LEE@example.com");
    expect(h.mails).toHaveLength(2);
    const second = tokenOf(h.lastTo(EMAIL));
    expect(second).not.toBe(first);
    expect(
      await h.store.latestToken("verify", (await h.store.findUserByEmail("a0", EMAIL))?.id ?? ""),
    ).toMatchObject({ issuedAt: T0 + 5 * 60_000, expiresAt: T0 + 5 * 60_000 + 5 * DAY });

    expect(await rejection(h.service.verifyEmail(first, { tenant: "a0" }))).toMatchObject({
      code: "invalid_token",
    });
    expect((await h.service.verifyEmail(second, { tenant: "a0" })).user.emailVerified).toBe(true);
  });

  it("is silent for an unknown address, a verified user and another tenant's user", async () => {
    const h = auth0Harness();
    await h.service.resendVerification({ tenant: "a0" }, "nobody@example.com");
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    h.advance(DAY);
    await h.service.resendVerification({ tenant: "other" }, EMAIL);
    expect(h.mails).toHaveLength(1);
    await h.service.verifyEmail(tokenOf(h.lastTo(EMAIL)), { tenant: "a0" });
    h.advance(DAY);
    await h.service.resendVerification({ tenant: "a0" }, EMAIL);
    expect(h.mails).toHaveLength(1);
  });

  it("is forbidden where verification mail is off, and rejects a non-address", async () => {
    const h = makeHarness({ t1: CONFIRM, a0: auth0Tenant() });
    expect(await rejection(h.service.resendVerification({ tenant: "t1" }, EMAIL))).toMatchObject({
      status: 403,
      code: "forbidden",
    });
    expect(await rejection(h.service.resendVerification({ tenant: "a0" }, ""))).toMatchObject({
      status: 400,
      code: "invalid_input",
    });
    expect(await rejection(h.service.resendVerification({ tenant: "nope" }, EMAIL))).toMatchObject({
      status: 404,
      code: "unknown_tenant",
    });
  });

  it("lets only one of several concurrent resends mail a link", async () => {
    const h = auth0Harness();
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    h.advance(DAY);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => h.service.resendVerification({ tenant: "a0" }, EMAIL)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "too_many_requests" });
    expect(h.mails).toHaveLength(2);
    expect((await h.service.verifyEmail(tokenOf(h.mails[1]), { tenant: "a0" })).user.emailVerified).toBe(
      true,
    );
  });
});
