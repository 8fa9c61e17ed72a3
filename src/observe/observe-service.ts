import type { LogEvent, SignupService, SignupServiceOptions } from "../service/service-types.js";
import type { Instrumentation } from "./instrumentation.js";
import { failureOf, type OperationName, type OperationOutcome, outcomeOf } from "./outcome.js";

/** Who an operation is for, read from its arguments. */
interface Subject {
  tenant: unknown;
  meta: Readonly<Record<string, unknown>> | undefined;
  email: unknown;
}

const LEVEL: Partial<Record<OperationOutcome["outcome"], LogEvent["level"]>> = {
  overloaded: "warn",
  unavailable: "error",
  failed: "error",
};

function requestIdOf(meta: Subject["meta"]): string | undefined {
  const id = meta?.requestId;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

/**
 * Wraps a service so that every operation ends in one log event (the `logger`) and one traced operation (the
 * `telemetry`), with its outcome and duration. Returns the service itself when neither is configured: nothing is
 * measured then.
 */
export function observeService(service: SignupService, options: SignupServiceOptions): SignupService {
  const { logger, telemetry } = options;
  if (logger === undefined && telemetry === undefined) return service;
  const addresses = options.observeAddresses === true;

  function observed<R>(operation: OperationName, subject: Subject, call: () => Promise<R>): Promise<R> {
    const start = performance.now();
    const tenant =
      typeof subject.tenant === "string" && service.hasTenant(subject.tenant) ? subject.tenant : undefined;
    const email = addresses && typeof subject.email === "string" ? subject.email : undefined;
    const trace = telemetry?.startOperation(operation, tenant, email);
    const finish = (outcome: OperationOutcome) => {
      const durationMs = performance.now() - start;
      if (!addresses) delete outcome.email;
      else if (outcome.email === undefined && email !== undefined) outcome.email = email;
      trace?.end(outcome, durationMs);
      if (logger !== undefined)
        log(logger, operation, outcome, tenant, requestIdOf(subject.meta), durationMs);
    };
    let running: Promise<R>;
    try {
      running = trace === undefined ? call() : trace.run(call);
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      (result) => {
        finish(outcomeOf(operation, result));
        return result;
      },
      (error: unknown) => {
        finish(failureOf(error));
        throw error;
      },
    );
  }

  return {
    ...service,
    signup: (input, context) =>
      observed(
        "signup",
        { tenant: context?.tenant, meta: context?.meta, email: (input as { email?: unknown } | null)?.email },
        () => service.signup(input, context),
      ),
    confirm: (token, context) =>
      observed("confirm", { tenant: context?.tenant, meta: context?.meta, email: undefined }, () =>
        service.confirm(token, context),
      ),
    verifyEmail: (token, context) =>
      observed("verifyEmail", { tenant: context?.tenant, meta: context?.meta, email: undefined }, () =>
        service.verifyEmail(token, context),
      ),
    resendConfirmation: (context, email) =>
      observed("resendConfirmation", { tenant: context?.tenant, meta: context?.meta, email }, () =>
        service.resendConfirmation(context, email),
      ),
    resendVerification: (context, email) =>
      observed("resendVerification", { tenant: context?.tenant, meta: context?.meta, email }, () =>
        service.resendVerification(context, email),
      ),
    verifyCredentials: (input) =>
      observed("verifyCredentials", { tenant: input?.tenant, meta: input?.meta, email: input?.email }, () =>
        service.verifyCredentials(input),
      ),
  };
}

function log(
  logger: NonNullable<SignupServiceOptions["logger"]>,
  operation: OperationName,
  outcome: OperationOutcome,
  tenant: string | undefined,
  requestId: string | undefined,
  durationMs: number,
): void {
  const event: LogEvent = {
    level: LEVEL[outcome.outcome] ?? "info",
    event: `${operation}.${outcome.outcome}`,
    operation,
    outcome: outcome.outcome,
    durationMs: Math.round(durationMs * 1000) / 1000,
  };
  if (tenant !== undefined) event.tenant = tenant;
  if (requestId !== undefined) event.requestId = requestId;
  if (outcome.userId !== undefined) event.userId = outcome.userId;
  if (outcome.code !== undefined) event.code = outcome.code;
  if (outcome.issues !== undefined) event.issues = outcome.issues;
  if (outcome.port !== undefined) event.port = outcome.port;
  if (outcome.email !== undefined) event.email = outcome.email;
  try {
    logger(event);
  } catch {
    // A failing logger must not fail the request.
  }
}

/** The instrumentation's view of the ports: every store, hasher and mailer call goes through `portCall`. */
export function tracePorts(
  options: SignupServiceOptions,
  telemetry: Instrumentation,
  defaultHasher: NonNullable<SignupServiceOptions["hasher"]>,
): SignupServiceOptions {
  const traced: SignupServiceOptions = {
    ...options,
    store: tracedView(options.store, "store", telemetry, () => true),
    hasher: tracedView(
      options.hasher ?? defaultHasher,
      "hasher",
      telemetry,
      (m) => m === "hash" || m === "verify",
    ),
  };
  if (options.mailer !== undefined)
    traced.mailer = tracedView(options.mailer, "mailer", telemetry, () => true);
  return traced;
}

/** A view of `target` whose methods (those `traces` picks) run through `telemetry.portCall`. */
function tracedView<T extends object>(
  target: T,
  port: "store" | "hasher" | "mailer",
  telemetry: Instrumentation,
  traces: (method: string) => boolean,
): T {
  const wrapped = new Map<string, unknown>();
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== "function" || typeof property !== "string" || !traces(property)) return value;
      let method = wrapped.get(property);
      if (method === undefined) {
        method = (...args: unknown[]) => telemetry.portCall(port, property, () => value.apply(object, args));
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
