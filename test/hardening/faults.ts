import type { Mailer, PasswordHasher, UserStore } from "signupkit";
// Not exported from "signupkit" yet.
import type { BreachedPasswordCheck } from "../../src/ports/breached-password-check.js";

/** A port the service calls. */
export type Port = "store" | "mailer" | "hasher" | "breach";

/**
 * How an injected call fails: `reject` returns a rejected promise, `throw` throws synchronously before returning a
 * promise, `hang` returns a promise that never settles (the call never reaches the wrapped port, so the service's
 * timeout has to end it).
 */
export type FaultMode = "reject" | "throw" | "hang";

/** The error an injected `reject`/`throw` fault raises; the service must keep it as `cause`. */
export class InjectedFault extends Error {
  override readonly name = "InjectedFault";
  constructor(
    readonly port: Port,
    readonly call: number,
    readonly method: string,
  ) {
    super(`injected fault: ${port} call #${call} (${method})`);
  }
}

/** One recorded call: which port and method, its 1-based number on that port, and whether it was failed. */
export interface CallRecord {
  port: Port;
  method: string;
  call: number;
  fault: FaultMode | undefined;
}

/**
 * Counts every call into the wrapped ports and fails the ones it is told to. Counting starts at 1 for each port
 * and restarts on {@link FaultInjector.reset}.
 */
export interface FaultInjector {
  /** Calls since the last reset, in order. */
  readonly trace: readonly CallRecord[];
  /** Errors raised by `reject`/`throw` faults since the last reset. */
  readonly raised: readonly InjectedFault[];
  /** Calls into `port` since the last reset. */
  calls(port: Port): number;
  /** Fails the `call`-th call (1-based, counted from the last reset) into `port`. */
  inject(port: Port, call: number, mode: FaultMode): void;
  /** Fails the `offset`-th call into `port` from now on (1: the next one). */
  injectNext(port: Port, mode: FaultMode, offset?: number): void;
  /** Removes every planned fault; counting goes on. */
  heal(): void;
  /** Removes every planned fault and restarts counting and the trace. */
  reset(): void;
  store<S extends UserStore>(inner: S): S;
  mailer(inner: Mailer): Mailer;
  hasher(inner: PasswordHasher): PasswordHasher;
  breachCheck(inner: BreachedPasswordCheck): BreachedPasswordCheck;
}

/** Creates a {@link FaultInjector}. */
export function createFaultInjector(): FaultInjector {
  const trace: CallRecord[] = [];
  const raised: InjectedFault[] = [];
  const counts = new Map<Port, number>();
  const planned = new Map<string, FaultMode>();

  /** Counts one call and returns how it must fail, if it must. */
  function enter(port: Port, method: string): { mode: FaultMode | undefined; call: number } {
    const call = (counts.get(port) ?? 0) + 1;
    counts.set(port, call);
    const mode = planned.get(`${port}#${call}`);
    trace.push({ port, method, call, fault: mode });
    return { mode, call };
  }

  /** Wraps one port method so that its calls are counted and, when planned, failed. */
  function guard<A extends unknown[], R>(
    port: Port,
    method: string,
    fn: (...args: A) => Promise<R>,
  ): (...args: A) => Promise<R> {
    return (...args: A) => {
      const { mode, call } = enter(port, method);
      if (mode === "hang") return new Promise<R>(() => {});
      if (mode !== undefined) {
        const fault = new InjectedFault(port, call, method);
        raised.push(fault);
        if (mode === "throw") throw fault;
        return Promise.reject(fault);
      }
      return fn(...args);
    };
  }

  return {
    trace,
    raised,
    calls: (port) => counts.get(port) ?? 0,
    inject(port, call, mode) {
      planned.set(`${port}#${call}`, mode);
    },
    injectNext(port, mode, offset = 1) {
      planned.set(`${port}#${(counts.get(port) ?? 0) + offset}`, mode);
    },
    heal() {
      planned.clear();
    },
    reset() {
      planned.clear();
      counts.clear();
      trace.length = 0;
      raised.length = 0;
    },
    store<S extends UserStore>(inner: S): S {
      return new Proxy(inner, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== "function" || typeof property !== "string") return value;
          const method = value as (...args: unknown[]) => Promise<unknown>;
          return guard("store", property, (...args: unknown[]) => method.apply(target, args));
        },
      });
    },
    mailer(inner) {
      return { send: guard("mailer", "send", (message) => inner.send(message)) };
    },
    hasher(inner) {
      return {
        hash: guard("hasher", "hash", (password: string) => inner.hash(password)),
        verify: (password, hash) => inner.verify(password, hash),
      };
    },
    breachCheck(inner) {
      return { isBreached: guard("breach", "isBreached", (password: string) => inner.isBreached(password)) };
    },
  };
}
