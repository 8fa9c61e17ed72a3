import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  emailKey,
  type SignupService,
  type SignupServiceOptions,
  type TenantOptions,
} from "signupkit";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { newestLiveClaim } from "../../src/testing/fixtures.js";
import { withoutLinkPasswords } from "../support/link-passwords.js";
import { createFaultInjector, type FaultInjector } from "./faults.js";
import { type Capture, capturingStore, createCapture } from "./secret-scan.js";
import { CONFIRM, MINUTE, T0, VERIFY } from "./world.js";

/**
 * Secrets: across every flow (direct, confirmation, verification, resend, conceal-existing, failures), no plaintext
 * password and no raw token appears in anything logged (logger, onError, console), returned or thrown (results,
 * errors with their cause and issues, their JSON), stored (every value passed to or read from the store, and the
 * store's final state) or mailed, except the raw token in the one mail whose link carries it.
 */

const CONSOLE = ["log", "info", "warn", "error", "debug", "trace"] as const;
let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = CONSOLE.map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
});
afterEach(() => {
  for (const spy of consoleSpies) spy.mockRestore();
});

interface SecretWorld {
  service: SignupService;
  capture: Capture;
  faults: FaultInjector;
  mails: ReturnType<typeof createMemoryMailer>["messages"];
  /** Every plaintext password handed to the service so far. */
  passwords: Set<string>;
  /** Runs a call and captures what it returned or threw. */
  call(label: string, run: () => Promise<unknown>): Promise<unknown>;
  signup(tenant: string, input: Record<string, unknown>): Promise<unknown>;
  advance(ms: number): void;
  /** The raw token of the newest mail to `to`. */
  tokenFor(to: string): string;
  /** Captures console output and the store's final state, then checks every secret. */
  expectNoLeaks(): Promise<void>;
}

const TOKEN = /token=([A-Za-z0-9_-]{43})/g;

function secretWorld(
  tenants: Record<string, TenantOptions>,
  extra: Partial<SignupServiceOptions> = {},
): SecretWorld {
  const capture = createCapture();
  const faults = createFaultInjector();
  const store = createMemoryStore();
  const mailer = createMemoryMailer();
  const passwords = new Set<string>();
  let clock = T0;
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const service = createSignupService({
    store: faults.store(capturingStore(store, capture)),
    mailer: faults.mailer(mailer),
    hasher: faults.hasher(createInsecureTestHasher()),
    now: () => new Date(clock),
    logger: (event) => capture.add("logger", event),
    onError: (error, phase) => capture.add(`onError(${phase})`, error),
    timeouts: { store: 50, mailer: 50, hasher: 50 },
    tenants: withoutLinkPasswords(tenants),
    ...extra,
  });
  const call = async (label: string, run: () => Promise<unknown>) => {
    try {
      const result = await run();
      capture.add(`${label} → result`, result);
      const id = (result as { user?: { id?: string } } | undefined)?.user?.id;
      if (id !== undefined) userIds.add(id);
      return result;
    } catch (error) {
      capture.add(`${label} → error`, error);
      return error;
    }
  };
  return {
    service,
    capture,
    faults,
    mails: mailer.messages,
    passwords,
    call,
    signup(tenant, input) {
      if (typeof input.password === "string") passwords.add(input.password);
      if (typeof input.email === "string") emails.add(input.email);
      return call(`signup(${tenant})`, () => service.signup(input, { tenant }));
    },
    advance(ms) {
      clock += ms;
    },
    tokenFor(to) {
      const mail = mailer.lastTo(to);
      const token = [...(mail?.text.matchAll(TOKEN) ?? [])][0]?.[1];
      if (token === undefined) throw new Error(`no link mailed to ${to}`);
      return token;
    },
    async expectNoLeaks() {
      for (const [i, spy] of consoleSpies.entries()) capture.add(`console.${CONSOLE[i]}`, spy.mock.calls);
      for (const id of userIds) {
        capture.add("state: user", await store.getUser(id));
        capture.add("state: verify token", await store.latestToken("verify", id));
      }
      for (const tenant of Object.keys(tenants)) {
        for (const email of emails) {
          const claim = await newestLiveClaim(store, tenant, emailKey(email), 0);
          capture.add("state: claim", claim);
          capture.add("state: user by email", await store.findUserByEmail(tenant, emailKey(email)));
        }
      }
      expect(passwords.size).toBeGreaterThan(0);
      for (const password of passwords) {
        expect(capture.where(password), `password ${password}`).toEqual([]);
        expect(this.mails.filter((m) => JSON.stringify(m).includes(password))).toEqual([]);
      }
      const tokens = this.mails.flatMap((m) =>
        [...m.text.matchAll(TOKEN)].map((match) => match[1] as string),
      );
      for (const token of tokens) {
        expect(capture.where(token), `token ${token}`).toEqual([]);
        // In the one mail that carries the link (text and HTML), nowhere else.
        expect(this.mails.filter((m) => JSON.stringify(m).includes(token))).toHaveLength(1);
      }
      // Stored hashes are not secrets to the store, but nothing else may show them either.
      const hashes = capture.items
        .filter(({ label }) => label.startsWith("state: user"))
        .map(({ value }) => (value as { passwordHash?: string } | null)?.passwordHash)
        .filter((hash): hash is string => hash !== undefined);
      for (const hash of hashes) {
        expect(capture.where(hash).filter((label) => !label.startsWith("st"))).toEqual([]);
      }
    },
  };
}

