import { isSignupError, type SignupError, type TenantMailOptions } from "signupkit";
import { describe, expect, it, vi } from "vitest";
import { CONFIRM, type Harness, makeHarness, rejection, tokenOf } from "./harness.js";

const OWNER = "nichiden.tarou@example.com";
const CONCEAL = { ...CONFIRM, concealExisting: true };

/** A harness whose tenant t1 already has the user `tarou` <OWNER>, created by confirmation. */
async function withOwner(mail: TenantMailOptions = CONCEAL): Promise<Harness> {
  const h = makeHarness({ t1: mail });
  await h.service.signup({ username: "tarou", email: OWNER, password: "Passw0rd" }, { tenant: "t1" });
  await h.service.confirm(tokenOf(h.lastTo(OWNER)), { tenant: "t1" });
  h.mailer.inner.clear();
  return h;
}

describe("concealExisting (enumeration-safe signup)", () => {
  it("answers a signup for a taken address exactly like a new one, with the same hash and store work", async () => {
    const h = await withOwner();
    const before = { size: h.store.size, hashes: h.hashCount() };

    const taken = await h.service.signup(
      { email: "Nichiden.Tarou@Example.com", password: "Other0pass" },
      { tenant: "t1" },
    );
    // A stand-in claim that no lookup of the address finds and no link reaches: the same insert a new address does.
    expect(h.store.size).toEqual({ ...before.size, claims: 1, tokens: 1 });
    expect(await h.store.findLiveClaims("t1", "nichiden.tarou@example.com", h.now(), 10)).toEqual([]);
    expect(h.hashCount()).toBe(before.hashes + 1);

    const fresh = await h.service.signup(
      { email: "new.user@example.com", password: "Other0pass" },
      { tenant: "t1" },
    );
    expect(h.hashCount()).toBe(before.hashes + 2);
    expect(h.store.size).toEqual({ ...before.size, claims: 2, tokens: 2 });

    expect(taken).toStrictEqual(fresh);
    expect(taken).toEqual({ status: "pending" });
    expect(JSON.stringify(taken)).toBe(JSON.stringify(fresh));
    expect(Object.keys(taken)).toEqual(Object.keys(fresh));
  });

  it("mails the owner an existing-account notice at the stored address, with no link in it", async () => {
    const h = await withOwner();
    await h.service.signup({ email: "NICHIDEN.TAROU@example.com", password: "Other0pass" }, { tenant: "t1" });
    expect(h.mails).toHaveLength(1);
    const mail = h.mails[0];
    expect(mail).toMatchObject({ to: OWNER, kind: "existing-account", tenant: "t1", locale: "en" });
    expect(mail?.subject).toBe("Sign-up attempt with your email address on App");
    expect(mail?.text).toContain(OWNER);
    expect(mail?.text).not.toMatch(/token=/);
    expect(mail?.text).not.toContain("Other0pass");
  });

  it("mails the notice in Japanese for a Japanese tenant", async () => {
    const h = await withOwner({ ...CONCEAL, locale: "ja" });
    await h.service.signup({ email: OWNER, password: "Other0pass" }, { tenant: "t1" });
    const mail = h.lastTo(OWNER);
    expect(mail).toMatchObject({ kind: "existing-account", locale: "ja" });
    expect(mail?.subject).toBe("【App】ご登録済みのメールアドレスでの新規登録について");
    expect(mail?.text).toContain("すでに登録されています");
  });

  it("does not reveal the username either when the address is taken", async () => {
    const h = await withOwner();
    const result = await h.service.signup(
      { username: "tarou", email: OWNER, password: "Other0pass" },
      { tenant: "t1" },
    );
    expect(result).toEqual({ status: "pending" });
  });

  it("gives a later resend for the taken address the same silence as for an unknown one", async () => {
    const h = await withOwner();
    await h.service.signup({ email: OWNER, password: "Other0pass" }, { tenant: "t1" });
    h.advance(120_000);
    await h.service.resendConfirmation({ tenant: "t1" }, OWNER);
    await h.service.resendConfirmation({ tenant: "t1" }, "unknown@example.com");
    expect(h.mails.map((m) => m.kind)).toEqual(["existing-account"]);
  });

  it("does not let a throttled resend tell a pending claim from a taken address", async () => {
    const h = await withOwner();
    await h.service.signup({ email: OWNER, password: "Other0pass" }, { tenant: "t1" });
    await h.service.signup({ email: "new.user@example.com", password: "Other0pass" }, { tenant: "t1" });
    h.advance(1000);
    // Without concealment the new address would answer 429 here and the taken one nothing: an oracle.
    const taken = await h.service.resendConfirmation({ tenant: "t1" }, OWNER);
    const fresh = await h.service.resendConfirmation({ tenant: "t1" }, "new.user@example.com");
    expect(taken).toStrictEqual(fresh);
    expect(h.mails.map((m) => m.kind)).toEqual(["existing-account", "confirmation"]);

    // Past the interval the pending signup's resend goes out as usual.
    h.advance(60_000);
    await h.service.resendConfirmation({ tenant: "t1" }, "new.user@example.com");
    // It answers at once and mails in the background.
    await vi.waitFor(() =>
      expect(h.mails.map((m) => m.kind)).toEqual(["existing-account", "confirmation", "confirmation"]),
    );
  });

  it("fails exactly like a new signup when the mailer is down", async () => {
    const h = await withOwner();
    h.mailer.failAll(true);
    const taken = (await rejection(
      h.service.signup({ email: OWNER, password: "Other0pass" }, { tenant: "t1" }),
    )) as SignupError;
    const fresh = (await rejection(
      h.service.signup({ email: "new.user@example.com", password: "Other0pass" }, { tenant: "t1" }),
    )) as SignupError;
    expect(isSignupError(taken) && isSignupError(fresh)).toBe(true);
    const view = (e: SignupError) => ({
      status: e.status,
      code: e.code,
      message: e.message,
      issues: e.issues,
    });
    expect(view(taken)).toEqual(view(fresh));
    expect(view(taken)).toMatchObject({ status: 503, code: "mail_unavailable" });
    expect(h.store.size).toEqual({ users: 1, claims: 0, tokens: 0 });
  });

  it("is off by default: a taken address answers 409 and gets no mail", async () => {
    const h = await withOwner(CONFIRM);
    expect(
      await rejection(h.service.signup({ email: OWNER, password: "Other0pass" }, { tenant: "t1" })),
    ).toMatchObject({
      status: 409,
      code: "email_exists",
    });
    expect(h.mails).toHaveLength(0);
  });
});
