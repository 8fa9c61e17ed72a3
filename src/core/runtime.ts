import { monotonicFactory } from "ulid";
import type { SignupErrorCode } from "../errors/error-codes.js";
import { isSignupError, SignupError } from "../errors/signup-error.js";
import { type MailVariables, renderMail } from "../mail/templates.js";
import type { Mailer, MailKind } from "../ports/mailer.js";
import type { PasswordHasher } from "../ports/password-hasher.js";
import type { UserStore } from "../ports/user-store.js";
import { createDeadlines } from "./deadlines.js";
import { createHashQueue } from "./hash-queue.js";
import type { ErrorPhase, LogEvent, SignupServiceOptions } from "./service-types.js";
import { resolveTenant, type TenantSettings } from "./tenant-settings.js";

/** Everything the flows share, built once per service. Internal: not exported from the package. */
export interface Runtime {
  store: UserStore;
  options: SignupServiceOptions;
  tenants: Map<string, TenantSettings>;
  tenant(id: string): TenantSettings;
  now(): Date;
  generateId(): string;
  /** Wraps a store call: failures and timeouts become 503 `unavailable` with the cause kept. */
  storeCall<T>(call: () => Promise<T>): Promise<T>;
  hashPassword(password: string): Promise<string>;
  /** True when the configured breach check knows the password; failures and timeouts become 503. */
  isBreached(password: string): Promise<boolean>;
  /** Renders and sends one mail; failures become `SignupError(code)` with the cause kept. */
  sendMail(
    tenant: TenantSettings,
    kind: MailKind,
    to: string,
    vars: Omit<MailVariables, "tenantname" | "appname" | "email">,
    code: SignupErrorCode,
  ): Promise<void>;
  report(error: unknown, phase: ErrorPhase): void;
  log: ((event: LogEvent) => void) | undefined;
}

function pooledPrng(): () => number {
  const pool = new Uint8Array(4096);
  let at = pool.length;
  return () => {
    if (at === pool.length) {
      crypto.getRandomValues(pool);
      at = 0;
    }
    return (pool[at++] as number) / 256;
  };
}

function defaultOnError(error: unknown, phase: ErrorPhase): void {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`[signupkit] ${phase} failed: ${what}`);
}

/** Calls a port method; a synchronous throw becomes a rejection, so every failure takes one path. */
function settle<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call();
  } catch (error) {
    return Promise.reject(error);
  }
}

let defaultHasher: Promise<PasswordHasher> | undefined;

/** bcrypt cost 10, loaded on first use so that importing the core never loads the native module. */
function loadDefaultHasher(): Promise<PasswordHasher> {
  defaultHasher ??= import("signupkit/bcrypt").then((module) => module.createBcryptHasher());
  return defaultHasher;
}

/** Builds the shared runtime and validates every tenant (throws `invalid_config`). */
export function createRuntime(options: SignupServiceOptions): Runtime {
  if (options?.store === undefined)
    throw new SignupError("invalid_config", { message: "store is required." });
  const tenants = new Map<string, TenantSettings>();
  for (const [id, tenant] of Object.entries(options.tenants ?? {})) {
    tenants.set(id, resolveTenant(id, tenant, options.mailer !== undefined));
  }
  const store = options.store;
  const mailer = options.mailer as Mailer;
  const deadlines = createDeadlines();
  const storeMs = options.timeouts?.store ?? 10_000;
  const mailerMs = options.timeouts?.mailer ?? 15_000;
  const hasherMs = options.timeouts?.hasher ?? 30_000;
  const queue = createHashQueue({
    concurrency: options.maxConcurrentHashes ?? 4,
    maxQueued: options.maxQueuedHashes ?? 128,
  });
  const timeout = (what: string) => () => new Error(`${what} timed out`, { cause: "timeout" });
  const storeTimeout = timeout("store call");
  const hashTimeout = timeout("password hash");
  const unavailable = (error: unknown) => {
    throw isSignupError(error) ? error : new SignupError("unavailable", { cause: error });
  };
  const hasher = options.hasher;
  const hashOnce = hasher
    ? (password: string) => hasher.hash(password)
    : (password: string) => loadDefaultHasher().then((h) => h.hash(password));
  const report = options.onError ?? defaultOnError;
  const breached = options.breachedPasswords;
  const breachedMs = options.timeouts?.breachedPasswords ?? 5_000;

  return {
    store,
    options,
    tenants,
    tenant(id) {
      const tenant = typeof id === "string" ? tenants.get(id) : undefined;
      if (tenant === undefined) throw new SignupError("unknown_tenant");
      return tenant;
    },
    now: options.now ?? (() => new Date()),
    generateId: options.generateId ?? monotonicFactory(pooledPrng()),
    storeCall(call) {
      return deadlines.race(settle(call), storeMs, storeTimeout).catch(unavailable);
    },
    hashPassword(password) {
      return queue.run(() => deadlines.race(hashOnce(password), hasherMs, hashTimeout)).catch(unavailable);
    },
    isBreached(password) {
      if (breached === undefined) return Promise.resolve(false);
      const check = settle(() => breached.isBreached(password));
      return deadlines.race(check, breachedMs, timeout("breached-password check")).catch(unavailable);
    },
    async sendMail(tenant, kind, to, vars, code) {
      const rendered = renderMail(
        kind,
        tenant.locale,
        { tenantname: tenant.displayName, appname: tenant.appName, email: to, ...vars },
        tenant.templates,
      );
      try {
        await deadlines.race(
          mailer.send({ to, kind, tenant: tenant.id, ...rendered }),
          mailerMs,
          timeout("mail delivery"),
        );
      } catch (error) {
        throw new SignupError(code, { cause: error });
      }
    },
    report(error, phase) {
      try {
        report(error, phase);
      } catch {
        // A failing error reporter must not fail the request.
      }
    },
    log: options.logger,
  };
}
