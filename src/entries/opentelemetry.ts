/**
 * `signupkit/opentelemetry`: traces and metrics of a signup service through `@opentelemetry/api` (an optional
 * peer dependency: this entry imports nothing from it at run time, it uses the tracer and meter you pass).
 *
 * @example
 * import { metrics, trace } from "@opentelemetry/api";
 * import { openTelemetry } from "signupkit/opentelemetry";
 *
 * const telemetry = openTelemetry({ tracer: trace.getTracer("signupkit"), meter: metrics.getMeter("signupkit") });
 *
 * @module
 */
export { type OpenTelemetryOptions, openTelemetry } from "../adapters/opentelemetry/open-telemetry.js";
export type { Instrumentation, OperationTrace, TracedPort } from "../observe/instrumentation.js";
