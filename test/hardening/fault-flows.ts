import { emailKey, isSignupError, type SignupResult, type TenantOptions } from "signupkit";
import { expect } from "vitest";
import { digestToken } from "../../src/core/tokens.js";
import type { CallRecord, FaultMode } from "./faults.js";
import {
  auth0Tenant,
  CONFIRM,
  MINUTE,
  necTenant,
  PASSWORD,
  rejection,
  tokenOf,
  VERIFY,
  type World,
  type WorldOptions,
} from "./world.js";

export const EMAIL = "nichiden.tarou@example.com";

/** One flow of the service, described so that a fault can be injected at any port call along it. */
export interface FaultFlow<C = unknown> {
  name: string;
  /** The port calls of a fault-free run, in order (`port.method`): documents the order the suite relies on. */
  order: string[];
  tenants(): Record<string, TenantOptions>;
  options?: WorldOptions;
  /** Fault-free preparation (a pending claim, a mailed token, ...); counting starts after it. */
  setup(w: World): Promise<C>;
  run(w: World, ctx: C): Promise<unknown>;
  /** Calls whose failure the spec absorbs: the operation succeeds with a documented outcome instead of a 503. */
  absorbs?(call: CallRecord): boolean;
  /** After a failed (503) run: nothing partial was written and nothing is orphaned. */
  unchanged(w: World, ctx: C): Promise<void>;
  /** After an absorbed failure: the documented outcome. */
  absorbed?(w: World, ctx: C, value: unknown, call: CallRecord): Promise<void>;
  /** With the fault gone, the retry succeeds. `absorbed` is the absorbed call, when the first run absorbed one. */
  retry(w: World, ctx: C, absorbed: CallRecord | undefined): Promise<void>;
}

/** Asserts the 503 a failed port call must produce, with the original failure kept as `cause`. */
export function expectUnavailable(error: unknown, w: World, call: CallRecord, mode: FaultMode): void {
  expect(isSignupError(error), String(error)).toBe(true);
  const code = call.port === "mailer" ? "mail_unavailable" : "unavailable";
  expect(error).toMatchObject({ status: 503, code });
  const cause = (error as Error).cause;
  if (mode === "hang") expect((cause as Error).message).toMatch(/timed out/);
  else expect(cause).toBe(w.faults.raised[0]);
}

const sizes = (w: World) => w.store.size;
const nec = { tenant: "t" };
const a0 = { tenant: "a" };

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
    expect(await w.store.findLatestClaim("t", emailKey(EMAIL), w.now())).toBeNull();
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

const verifyFlow: FaultFlow<{ token: string }> = {
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

const resendConfirmationFlow: FaultFlow<{ first: string }> = {
  name: "resendConfirmation (NEC)",
  order: ["store.findLatestClaim", "store.issueToken", "mailer.send"],
  tenants: () => ({ t: necTenant(CONFIRM) }),
  async setup(w) {
    await w.service.signup({ email: EMAIL, password: PASSWORD }, nec);
    w.advance(2 * MINUTE);
    return { first: tokenOf(w.mailer.lastTo(EMAIL)) };
  },
  run: (w) => w.service.resendConfirmation(nec, EMAIL),
  async unchanged(w, { first }) {
    expect(sizes(w)).toEqual({ users: 0, claims: 1, tokens: 1 });
    const live = await w.store.findLatestClaim("t", emailKey(EMAIL), w.now());
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

const resendVerificationFlow: FaultFlow<{ first: string; userId: string }> = {
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

const signupVerify: FaultFlow<void> = {
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
