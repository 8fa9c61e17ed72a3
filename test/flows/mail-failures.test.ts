import { emailKey, isSignupError } from "signupkit";
import { describe, expect, it } from "vitest";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { auth0Tenant, CONFIRM, DAY, HOUR, makeHarness, rejection, T0, tokenOf, VERIFY } from "./harness.js";

const EMAIL = "nichiden.tarou@example.com";
const PASSWORD = "Xq7!vR2#kLm";

describe("confirmation mail cannot be sent", () => {
  it("fails the signup with 503 mail_unavailable and leaves no claim and no token", async () => {
    const h = makeHarness({ t1: CONFIRM });
    h.mailer.failOn(1);
    const error = await rejection(h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" }));
    expect(isSignupError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, code: "mail_unavailable" });
    expect((error as Error).cause).toMatchObject({ message: "SMTP 451: send #1 refused" });
    expect(h.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(await newestLiveClaim(h.store, "t1", emailKey(EMAIL), T0)).toBeNull();
    expect(h.mails).toHaveLength(0);

    // Nothing is left to resend; the signup itself is retried.
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    expect(h.mailer.attempts).toBe(1);
    expect(await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" })).toEqual({
      status: "pending",
    });
    expect((await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" })).user.email).toBe(EMAIL);
  });

  it("treats a mailer that throws synchronously the same way", async () => {
    const h = makeHarness(
      { t1: CONFIRM },
      {
        mailer: {
          send() {
            throw new Error("transport closed");
          },
        },
      },
    );
    const error = await rejection(h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" }));
    expect(error).toMatchObject({ status: 503, code: "mail_unavailable" });
    expect(h.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
  });

  it("treats a mailer that never answers as failed once the mailer timeout passes", async () => {
    const h = makeHarness(
      { t1: CONFIRM },
      { mailer: { send: () => new Promise<void>(() => {}) }, timeouts: { mailer: 20 } },
    );
    const error = await rejection(h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" }));
    expect(error).toMatchObject({ status: 503, code: "mail_unavailable" });
    expect(h.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
  });

  it("fails a resend with 503 and leaves the link already mailed working", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const mailed = tokenOf(h.lastTo(EMAIL));
    h.advance(HOUR);
    h.mailer.failOn(2);
    expect(await rejection(h.service.resendConfirmation({ tenant: "t1" }, EMAIL))).toMatchObject({
      status: 503,
      code: "mail_unavailable",
    });
    expect(h.store.size).toEqual({ users: 0, claims: 1, tokens: 1 });
    // The failed resend does not count against the interval: a retry goes out at once.
    await h.service.resendConfirmation({ tenant: "t1" }, EMAIL);
    expect(h.mails).toHaveLength(2);
    const resent = tokenOf(h.lastTo(EMAIL));
    expect(await rejection(h.service.confirm(mailed, { tenant: "t1" }))).toMatchObject({
      code: "invalid_token",
    });
    expect((await h.service.confirm(resent, { tenant: "t1" })).user.email).toBe(EMAIL);
  });

  it("keeps the mailed link alive when a resend fails and nothing is retried", async () => {
    const h = makeHarness({ t1: CONFIRM });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    const mailed = tokenOf(h.lastTo(EMAIL));
    h.advance(HOUR);
    h.mailer.failOn(2);
    await rejection(h.service.resendConfirmation({ tenant: "t1" }, EMAIL));
    expect((await h.service.confirm(mailed, { tenant: "t1" })).user.email).toBe(EMAIL);
  });
});

describe("verification mail cannot be sent", () => {
  it("keeps the user, answers verificationMail: failed, reports it, and a later resend works", async () => {
    const h = makeHarness({ a0: auth0Tenant() });
    h.mailer.failOn(1);
    const result = await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    expect(result).toMatchObject({
      status: "created",
      verificationMail: "failed",
      user: { emailVerified: false },
    });
    expect((await h.store.findUserByEmail("a0", EMAIL))?.emailVerified).toBe(false);
    expect(h.mails).toHaveLength(0);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]?.phase).toBe("verification");
    expect(h.errors[0]?.error).toMatchObject({ code: "mail_unavailable" });

    h.advance(60_000);
    await h.service.resendVerification({ tenant: "a0" }, EMAIL);
    expect(h.mails).toHaveLength(1);
    expect((await h.service.verifyEmail(tokenOf(h.lastTo(EMAIL)), { tenant: "a0" })).user.emailVerified).toBe(
      true,
    );
  });

  it("fails a resend with 503 and leaves the link already mailed working", async () => {
    const h = makeHarness({ a0: auth0Tenant() });
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    const mailed = tokenOf(h.lastTo(EMAIL));
    h.advance(DAY);
    h.mailer.failOn(2);
    expect(await rejection(h.service.resendVerification({ tenant: "a0" }, EMAIL))).toMatchObject({
      status: 503,
      code: "mail_unavailable",
    });
    expect((await h.service.verifyEmail(mailed, { tenant: "a0" })).user.emailVerified).toBe(true);
  });

  it("lets a resend be retried at once after it failed", async () => {
    const h = makeHarness({ a0: auth0Tenant() });
    await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    h.advance(DAY);
    h.mailer.failOn(2);
    await rejection(h.service.resendVerification({ tenant: "a0" }, EMAIL));
    await h.service.resendVerification({ tenant: "a0" }, EMAIL);
    expect(h.mails).toHaveLength(2);
    expect((await h.service.verifyEmail(tokenOf(h.lastTo(EMAIL)), { tenant: "a0" })).user.emailVerified).toBe(
      true,
    );
  });
});

describe("notification mail cannot be sent", () => {
  it("keeps a directly created user and reports the failure to onError", async () => {
    const h = makeHarness({ t1: { notification: true } });
    h.mailer.failOn(1);
    const result = await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    expect(result.status).toBe("created");
    expect(result).not.toHaveProperty("verificationMail");
    expect(h.store.size.users).toBe(1);
    expect(h.errors.map((e) => e.phase)).toEqual(["notification"]);
    expect(h.errors[0]?.error).toMatchObject({ code: "mail_unavailable" });
  });

  it("keeps a user created by confirmation and reports the failure to onError", async () => {
    const h = makeHarness({ t1: { ...CONFIRM, notification: true } });
    await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" });
    h.mailer.failOn(2);
    const { user } = await h.service.confirm(tokenOf(h.lastTo(EMAIL)), { tenant: "t1" });
    expect((await h.store.getUser(user.id))?.email).toBe(EMAIL);
    expect(h.errors.map((e) => e.phase)).toEqual(["notification"]);
  });

  it("does not keep the verification mail from going out", async () => {
    const h = makeHarness({ a0: auth0Tenant({ ...VERIFY, notification: true }) });
    h.mailer.failOn(1);
    const result = await h.service.signup({ email: EMAIL, password: PASSWORD }, { tenant: "a0" });
    expect(result).toMatchObject({ status: "created", verificationMail: "sent" });
    expect(h.mails.map((m) => m.kind)).toEqual(["verification"]);
    expect(h.errors.map((e) => e.phase)).toEqual(["notification"]);
  });

  it("is not attempted when every mail of the tenant is off", async () => {
    const h = makeHarness({ t1: {} });
    h.mailer.failAll(true);
    expect((await h.service.signup({ email: EMAIL, password: "Passw0rd" }, { tenant: "t1" })).status).toBe(
      "created",
    );
    expect(h.mailer.attempts).toBe(0);
    expect(h.errors).toHaveLength(0);
  });
});
