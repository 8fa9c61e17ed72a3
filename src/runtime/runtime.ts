import { loadDefaultHasher } from "#default-hasher";
import { type FailedPort, isSignupError, SignupError } from "../errors/signup-error.js";
import { monotonicIds } from "../identity/monotonic-ids.js";
import { type MailVariables, renderMail } from "../mail/templates.js";
import type { UserRecord } from "../model/user.js";
import type { Mailer, MailKind, MailMessage } from "../ports/mailer.js";
import type { PasswordHasher } from "../ports/password-hasher.js";
import type { InsertUserResult, MaybePromise, UserStore } from "../ports/user-store.js";
import type { ErrorPhase, SignupServiceOptions } from "../service/service-types.js";
import { resolveTenant, type TenantSettings } from "../service/tenant-settings.js";
import { createDeadlines } from "./deadlines.js";
import { createHashQueue } from "./hash-queue.js";
import { isPromiseLike } from "./promise-like.js";

/** Everything the flows share, built once per service. Internal: not exported from the package. */
export interface Runtime {
  store: UserStore;
  options: SignupServiceOptions;
  tenants: Map<string, TenantSettings>;
  tenant(id: string): TenantSettings;
  now(): Date;
  /** `now().toISOString()`. */
  nowIso(): string;
  generateId(): string;
  /** Wraps a store call: failures and timeouts become 503 `unavailable` with the cause kept. */
  storeCall<T>(call: () => MaybePromise<T>): Promise<T>;
  /**
   * `store.insertUser(record)` bounded like {@link Runtime.storeCall}, without the closure; a store that answers
   * synchronously gets its result back as it is (no promise, no deadline: there is nothing to time out).
   */
  insertUser(record: UserRecord): MaybePromise<InsertUserResult>;
  hashPassword(password: string): Promise<string>;
  /** `hasher.verify` in a slot of the same queue and under the same deadline as a hash: it costs as much. */
  verifyPassword(password: string, hash: string): Promise<boolean>;
  /** The configured hasher, or the default one once loaded (undefined before): for `needsRehash`. */
  hasher(): PasswordHasher | undefined;
  /** 503 `overloaded` while the hash queue is full (a hash asked for now would be refused), else undefined. */
  overloaded(): SignupError | undefined;
  /** The configured breach check (undefined when none): true for a known password; failures and timeouts are 503. */
  isBreached: ((password: string) => Promise<boolean>) | undefined;
  /** Renders and sends one mail; failures and timeouts become 503 `mail_unavailable` with the cause kept. */
  sendMail(
    tenant: TenantSettings,
    kind: MailKind,
    to: string,
    vars: Omit<MailVariables, "tenantname" | "appname" | "email">,
  ): Promise<void>;
  report(error: unknown, phase: ErrorPhase): void;
}

function defaultOnError(error: unknown, phase: ErrorPhase): void {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`[signupkit] ${phase} failed: ${what}`);
}

/**
 * Calls a port method with one argument; a synchronous throw becomes a rejection, and a foreign thenable is adopted
 * by a native promise (a `then` that throws rejects it), so every failure takes one path. The argument is passed
 * through (not closed over) so the signup hot path allocates no closure per call.
 */
function settle<A, T>(call: (arg: A) => Promise<T>, arg: A): Promise<T> {
  try {
    return Promise.resolve(call(arg));
  } catch (error) {
    return Promise.reject(error);
  }
}

let defaultHasher: Promise<PasswordHasher> | undefined;
let loadedDefaultHasher: PasswordHasher | undefined;

/**
 * The default hasher, chosen by package conditions (`#default-hasher` in package.json `imports`): bcrypt cost 10
 * under `node`, loaded on first use so that importing the core never loads the native module; PBKDF2 on WebCrypto
 * elsewhere. A failed load is not kept: the next signup tries again.
 */
function defaultHasherOnce(): Promise<PasswordHasher> {
  defaultHasher ??= loadDefaultHasher().then(
    (loaded) => {
      loadedDefaultHasher = loaded;
      return loaded;
    },
    (error: unknown) => {
      defaultHasher = undefined;
      throw error;
    },
  );
  return defaultHasher;
}

/** The default hasher as an object: loads it on its first call (for the traced view of the ports). */
export const lazyDefaultHasher: PasswordHasher = {
  hash: (password) => defaultHasherOnce().then((h) => h.hash(password)),
  verify: (password, hash) => defaultHasherOnce().then((h) => h.verify(password, hash)),
  needsRehash: (hash) => loadedDefaultHasher?.needsRehash?.(hash) === true,
};

