import type { OperationName, OperationOutcome } from "./outcome.js";

/** A port whose calls are traced. */
export type TracedPort = "store" | "hasher" | "mailer";

/** One running service operation, as an {@link Instrumentation} tracks it. */
export interface OperationTrace {
  /** Runs `fn` with this operation as the current context, so that the port calls inside nest under it. */
  run<T>(fn: () => T): T;
  /** Ends the operation: its outcome (codes and names only) and how long it took. */
  end(outcome: OperationOutcome, durationMs: number): void;
}

/**
 * Receives every operation and port call of a service, e.g. to make OpenTelemetry spans and metrics
 * (`openTelemetry()` from `signupkit/opentelemetry`). Nothing secret is passed: no password, hash, token or (unless
 * the service's `observeAddresses` is on) address.
 */
export interface Instrumentation {
  /**
   * An operation starts; `tenant` is set only for a configured tenant (never a client's made-up id), `email` only
   * when the service's `observeAddresses` is on.
   */
  startOperation(
    operation: OperationName,
    tenant: string | undefined,
    email: string | undefined,
  ): OperationTrace;
  /**
   * Runs one port call (`call` returns its answer, a promise or a value) and traces it under the current
   * operation. Must return what `call` returns, and rethrow what it throws.
   */
  portCall<T>(port: TracedPort, method: string, call: () => T): T;
}
