import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  type LogEvent,
  type MailMessage,
  type SignupServiceOptions,
} from "signupkit";
import { createBcryptHasher } from "signupkit/bcrypt";
import { openTelemetry } from "signupkit/opentelemetry";
import { createMemoryMailer, createMemoryStore } from "signupkit/testing";

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

/** The real OpenTelemetry SDK with its in-memory exporters. */
export function createOtel() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry = openTelemetry({
    tracer: tracerProvider.getTracer("signupkit"),
    meter: meterProvider.getMeter("signupkit"),
  });
  return {
    telemetry,
    finishedSpans: (): ReadableSpan[] => spans.getFinishedSpans(),
    async metrics(): Promise<ResourceMetrics[]> {
      await reader.forceFlush();
      return metricExporter.getMetrics();
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

export const CONFIRM_URL = "https://app.example/confirm";
export const VERIFY_URL = "https://app.example/verify";

/** A service with a plain NEC tenant, an NEC tenant that confirms first, and an Auth0 tenant that verifies. */
export function observedService(overrides: Partial<SignupServiceOptions> = {}) {
  const logs: LogEvent[] = [];
  const mailer = createMemoryMailer();
  const store = createMemoryStore();
  const service = createSignupService({
    store,
    mailer,
    hasher: createBcryptHasher({ cost: 4 }),
    logger: (event) => logs.push(event),
    tenants: {
      plain: { policy: baasPolicy() },
      confirming: { policy: baasPolicy(), mail: { confirmation: true, confirmationUrl: CONFIRM_URL } },
      a0: { policy: auth0Policy(), mail: { verification: true, verificationUrl: VERIFY_URL } },
    },
    ...overrides,
  });
  return { service, logs, mailer, store };
}

/** The raw token of a mail's link. */
export function tokenOf(message: MailMessage | undefined): string {
  const token = message?.text.match(/token=([A-Za-z0-9_-]{43})/)?.[1];
  if (token === undefined) throw new Error("no token in mail");
  return token;
}