/** Builds the shared runtime and validates every tenant (throws `invalid_config`). */
export function createRuntime(options: SignupServiceOptions): Runtime {
  if (options?.store === undefined)
    throw new SignupError("invalid_config", { message: "store is required." });
  const tenants = new Map<string, TenantSettings>();
  for (const [id, tenant] of Object.entries(options.tenants ?? {})) {
    tenants.set(id, resolveTenant(id, tenant, options.mailer !== undefined));
  }
  const store = options.store;
  const insertUser = (record: UserRecord) => store.insertUser(record);
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
  const breachTimeout = timeout("breached-password check");
  const unavailable = (port: FailedPort) => (error: unknown) =>
    isSignupError(error) ? error : new SignupError("unavailable", { cause: error, port });
  const toUnavailable = unavailable("store");
  const hasherUnavailable = unavailable("hasher");
  const breachUnavailable = unavailable("breachedPasswords");
  /**
   * Calls a store method: a promise races the store deadline (a foreign thenable is adopted by a native promise
   * first, so a `then` that throws is a rejection too), a direct answer passes through, a throw is a 503.
   */
  const storeAnswer = <A, T>(call: (arg: A) => MaybePromise<T>, arg: A): MaybePromise<T> => {
    let answer: MaybePromise<T>;
    try {
      answer = call(arg);
    } catch (error) {
      return Promise.reject(toUnavailable(error));
    }
    return isPromiseLike(answer)
      ? deadlines.race(Promise.resolve(answer), storeMs, storeTimeout, toUnavailable)
      : answer;
  };
  const invoke = <T>(call: () => MaybePromise<T>) => call();
  const now = options.now ?? (() => new Date());
  const hasher = options.hasher;
  const hashOnce = hasher
    ? (password: string) => hasher.hash(password)
    : (password: string) => defaultHasherOnce().then((h) => h.hash(password));
  /**
   * Runs one hasher job (hash or verify) in a slot taken from the queue. The caller's answer is bounded by the
   * hasher timeout (503), but the slot is held until the job itself settles: a native job past its deadline still
   * occupies a worker thread, and handing its slot to the next caller would let `maxConcurrentHashes` bound nothing.
   */
  const inSlot = <A, T>(job: (arg: A) => Promise<T>, arg: A) => {
    const startedAt = Date.now();
    const running = settle(job, arg);
    const release = () => queue.release(startedAt);
    running.then(release, release);
    return deadlines.race(running, hasherMs, hashTimeout, hasherUnavailable);
  };
  const hashInSlot = (password: string) => inSlot(hashOnce, password);
  const verifyOnce = ([password, hash]: [string, string]) =>
    (hasher ? Promise.resolve(hasher) : defaultHasherOnce()).then((h) => h.verify(password, hash));
  const verifyInSlot = (pair: [string, string]) => inSlot(verifyOnce, pair);
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
    now,
    nowIso() {
      return now().toISOString();
    },
    generateId: options.generateId ?? monotonicIds(),
    storeCall(call) {
      return Promise.resolve(storeAnswer(invoke, call));
    },
    insertUser(record) {
      return storeAnswer(insertUser, record);
    },
    hashPassword(password) {
      const slot = queue.enter();
      return slot === true ? hashInSlot(password) : slot.then(() => hashInSlot(password));
    },
    verifyPassword(password, hash) {
      const slot = queue.enter();
      const pair: [string, string] = [password, hash];
      return slot === true ? verifyInSlot(pair) : slot.then(() => verifyInSlot(pair));
    },
    hasher: () => hasher ?? loadedDefaultHasher,
    overloaded: queue.refusal,
    isBreached:
      breached === undefined
        ? undefined
        : (password) => {
            const check = settle((p: string) => breached.isBreached(p), password);
            return deadlines.race(check, breachedMs, breachTimeout, breachUnavailable);
          },
    async sendMail(tenant, kind, to, vars) {
      const variables = { tenantname: tenant.displayName, appname: tenant.appName, email: to, ...vars };
      const rendered = renderMail(kind, tenant.locale, variables, tenant.templates);
      const message: MailMessage = { to, kind, tenant: tenant.id, ...rendered, variables };
      if (variables.url !== undefined) message.url = variables.url;
      try {
        await deadlines.race(mailer.send(message), mailerMs, timeout("mail delivery"));
      } catch (error) {
        throw new SignupError("mail_unavailable", { cause: error, port: "mailer" });
      }
    },
    report(error, phase) {
      try {
        report(error, phase);
      } catch {
        // A failing error reporter must not fail the request.
      }
    },
  };
}
