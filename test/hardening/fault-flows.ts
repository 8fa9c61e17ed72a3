import { emailKey } from "signupkit";
import { expect } from "vitest";
import { digestToken } from "../../src/identity/tokens.js";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { EMAIL, type FaultFlow } from "./fault-flow.js";
import { resendVerificationFlow, signupVerify, verifyFlow } from "./fault-flows-auth0.js";
import { CONFIRM, MINUTE, necTenant, PASSWORD, rejection, tokenOf, type World } from "./world.js";

/** The flows of the fault suite: the NEC ones here, the Auth0 ones in fault-flows-auth0.ts. */

export { EMAIL, expectUnavailable, type FaultFlow } from "./fault-flow.js";

const sizes = (w: World) => w.store.size;
const nec = { tenant: "t" };

async function confirmFromLastMail(w: World) {
  return (await w.service.confirm(tokenOf(w.mailer.lastTo(EMAIL)), nec)).user;
}

const signupDirect: FaultFlow<void> = {
  name: "signup, direct (NEC)",
  order: ["hasher.hash", "store.insertUser"],
  tenants: () => ({ t: necTenant() }),
  setup: async () => {},
  run: (w) => w.service.signup({ email: EMAIL, password: PASSWORD }, nec),
  async unchanged(w) {
    expect(sizes(w)).toEqual({ users: 0, claims: 0, tokens: 0 });
  },
  async retry(w) {
    const result = await w.service.signup({ email: EMAIL, password: PASSWORD }, nec);
    expect(result.status).toBe("created");
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 0 });
  },
};

const created: string[] = [];
const signupNotified: FaultFlow<void> = {
  name: "signup, direct with breach check, afterCreate and notification mail (NEC)",
  order: ["breach.isBreached", "hasher.hash", "store.insertUser", "mailer.send"],
  tenants: () => ({ t: necTenant({ notification: true }) }),
  options: (faults) => ({
    breachedPasswords: faults.breachCheck({ isBreached: async () => false }),
    afterCreate: (user) => void created.push(user.id),
  }),
  async setup() {
    created.length = 0;
  },
  run: (w) => w.service.signup({ email: EMAIL, password: PASSWORD }, nec),
  absorbs: (call) => call.port === "mailer",
  async unchanged(w) {
    expect(sizes(w)).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(w.mailer.messages).toHaveLength(0);
    expect(created).toEqual([]);
  },
  async absorbed(w, _ctx, value) {
    expect(value).toMatchObject({ status: "created", user: { email: EMAIL } });
    expect(sizes(w).users).toBe(1);
    expect(created).toHaveLength(1);
    expect(w.errors.map((e) => e.phase)).toEqual(["notification"]);
    expect(w.errors[0]?.error).toMatchObject({ code: "mail_unavailable" });
  },
  async retry(w, _ctx, absorbed) {
    const again = w.service.signup({ email: EMAIL, password: PASSWORD }, nec);
    if (absorbed !== undefined) {
      // The user was created exactly once; a repeated signup is the ordinary 409.
      expect(await rejection(again)).toMatchObject({ status: 409, code: "email_exists" });
      return;
    }
    expect((await again).status).toBe("created");
    expect(w.mailer.lastTo(EMAIL)?.kind).toBe("notification");
    expect(created).toHaveLength(1);
  },
};