const nec = (mail = {}): TenantOptions => ({ policy: baasPolicy(), mail });
const auth0 = (mail = {}): TenantOptions => ({ policy: auth0Policy({ requireUsername: true }), mail });
const breachedCheck = { isBreached: async (password: string) => password.includes("Breached") };

describe("no secret leaks", () => {
  it("NEC: direct signup with notification mail, a duplicate, invalid passwords", async () => {
    const w = secretWorld({ t: nec({ notification: true }) });
    await w.signup("t", { email: "taro@example.com", password: "Zq9#Direct-Pa55" });
    await w.signup("t", { email: "TARO@example.com", password: "Zq9#Second-Pa55" });
    await w.signup("t", { email: "jiro@example.com", password: "short7!" });
    await w.signup("t", { email: "jiro@example.com", password: "non-ascii-\u00E9-pass" });
    await w.signup("t", { email: "jiro@example.com", password: `long-${"x".repeat(120)}` });
    await w.signup("t", { email: "jiro@example.com", password: "Zq9#Unknown-Pa55", unknown: "field" });
    await w.signup("t", { username: "cert-user", clientCertUser: true, password: "Zq9#Cert-Pa55" });
    await w.expectNoLeaks();
  });

  it("NEC: confirmation, resend, an old link, confirm, conceal-existing", async () => {
    // The default link check: the signup password travels with resends and confirmations and must not leak either.
    const mail = { ...CONFIRM, concealExisting: true, notification: true, linkNeedsPassword: true };
    const w = secretWorld({ t: nec(mail) });
    const own = { tenant: "t", password: "Zq9#Confirm-Pa55" };
    await w.signup("t", { email: "hanako@example.com", password: own.password });
    const first = w.tokenFor("hanako@example.com");
    await w.call("resend too soon", () => w.service.resendConfirmation(own, "hanako@example.com"));
    w.advance(2 * MINUTE);
    await w.call("resend", () => w.service.resendConfirmation(own, "HANAKO@example.com"));
    // With concealExisting the resend answers at once and mails in the background.
    await vi.waitFor(() => expect(w.tokenFor("hanako@example.com")).not.toBe(first));
    const second = w.tokenFor("hanako@example.com");
    await w.call("confirm(wrong password)", () =>
      w.service.confirm(second, { tenant: "t", password: "Zq9#Wrong-Pa55" }),
    );
    await w.call("confirm(old)", () => w.service.confirm(first, own));
    await w.call("confirm", () => w.service.confirm(second, own));
    await w.call("confirm(again)", () => w.service.confirm(second, own));
    await w.signup("t", { email: "Hanako@Example.com", password: "Zq9#Conceal-Pa55" });
    await w.call("resend(none)", () => w.service.resendConfirmation(own, "nobody@example.com"));
    expect(w.mails.map((m) => m.kind)).toEqual([
      "confirmation",
      "confirmation",
      "notification",
      "existing-account",
    ]);
    await w.expectNoLeaks();
  });

  it("Auth0: verification, resend, verify, and every password issue", async () => {
    const w = secretWorld({ a: auth0(VERIFY) }, { breachedPasswords: breachedCheck });
    await w.signup("a", { email: "ken@example.com", username: "ken", password: "Zq9#Verify-Pa55" });
    w.advance(2 * MINUTE);
    await w.call("resend", () => w.service.resendVerification({ tenant: "a" }, "KEN@example.com"));
    await w.call("verify", () => w.service.verifyEmail(w.tokenFor("ken@example.com"), { tenant: "a" }));
    await w.call("resend(verified)", () => w.service.resendVerification({ tenant: "a" }, "ken@example.com"));
    await w.signup("a", { email: "ken@example.com", username: "ken2", password: "Zq9#Taken-Pa55" });
    await w.signup("a", { email: "ann@example.com", username: "ann", password: "weakpass" });
    await w.signup("a", { email: "ann@example.com", username: "ann", password: "Password1" });
    await w.signup("a", { email: "annie@example.com", username: "annie", password: "annie-Zq9#x" });
    await w.signup("a", { email: "ann@example.com", username: "ann", password: `Zq9#${"y".repeat(130)}` });
    await w.signup("a", { email: "ann@example.com", username: "ann", password: "Zq9#Breached-Pa55" });
    await w.signup("a", {
      email: "ann@example.com",
      username: "Zq9#InUser-Pa55",
      password: "Zq9#InUser-Pa55",
    });
    await w.expectNoLeaks();
  });

  it("failures: store, hasher and mail faults, absorbed mail failures, failed clean-ups", async () => {
    const w = secretWorld({
      t: nec({ ...CONFIRM, notification: true }),
      a: auth0(VERIFY),
      d: nec({ notification: true }),
    });
    w.faults.injectNext("hasher", "reject");
    await w.signup("d", { email: "f1@example.com", password: "Zq9#Hasher-Pa55" });
    w.faults.injectNext("store", "reject");
    await w.signup("d", { email: "f2@example.com", password: "Zq9#Store-Pa55" });
    w.faults.injectNext("mailer", "reject");
    await w.signup("d", { email: "f3@example.com", password: "Zq9#Notice-Pa55" });
    w.faults.injectNext("mailer", "hang");
    await w.signup("t", { email: "f4@example.com", password: "Zq9#Confirm-Pa55" });
    // The confirmation mail fails, then so does deleting the claim (findUserByEmail, insertClaim, deleteClaim).
    w.faults.injectNext("mailer", "reject");
    w.faults.injectNext("store", "reject", 3);
    await w.signup("t", { email: "f5@example.com", password: "Zq9#Cleanup-Pa55" });
    w.faults.injectNext("mailer", "reject");
    await w.signup("a", { email: "f6@example.com", username: "f6", password: "Zq9#VerifyMail-Pa55" });
    w.advance(2 * MINUTE);
    await w.call("resend", () => w.service.resendVerification({ tenant: "a" }, "f6@example.com"));
    await w.signup("t", { email: "f7@example.com", password: "Zq9#Resend-Pa55" });
    w.advance(2 * MINUTE);
    // The resent mail fails, then so does restoring the old link (findLiveClaims, issueToken, issueToken).
    w.faults.injectNext("mailer", "reject");
    w.faults.injectNext("store", "reject", 3);
    await w.call("resend(fails)", () => w.service.resendConfirmation({ tenant: "t" }, "f7@example.com"));
    expect(w.capture.items.some(({ label }) => label === "onError(cleanup)")).toBe(true);
    expect(w.capture.items.some(({ label }) => label === "onError(verification)")).toBe(true);
    await w.expectNoLeaks();
  });

  it("the default onError writes name and message only (console spied)", async () => {
    const w = secretWorld({ d: nec({ notification: true }) }, { onError: undefined as never });
    w.faults.inject("mailer", 1, "reject");
    await w.signup("d", { email: "c@example.com", password: "Zq9#Console-Pa55" });
    expect(consoleSpies[CONSOLE.indexOf("error")]?.mock.calls.length).toBeGreaterThan(0);
    await w.expectNoLeaks();
  });
});

describe("the scan itself", () => {
  it("finds a secret in an error's cause and stack, in Maps and Sets, in property names and in JSON-only text", () => {
    const capture = createCapture();
    const hidden = new Error("outer", { cause: new Error("inner s3cret-1") });
    capture.add("cause", hidden);
    capture.add("map", new Map([["k", { deep: ["s3cret-2"] }]]));
    capture.add("set", new Set(["s3cret-3"]));
    capture.add("key", { "s3cret-4": 1 });
    capture.add("json", { toJSON: () => "s3cret-5" });
    capture.add("clean", { nothing: "here" });
    for (const [i, label] of ["cause", "map", "set", "key", "json"].entries()) {
      expect(capture.where(`s3cret-${i + 1}`)).toEqual([label]);
    }
  });
});
