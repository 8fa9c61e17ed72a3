export { rejection } from "../support/rejection.js";

import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  type ErrorPhase,
  type LogEvent,
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
import { createFaultInjector, type FaultInjector } from "./faults.js";

/** The instant every world starts at. */
export const T0 = Date.parse("2025-04-01T09:00:00.000Z");
/** Durations in ms. */
export const MINUTE = 60_000;
/** One hour in ms. */
export const HOUR = 60 * MINUTE;
/** One day in ms. */
export const DAY = 24 * HOUR;

/** Link bases of the mails (the confirmation one keeps its query). */
export const CONFIRM_URL = "https://app.example/confirm?lang=ja";
/** Verification link base. */
export const VERIFY_URL = "https://app.example/verify";

/** NEC confirm-before-create (本人確認). */
export const CONFIRM: TenantMailOptions = { confirmation: true, confirmationUrl: CONFIRM_URL };
/** Auth0 verify-after-create. */
export const VERIFY: TenantMailOptions = { verification: true, verificationUrl: VERIFY_URL };

/** A strong password every policy accepts (NEC printable ASCII 8..100; Auth0 "good", not in the dictionary). */
export const PASSWORD = "Xq7!vR2#kLm-9z";

/** An NEC tenant with the given mail settings. */
export function necTenant(mail: TenantMailOptions = {}): TenantOptions {
  return { policy: baasPolicy(), displayName: "Demo", appName: "App", mail };
}

/** An Auth0 connection with the given mail settings (and policy options). */
export function auth0Tenant(
  mail: TenantMailOptions = {},
  options?: Parameters<typeof auth0Policy>[0],
): TenantOptions {
  return { policy: auth0Policy(options), displayName: "Demo", appName: "App", mail };
}

/** Everything a hardening test looks at: the service, its ports (wrapped by a fault injector), and what it reported. */
export interface World {
  service: SignupService;
  /** The memory store itself (the service sees it through the fault injector). */
  store: MemoryStore;
  /** Delivered mail, oldest first. */
  mailer: MemoryMailer;
  faults: FaultInjector;
  errors: { error: unknown; phase: ErrorPhase }[];
  logs: LogEvent[];
  now(): number;
  advance(ms: number): void;
}

/** Options on top of the world's defaults; a function receives the world's fault injector (to wrap more ports). */
export type WorldOptions =
  | Partial<SignupServiceOptions>
  | ((faults: FaultInjector) => Partial<SignupServiceOptions>);

/** A service over fault-wrapped memory ports and an injected clock; `extra` overrides any option. */
export function makeWorld(tenants: Record<string, TenantOptions>, extra: WorldOptions = {}): World {
  let clock = T0;
  const faults = createFaultInjector();
  const store = createMemoryStore();
  const mailer = createMemoryMailer();
  const errors: World["errors"] = [];
  const logs: LogEvent[] = [];
  const service = createSignupService({
    store: faults.store(store),
    mailer: faults.mailer(mailer),
    hasher: faults.hasher(createInsecureTestHasher()),
    now: () => new Date(clock),
    onError: (error, phase) => errors.push({ error, phase }),
    logger: (event) => logs.push(event),
    tenants: withoutLinkPasswords(tenants),
    ...(typeof extra === "function" ? extra(faults) : extra),
  });
  return {
    service,
    store,
    mailer,
    faults,
    errors,
    logs,
    now: () => clock,
    advance(ms) {
      clock += ms;
    },
  };
}

const TOKEN_IN_LINK = /[?&]token=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

/** The raw token of a mail's link (throws when the mail has none). */
export function tokenOf(message: MailMessage | undefined): string {
  const token = message?.text.match(TOKEN_IN_LINK)?.[1];
  if (token === undefined) throw new Error(`no token in mail: ${message?.text ?? "(no mail)"}`);
  return token;
}
