import { emailKey, type SignupResult } from "signupkit";
import { expect } from "vitest";
import { digestToken } from "../../src/identity/tokens.js";
import { EMAIL, type FaultFlow } from "./fault-flow.js";
import { auth0Tenant, MINUTE, PASSWORD, rejection, tokenOf, VERIFY, type World } from "./world.js";

/** The Auth0 flows of the fault suite: verification mail at signup, resendVerification, verifyEmail. */

const sizes = (w: World) => w.store.size;
const a0 = { tenant: "a" };

/** verifyEmail with a mailed token. */
export const verifyFlow: FaultFlow<{ token: string }> = {
  name: "verifyEmail (Auth0)",
  order: ["store.verifyEmail"],
  tenants: () => ({ a: auth0Tenant(VERIFY) }),
  async setup(w) {
    await w.service.signup({ email: EMAIL, password: PASSWORD }, a0);
    return { token: tokenOf(w.mailer.lastTo(EMAIL)) };
  },
  run: (w, { token }) => w.service.verifyEmail(token, a0),
  async unchanged(w) {
    expect((await w.store.findUserByEmail("a", emailKey(EMAIL)))?.emailVerified).toBe(false);
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 1 });
  },
  async retry(w, { token }) {
    expect((await w.service.verifyEmail(token, a0)).user.emailVerified).toBe(true);
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 0 });
  },
};

/** resendVerification for an unverified user. */
export const resendVerificationFlow: FaultFlow<{ first: string; userId: string }> = {
  name: "resendVerification (Auth0)",
  order: ["store.findUserByEmail", "store.latestToken", "store.issueToken", "mailer.send"],
  tenants: () => ({ a: auth0Tenant(VERIFY) }),
  async setup(w) {
    const result = await w.service.signup({ email: EMAIL, password: PASSWORD }, a0);
    w.advance(2 * MINUTE);
    const userId = (result as Extract<SignupResult, { status: "created" }>).user.id;
    return { first: tokenOf(w.mailer.lastTo(EMAIL)), userId };
  },
  run: (w) => w.service.resendVerification(a0, EMAIL),
  async unchanged(w, { first, userId }) {
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 1 });
    expect((await w.store.latestToken("verify", userId))?.hash).toBe(await digestToken(first));
    expect(w.mailer.messages).toHaveLength(1);
  },
  async retry(w, { first }) {
    await w.service.resendVerification(a0, EMAIL);
    const second = tokenOf(w.mailer.lastTo(EMAIL));
    expect(await rejection(w.service.verifyEmail(first, a0))).toMatchObject({ code: "invalid_token" });
    expect((await w.service.verifyEmail(second, a0)).user.emailVerified).toBe(true);
  },
};

/** Signup on a connection that mails a verification link (its failures are absorbed). */
export const signupVerify: FaultFlow<void> = {
  name: "signup with verification mail (Auth0)",
  order: ["hasher.hash", "store.insertUser", "store.issueToken", "mailer.send"],
  tenants: () => ({ a: auth0Tenant(VERIFY) }),
  setup: async () => {},
  run: (w) => w.service.signup({ email: EMAIL, password: PASSWORD }, a0),
  absorbs: (call) => call.port === "mailer" || call.method === "issueToken",
  async unchanged(w) {
    expect(sizes(w)).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(w.mailer.messages).toHaveLength(0);
  },
  async absorbed(w, _ctx, value) {
    expect(value).toMatchObject({
      status: "created",
      verificationMail: "failed",
      user: { emailVerified: false },
    });
    expect(sizes(w).users).toBe(1);
    expect(w.mailer.messages).toHaveLength(0);
    expect(w.errors.map((e) => e.phase)).toEqual(["verification"]);
  },
  async retry(w, _ctx, absorbed) {
    if (absorbed !== undefined) {
      // "verificationMail: failed" means "resend": the resend goes out at once, not after the resend interval.
      await w.service.resendVerification(a0, EMAIL);
    } else {
      expect(await w.service.signup({ email: EMAIL, password: PASSWORD }, a0)).toMatchObject({
        verificationMail: "sent",
      });
    }
    const token = tokenOf(w.mailer.lastTo(EMAIL));
    expect((await w.service.verifyEmail(token, a0)).user.emailVerified).toBe(true);
  },
};
