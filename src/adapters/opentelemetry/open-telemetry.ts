import type { Attributes, Meter, Span, Tracer } from "@opentelemetry/api";
import type { Instrumentation, OperationTrace } from "../../observe/instrumentation.js";
import type { OperationOutcome } from "../../observe/outcome.js";
import { isPromiseLike } from "../../runtime/promise-like.js";

/** `SpanStatusCode.ERROR` of `@opentelemetry/api`, written out so that this module imports nothing from it at run time. */
const STATUS_ERROR = 2;

/** Outcomes that are the service's failure, not the caller's: their spans get the error status. */
const SERVER_FAILURES = new Set(["overloaded", "unavailable", "failed"]);

/** Options of {@link openTelemetry}: pass a tracer, a meter or both (what is left out is not recorded). */
export interface OpenTelemetryOptions {
  /** From `trace.getTracer("signupkit")` of `@opentelemetry/api` (or a `TracerProvider` of the SDK). */
  tracer?: Tracer | undefined;
  /** From `metrics.getMeter("signupkit")` of `@opentelemetry/api` (or a `MeterProvider` of the SDK). */
  meter?: Meter | undefined;
}

function outcomeAttributes(outcome: OperationOutcome): Attributes {
  const attributes: Attributes = { "signupkit.outcome": outcome.outcome };
  if (outcome.code !== undefined) attributes["signupkit.code"] = outcome.code;
  if (outcome.port !== undefined) attributes["signupkit.port"] = outcome.port;
  return attributes;
}

/**
 * OpenTelemetry for a signup service, through the optional peer `@opentelemetry/api` (this module only uses the
 * tracer and meter you pass; without them, or without the package, nothing is recorded).
 *
 * - A span per operation (`signupkit signup`, `signupkit confirm`, `signupkit verifyEmail`,
 *   `signupkit resendConfirmation`, `signupkit resendVerification`, `signupkit verifyCredentials`) with the
 *   attributes `signupkit.operation`, `signupkit.tenant` (configured tenants only), `signupkit.outcome`,
 *   `signupkit.code` and `signupkit.port`, plus `enduser.id` of the user; the error status for 5xx outcomes.
 * - A child span per store, hasher and mailer call (`signupkit store.insertUser`, `signupkit hasher.hash`,
 *   `signupkit mailer.send`, ...) with `signupkit.port` and `signupkit.method`; the error status and `error.type`
 *   (the error's class name) when it fails. Nesting needs the SDK's context manager (the Node SDK registers one).
 * - The histogram `signupkit.operation.duration` (seconds) and the counter `signupkit.operation.outcomes`, by
 *   operation, tenant and outcome (the counter also by code).
 *
 * Never recorded: passwords, hashes, tokens, field values, error messages, and email addresses unless the
 * service's `observeAddresses` is on (then as `user.email`).
 *
 * @example
 * import { metrics, trace } from "@opentelemetry/api";
 * import { openTelemetry } from "signupkit/opentelemetry";
 *
 * const service = createSignupService({
 *   store,
 *   tenants,
 *   telemetry: openTelemetry({ tracer: trace.getTracer("signupkit"), meter: metrics.getMeter("signupkit") }),
 * });
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Instrumentation {
  const { tracer, meter } = options;
  const duration = meter?.createHistogram("signupkit.operation.duration", {
    unit: "s",
    description:
      "Duration of signupkit operations (signup, confirm, verifyEmail, resends, verifyCredentials).",
  });
  const outcomes = meter?.createCounter("signupkit.operation.outcomes", {
    description: "signupkit operations by outcome (created, pending, rejected, conflict, unavailable, ...).",
  });

  return {
    startOperation(operation, tenant, email): OperationTrace {
      const attributes: Attributes = { "signupkit.operation": operation };
      if (tenant !== undefined) attributes["signupkit.tenant"] = tenant;
      let span: Span | undefined;
      return {
        run(fn) {
          if (tracer === undefined) return fn();
          const spanAttributes = email === undefined ? attributes : { ...attributes, "user.email": email };
          return tracer.startActiveSpan(
            `signupkit ${operation}`,
            { attributes: spanAttributes },
            (started) => {
              span = started;
              return fn();
            },
          );
        },
        end(outcome, durationMs) {
          const result = outcomeAttributes(outcome);
          if (span !== undefined) {
            span.setAttributes(result);
            if (outcome.userId !== undefined) span.setAttribute("enduser.id", outcome.userId);
            if (outcome.email !== undefined) span.setAttribute("user.email", outcome.email);
            if (SERVER_FAILURES.has(outcome.outcome)) span.setStatus({ code: STATUS_ERROR });
            span.end();
          }
          const metricAttributes = { ...attributes, "signupkit.outcome": outcome.outcome };
          duration?.record(durationMs / 1000, metricAttributes);
          outcomes?.add(1, { ...metricAttributes, ...result });
        },
      };
    },

    portCall(port, method, call) {
      if (tracer === undefined) return call();
      const attributes = { "signupkit.port": port, "signupkit.method": method };
      return tracer.startActiveSpan(`signupkit ${port}.${method}`, { attributes }, (span) => {
        const failed = (error: unknown) => {
          span.setStatus({ code: STATUS_ERROR });
          span.setAttribute("error.type", error instanceof Error ? error.name : typeof error);
          span.end();
        };
        let answer: ReturnType<typeof call>;
        try {
          answer = call();
        } catch (error) {
          failed(error);
          throw error;
        }
        if (!isPromiseLike(answer)) {
          span.end();
          return answer;
        }
        // A native promise in place of the answer, so that a foreign thenable is adopted once.
        const settled = Promise.resolve(answer);
        settled.then(() => span.end(), failed);
        return settled as typeof answer;
      });
    },
  };
}
