import { baasPolicy, createSignupService, type Mailer, type MailMessage, type UserStore } from "signupkit";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it, vi } from "vitest";
import { CONFIRM_URL, rejection, tokenOf } from "./harness.js";

const OWNER = "owner@example.com";
const T0_ISO = "2025-04-01T09:00:00.000Z";

/** A concealing tenant with the user `owner` <OWNER>; `calls` lists the store methods called, in order. */
async function concealing() {
  const inner = createMemoryStore();
  const calls: string[] = [];
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as UserStore;
  let gate: Promise<void> | undefined;
  const delivered = createMemoryMailer();
  const mailer: Mailer = {
    async send(message: MailMessage) {
      await gate;
      await delivered.send(message);
    },
  };
  let hashes = 0;
  let clock = Date.parse(T0_ISO);
  const hasher = createInsecureTestHasher();
  const service = createSignupService({
    store,
    mailer,
    hasher: {
      hash: (p) => {
        hashes++;
        return hasher.hash(p);
      },
      verify: (p, h) => hasher.verify(p, h),
    },
    now: () => new Date(clock),
    tenants: {
      t: {
        policy: baasPolicy(),
        allowAnonymousClientCertUser: true,
        mail: { confirmation: true, confirmationUrl: CONFIRM_URL, concealExisting: true },
      },
    },
  });
  await service.signup(
    { username: "owner", email: OWNER, password: "Owner-Pa55" },
    { tenant: "t", master: true },
  );
  await service.confirm(tokenOf(delivered.lastTo(OWNER)), { tenant: "t", password: "Owner-Pa55" });
  const hold = () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      gate = undefined;
      release();
    };
  };
  return {
    service,
    store: inner,
    calls,
    delivered,
    hold,
    hashes: () => hashes,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

/** The store methods and hash count of one signup. */
async function workOf(world: Awaited<ReturnType<typeof concealing>>, body: Record<string, unknown>) {
  world.calls.length = 0;
  const hashes = world.hashes();
  const mails = world.delivered.messages.length;
  const result = await world.service.signup(body, { tenant: "t" });
  return {
    result,
    calls: [...world.calls],
    hashes: world.hashes() - hashes,
    mails: world.delivered.messages.length - mails,
  };
}

describe("concealExisting: a taken and a new address do the same work", () => {
  it.each([
    ["email and password", (email: string) => ({ email, password: "Probe-Pa55" })],
    ["a username the prober owns", (email: string) => ({ email, username: "owner", password: "Probe-Pa55" })],
    [
      "a client-certificate body (no password)",
      (email: string) => ({ email, username: `c${email.length}`, clientCertUser: true }),
    ],
  ])("%s: the same store calls, hashes, mails and answer", async (_name, body) => {
    const world = await concealing();
    const taken = await workOf(world, body(OWNER));
    const fresh = await workOf(world, body("fresh.address@example.com"));
    expect(taken.result).toEqual({ status: "pending" });
    expect(fresh).toEqual(taken);
    expect(taken.calls).toEqual(["findUserByEmail", "insertClaim"]);
  });

  it("reports a username conflict at confirmation, never at signup", async () => {
    const world = await concealing();
    const body = { email: "new@example.com", username: "OWNER", password: "Probe-Pa55" };
    expect(await world.service.signup(body, { tenant: "t" })).toEqual({ status: "pending" });
    const token = tokenOf(world.delivered.lastTo("new@example.com"));
    const clash = await rejection(world.service.confirm(token, { tenant: "t", password: "Probe-Pa55" }));
    expect(clash).toMatchObject({ code: "username_exists", status: 409 });
  });

  it("a taken address's stand-in claim is never found by a resend and no link reaches it", async () => {
    const world = await concealing();
    await world.service.signup({ email: OWNER, password: "Probe-Pa55" }, { tenant: "t" });
    expect(world.store.size.claims).toBe(1);
    expect(await world.store.findLiveClaims("t", OWNER, Date.now(), 10)).toEqual([]);
    expect(world.delivered.messages.at(-1)?.kind).toBe("existing-account");
    expect(world.delivered.messages.at(-1)?.text).not.toMatch(/token=/);
  });

  it("resendConfirmation answers before its store and mail work, for a pending address as for a taken one", async () => {
    const world = await concealing();
    await world.service.signup({ email: "pending@example.com", password: "Probe-Pa55" }, { tenant: "t" });
    const release = world.hold();
    const waiting = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 200));
    const answered = (email: string) =>
      Promise.race([
        world.service
          .resendConfirmation({ tenant: "t", password: "Probe-Pa55" }, email)
          .then(() => "answered"),
        waiting,
      ]);
    world.advance(120_000);
    const mails = world.delivered.messages.length;
    // Past the resend interval the pending address's resend mails a link, but the answer does not wait for it.
    expect(await answered("pending@example.com")).toBe("answered");
    expect(await answered(OWNER)).toBe("answered");
    expect(world.delivered.messages.length).toBe(mails);
    release();
    await vi.waitFor(() => expect(world.delivered.messages.length).toBe(mails + 1));
    expect(world.delivered.messages.at(-1)).toMatchObject({
      to: "pending@example.com",
      kind: "confirmation",
    });
  });
});
