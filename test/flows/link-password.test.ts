import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  emailKey,
  type SignupServiceOptions,
  type TenantOptions,
} from "signupkit";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { CONFIRM_URL, DAY, rejection, T0, tokenOf, VERIFY_URL } from "./harness.js";

const VICTIM = "victim@example.com";
const VICTIM_PASSWORD = "Own-Secret-9q";
const ATTACKER_PASSWORD = "Attack3r-Pa55";

/** A service with the library's defaults for mailed links (nothing about them is set). */
function setup(tenant: Partial<TenantOptions> = {}, extra: Partial<SignupServiceOptions> = {}) {
  const store = createMemoryStore();
  const mailer = createMemoryMailer();
  const hasher = createInsecureTestHasher();
  let now = T0;
  const necMail = { confirmation: true, confirmationUrl: CONFIRM_URL };
  const service = createSignupService({
    store,
    mailer,
    hasher,
    now: () => new Date(now),
    tenants: {
      nec: { policy: baasPolicy(), ...tenant, mail: { ...necMail, ...tenant.mail } },
      auth0: { policy: auth0Policy(), mail: { verification: true, verificationUrl: VERIFY_URL } },
    },
    ...extra,
  });
  const userOf = async (tenant: string, email: string) => store.findUserByEmail(tenant, emailKey(email));
  const tokensTo = (email: string) => mailer.messages.filter((m) => m.to === email).map((m) => tokenOf(m));
  return { service, store, mailer, hasher, userOf, tokensTo, advance: (ms: number) => (now += ms) };
}

describe("mailed links ask for the signup password (NEC confirm-before-create)", () => {
  it("the victim's click on the attacker's link creates nothing; the victim's own link makes the victim's account", async () => {
    const { service, hasher, userOf, tokensTo } = setup();
    await service.signup({ email: VICTIM, password: ATTACKER_PASSWORD }, { tenant: "nec" });
    await service.signup({ email: VICTIM, password: VICTIM_PASSWORD }, { tenant: "nec" });
    const [attackers, victims] = tokensTo(VICTIM) as [string, string];

    const refused = await rejection(service.confirm(attackers, { tenant: "nec", password: VICTIM_PASSWORD }));
    expect(refused).toMatchObject({ code: "wrong_password", status: 400 });
    expect(await userOf("nec", VICTIM)).toBeNull();
    const missing = await rejection(service.confirm(attackers, { tenant: "nec" }));
    expect(missing).toMatchObject({ code: "invalid_input", status: 400 });
    expect(await userOf("nec", VICTIM)).toBeNull();

    const { user } = await service.confirm(victims, { tenant: "nec", password: VICTIM_PASSWORD });
    const stored = await userOf("nec", VICTIM);
    expect(stored?.id).toBe(user.id);
    expect(await hasher.verify(VICTIM_PASSWORD, stored?.passwordHash as string)).toBe(true);
    expect(await hasher.verify(ATTACKER_PASSWORD, stored?.passwordHash as string)).toBe(false);
    // The attacker's claim died with the confirmation, even for its own password.
    const late = await rejection(service.confirm(attackers, { tenant: "nec", password: ATTACKER_PASSWORD }));
    expect(late).toMatchObject({ code: "invalid_token" });
  });

  it("a wrong password consumes nothing; at linkAttempts wrong tries the link is dead", async () => {
    const { service, store, userOf, tokensTo } = setup({ mail: { linkAttempts: 3 } });
    await service.signup({ email: VICTIM, password: VICTIM_PASSWORD }, { tenant: "nec" });
    const [token] = tokensTo(VICTIM) as [string];
    for (let i = 0; i < 2; i++) {
      const wrong = await rejection(service.confirm(token, { tenant: "nec", password: `nope-${i}` }));
      expect(wrong).toMatchObject({ code: "wrong_password" });
    }
    const live = await store.findLiveClaims("nec", emailKey(VICTIM), T0, 5);
    expect(live.map((l) => l.token.failedAttempts)).toEqual([2]);
    // The right password still works after two wrong ones ...
    const other = setup({ mail: { linkAttempts: 3 } });
    await other.service.signup({ email: VICTIM, password: VICTIM_PASSWORD }, { tenant: "nec" });
    const [fresh] = other.tokensTo(VICTIM) as [string];
    for (let i = 0; i < 3; i++)
      await rejection(other.service.confirm(fresh, { tenant: "nec", password: "x" }));
    // ... but not after the third: the link is gone.
    const dead = await rejection(other.service.confirm(fresh, { tenant: "nec", password: VICTIM_PASSWORD }));
    expect(dead).toMatchObject({ code: "invalid_token" });
    expect(await other.userOf("nec", VICTIM)).toBeNull();
    await service.confirm(token, { tenant: "nec", password: VICTIM_PASSWORD });
    expect(await userOf("nec", VICTIM)).not.toBeNull();
  });

  it("linkNeedsPassword: false is the weaker mode: whoever follows a link gets the account of its signer", async () => {
    const { service, hasher, userOf, tokensTo } = setup({ mail: { linkNeedsPassword: false } });
    await service.signup({ email: VICTIM, password: ATTACKER_PASSWORD }, { tenant: "nec" });
    const [attackers] = tokensTo(VICTIM) as [string];
    await service.confirm(attackers, { tenant: "nec" });
    expect(
      await hasher.verify(ATTACKER_PASSWORD, (await userOf("nec", VICTIM))?.passwordHash as string),
    ).toBe(true);
  });

  it("a resend with the victim's password re-mails the victim's claim, never the attacker's", async () => {
    const { service, hasher, mailer, userOf, tokensTo, advance } = setup();
    await service.signup({ email: VICTIM, password: VICTIM_PASSWORD }, { tenant: "nec" });
    advance(1000);
    await service.signup({ email: VICTIM, password: ATTACKER_PASSWORD }, { tenant: "nec" });
    advance(120_000);
    const before = mailer.messages.length;
    await service.resendConfirmation({ tenant: "nec", password: "not-anyones" }, VICTIM);
    expect(mailer.messages.length).toBe(before);
    expect(await rejection(service.resendConfirmation({ tenant: "nec" }, VICTIM))).toMatchObject({
      code: "invalid_input",
    });
    await service.resendConfirmation({ tenant: "nec", password: VICTIM_PASSWORD }, VICTIM);
    expect(mailer.messages.length).toBe(before + 1);
    const resent = tokensTo(VICTIM).at(-1) as string;
    await service.confirm(resent, { tenant: "nec", password: VICTIM_PASSWORD });
    const stored = await userOf("nec", VICTIM);
    expect(await hasher.verify(VICTIM_PASSWORD, stored?.passwordHash as string)).toBe(true);
  });

  it("keeps only claimsPerAddress claims per address; older links die", async () => {
    const { service, store, tokensTo } = setup({ mail: { claimsPerAddress: 2 } });
    for (let i = 0; i < 5; i++) {
      await service.signup({ email: VICTIM, password: `Pa55word-${i}` }, { tenant: "nec" });
    }
    expect(store.size.claims).toBe(2);
    expect(store.size.tokens).toBe(2);
    const tokens = tokensTo(VICTIM);
    const oldest = await rejection(
      service.confirm(tokens[0] as string, { tenant: "nec", password: "Pa55word-0" }),
    );
    expect(oldest).toMatchObject({ code: "invalid_token" });
    await service.confirm(tokens[4] as string, { tenant: "nec", password: "Pa55word-4" });
    // The default is 3.
    const byDefault = setup();
    for (let i = 0; i < 5; i++) {
      await byDefault.service.signup({ email: VICTIM, password: `Pa55word-${i}` }, { tenant: "nec" });
    }
    expect(byDefault.store.size.claims).toBe(3);
  });
});

