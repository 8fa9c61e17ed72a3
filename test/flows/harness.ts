export { rejection } from "../support/rejection.js";

import {
  type Auth0PolicyOptions,
  auth0Policy,
  baasPolicy,
  createSignupService,
  type Mailer,
  type MailMessage,
  type SignupService,
  type SignupServiceOptions,
  type TenantMailOptions,
  type TenantOptions,
} from "signupkit";
import {
  createInsecureTestHasher,
  createMemoryMailer,
  createMemoryStore,
  type MemoryMailer,
  type MemoryStore,
} from "signupkit/testing";
import { withoutLinkPasswords } from "../support/link-passwords.js";

/** The instant every flow test starts at. */
export const T0 = Date.parse("2025-04-01T09:00:00.000Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const CONFIRM_URL = "https://app.example/confirm";
export const VERIFY_URL = "https://app.example/verify?lang=en";

const TOKEN_IN_TEXT = /token=([A-Za-z0-9_-]{43})/;

/** The raw token of a mail's link, extracted from its text body (fails the test when there is none). */
export function tokenOf(message: MailMessage | undefined): string {
  const token = message?.text.match(TOKEN_IN_TEXT)?.[1];
  if (token === undefined) throw new Error(`no token in mail: ${message?.text ?? "(no mail)"}`);
  return token;
}

/** The stored form of a raw token, computed independently of the library: base64url SHA-256. */
export async function digest(raw: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(raw)));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A mailer that delivers into a memory mailer, except the sends whose 1-based numbers are in `failing`. */
export interface FlakyMailer extends Mailer {
  readonly inner: MemoryMailer;
  /** Send attempts so far, failed ones included. */
  readonly attempts: number;
  /** Makes the `n`-th send attempt (counted from the first, 1-based) fail. */
  failOn(n: number): void;
  /** Makes every further attempt fail (true) or succeed (false). */
  failAll(on: boolean): void;
}

export function createFlakyMailer(): FlakyMailer {
  const inner = createMemoryMailer();
  const failing = new Set<number>();
  let all = false;
  let attempts = 0;
  return {
    inner,
    get attempts() {
      return attempts;
    },
    failOn(n) {
      failing.add(n);
    },
    failAll(on) {
      all = on;
    },
    async send(message) {
      attempts++;
      if (all || failing.has(attempts)) throw new Error(`SMTP 451: send #${attempts} refused`);
      await inner.send(message);
    },
  };
}

/**
 * Wraps a memory store so that every value the service writes into it or reads out of it is kept (deep-copied at
 * the time of the call), for scans that prove what never reaches the store.
 */
export function recordingStore(inner: MemoryStore): { store: MemoryStore; traffic: unknown[] } {
  const traffic: unknown[] = [];
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        traffic.push(structuredClone(args));
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        traffic.push(structuredClone(result));
        return result;
      };
    },
  });
  return { store, traffic };
}

/** Every string reachable from `value`: values and property names, at any depth. */
export function stringsIn(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === "string") out.push(value);
  else if (typeof value === "object" && value !== null && !seen.has(value)) {
    seen.add(value);
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsIn(v, out, seen);
    }
  }
  return out;
}

export interface Harness {
  service: SignupService;
  store: MemoryStore;
  traffic: unknown[];
  mailer: FlakyMailer;
  /** The delivered messages, oldest first. */
  mails: MailMessage[];
  /** Newest delivered message to an address. */
  lastTo(address: string): MailMessage | undefined;
  hashCount(): number;
  /** Whether a stored hash is the hash of `password`. */
  passwordMatches(hash: string | undefined, password: string): Promise<boolean>;
  errors: { error: unknown; phase: string }[];
  /** Current time of the injected clock, ms since the epoch. */
  now(): number;
  /** Moves the injected clock by `ms` (or to an absolute instant with `set`). */
  advance(ms: number): void;
  set(at: number): void;
}

type MailTenants = Record<string, TenantMailOptions | TenantOptions>;

function tenantOf(value: TenantMailOptions | TenantOptions): TenantOptions {
  return "policy" in value
    ? value
    : { policy: baasPolicy(), displayName: "Demo", appName: "App", mail: value };
}

/**
 * A service over a recording memory store, a flaky memory mailer, a counting insecure hasher and an injected clock.
 * `tenants` maps ids to mail options (NEC policy, display name "Demo", app name "App") or to full tenant options.
 */
export function makeHarness(tenants: MailTenants, extra: Partial<SignupServiceOptions> = {}): Harness {
  let clock = T0;
  const { store, traffic } = recordingStore(createMemoryStore());
  const mailer = createFlakyMailer();
  const hasher = createInsecureTestHasher();
  let hashes = 0;
  const errors: { error: unknown; phase: string }[] = [];
  const service = createSignupService({
    store,
    mailer,
    hasher: {
      hash(password) {
        hashes++;
        return hasher.hash(password);
      },
      verify: hasher.verify,
    },
    now: () => new Date(clock),
    onError: (error, phase) => errors.push({ error, phase }),
    tenants: withoutLinkPasswords(
      Object.fromEntries(Object.entries(tenants).map(([id, value]) => [id, tenantOf(value)])),
    ),
    ...extra,
  });
  return {
    service,
    store,
    traffic,
    mailer,
    mails: mailer.inner.messages,
    lastTo: (address) => mailer.inner.lastTo(address),
    hashCount: () => hashes,
    passwordMatches: async (hash, password) => hash !== undefined && (await hasher.verify(password, hash)),
    errors,
    now: () => clock,
    advance(ms) {
      clock += ms;
    },
    set(at) {
      clock = at;
    },
  };
}

/** NEC confirm-before-create (本人確認) mail settings. */
export const CONFIRM: TenantMailOptions = { confirmation: true, confirmationUrl: CONFIRM_URL };
/** Auth0 verify-after-create mail settings. */
export const VERIFY: TenantMailOptions = { verification: true, verificationUrl: VERIFY_URL };

/** An Auth0 connection (display name "Demo", app name "App") with verification mail unless told otherwise. */
export function auth0Tenant(mail: TenantMailOptions = VERIFY, options?: Auth0PolicyOptions): TenantOptions {
  return { policy: auth0Policy(options), displayName: "Demo", appName: "App", mail };
}