const signupConfirm: FaultFlow<void> = {
  name: "signup with confirmation mail (NEC, master key with id and username)",
  order: [
    "store.findUserByEmail",
    "store.findUserByUsername",
    "store.getUser",
    "hasher.hash",
    "store.insertClaim",
    "mailer.send",
  ],
  tenants: () => ({ t: necTenant(CONFIRM) }),
  setup: async () => {},
  run: (w) =>
    w.service.signup(
      { id: "user-1", username: "taro", email: EMAIL, password: PASSWORD },
      { tenant: "t", master: true },
    ),
  async unchanged(w) {
    expect(sizes(w)).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(await newestLiveClaim(w.store, "t", emailKey(EMAIL), w.now())).toBeNull();
    expect(w.mailer.messages).toHaveLength(0);
  },
  async retry(w) {
    const input = { id: "user-1", username: "taro", email: EMAIL, password: PASSWORD };
    expect(await w.service.signup(input, { tenant: "t", master: true })).toEqual({ status: "pending" });
    const user = await confirmFromLastMail(w);
    expect(user).toMatchObject({ id: "user-1", username: "taro", email: EMAIL, emailVerified: true });
    // Confirming removes every other claim of the address, an orphan left by a failed clean-up included.
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 0 });
  },
};

const confirmFlow: FaultFlow<{ token: string }> = {
  name: "confirm (NEC, with notification mail)",
  order: ["store.confirmClaim", "mailer.send"],
  tenants: () => ({ t: necTenant({ ...CONFIRM, notification: true }) }),
  async setup(w) {
    await w.service.signup({ email: EMAIL, password: PASSWORD }, nec);
    return { token: tokenOf(w.mailer.lastTo(EMAIL)) };
  },
  run: (w, { token }) => w.service.confirm(token, nec),
  absorbs: (call) => call.port === "mailer",
  async unchanged(w) {
    expect(sizes(w)).toEqual({ users: 0, claims: 1, tokens: 1 });
    expect(w.mailer.messages.map((m) => m.kind)).toEqual(["confirmation"]);
  },
  async absorbed(w, _ctx, value) {
    expect(value).toMatchObject({ user: { email: EMAIL, emailVerified: true } });
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 0 });
    expect(w.errors.map((e) => e.phase)).toEqual(["notification"]);
  },
  async retry(w, { token }, absorbed) {
    if (absorbed !== undefined) {
      expect(await rejection(w.service.confirm(token, nec))).toMatchObject({ code: "invalid_token" });
      return;
    }
    expect((await w.service.confirm(token, nec)).user.email).toBe(EMAIL);
    expect(w.mailer.lastTo(EMAIL)?.kind).toBe("notification");
    expect(sizes(w)).toEqual({ users: 1, claims: 0, tokens: 0 });
  },
};

const resendConfirmationFlow: FaultFlow<{ first: string }> = {
  name: "resendConfirmation (NEC)",
  order: ["store.findLiveClaims", "store.issueToken", "mailer.send"],
  tenants: () => ({ t: necTenant(CONFIRM) }),
  async setup(w) {
    await w.service.signup({ email: EMAIL, password: PASSWORD }, nec);
    w.advance(2 * MINUTE);
    return { first: tokenOf(w.mailer.lastTo(EMAIL)) };
  },
  run: (w) => w.service.resendConfirmation(nec, EMAIL),
  async unchanged(w, { first }) {
    expect(sizes(w)).toEqual({ users: 0, claims: 1, tokens: 1 });
    const live = await newestLiveClaim(w.store, "t", emailKey(EMAIL), w.now());
    expect(live?.token.hash).toBe(await digestToken(first));
    expect(w.mailer.messages).toHaveLength(1);
  },
  async retry(w, { first }) {
    await w.service.resendConfirmation(nec, EMAIL);
    const second = tokenOf(w.mailer.lastTo(EMAIL));
    expect(second).not.toBe(first);
    expect(await rejection(w.service.confirm(first, nec))).toMatchObject({ code: "invalid_token" });
    expect((await w.service.confirm(second, nec)).user.email).toBe(EMAIL);
  },
};

/** Every flow the fault suite walks. */
export const FLOWS: FaultFlow<never>[] = [
  signupDirect,
  signupNotified,
  signupConfirm,
  confirmFlow,
  verifyFlow,
  resendConfirmationFlow,
  resendVerificationFlow,
  signupVerify,
] as FaultFlow<never>[];