describe("mailed links ask for the signup password (Auth0 verify-after-create)", () => {
  it("the victim cannot verify the attacker's account with the victim's password", async () => {
    const { service, mailer, userOf } = setup();
    await service.signup({ email: VICTIM, password: ATTACKER_PASSWORD }, { tenant: "auth0" });
    const victimsTry = await rejection(
      service.signup({ email: VICTIM, password: VICTIM_PASSWORD }, { tenant: "auth0" }),
    );
    expect(victimsTry).toMatchObject({ code: "email_exists" });
    const token = tokenOf(mailer.lastTo(VICTIM));
    const refused = await rejection(
      service.verifyEmail(token, { tenant: "auth0", password: VICTIM_PASSWORD }),
    );
    expect(refused).toMatchObject({ code: "wrong_password" });
    expect((await userOf("auth0", VICTIM))?.emailVerified).toBe(false);
    const { user } = await service.verifyEmail(token, { tenant: "auth0", password: ATTACKER_PASSWORD });
    expect(user.emailVerified).toBe(true);
  });

  it("an expired link is token_expired before any password is checked", async () => {
    const { service, mailer, advance } = setup();
    await service.signup({ email: VICTIM, password: VICTIM_PASSWORD }, { tenant: "auth0" });
    advance(6 * DAY);
    const error = await rejection(service.verifyEmail(tokenOf(mailer.lastTo(VICTIM)), { tenant: "auth0" }));
    expect(error).toMatchObject({ code: "token_expired" });
  });
});

describe("client-certificate users", () => {
  it("need the master key unless the tenant allows them; never skip confirmation", async () => {
    const { service, store, tokensTo } = setup();
    const cert = { username: "device-01", email: "dev@example.com", clientCertUser: true };
    expect(await rejection(service.signup(cert, { tenant: "nec" }))).toMatchObject({
      code: "forbidden",
      status: 403,
    });
    expect(store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
    // The master key on a confirming tenant: still a pending claim, confirmed by its link (no password to give).
    expect(await service.signup(cert, { tenant: "nec", master: true })).toEqual({ status: "pending" });
    const { user } = await service.confirm(tokensTo("dev@example.com")[0] as string, { tenant: "nec" });
    expect(user).toMatchObject({ clientCertUser: true, emailVerified: true });

    const open = setup({ allowAnonymousClientCertUser: true });
    expect(await open.service.signup(cert, { tenant: "nec" })).toEqual({ status: "pending" });
    expect(open.store.size.users).toBe(0);
    const noEmail = await rejection(
      open.service.signup({ username: "d2", clientCertUser: true }, { tenant: "nec" }),
    );
    expect(noEmail).toMatchObject({ code: "invalid_input" });
    expect(open.store.size.users).toBe(0);
  });
});
