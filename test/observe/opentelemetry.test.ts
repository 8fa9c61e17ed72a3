import type { UserStore } from "signupkit";
import { createBcryptHasher } from "signupkit/bcrypt";
import { createMemoryStore } from "signupkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { rejection } from "../support/rejection.js";
import { createOtel, observedService, tokenOf } from "./setup.js";

const PASSWORD = "Correct-Horse-7";
let otel = createOtel();
afterEach(async () => {
  await otel.shutdown();
  otel = createOtel();
});

/** Data points of one metric, by name, from the in-memory exporter's last export. */
async function points(name: string) {
  const exported = await otel.metrics();
  const metrics = exported.at(-1)?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
  return metrics.find((metric) => metric.descriptor.name === name)?.dataPoints ?? [];
}

describe("OpenTelemetry (real SDK, in-memory exporters)", () => {
  it("a span per operation with tenant, outcome and code, and the port calls as its children", async () => {
    const { service } = observedService({ telemetry: otel.telemetry });
    const { user } = (await service.signup(
      { email: "taro@example.com", password: PASSWORD },
      { tenant: "plain" },
    )) as {
      user: { id: string };
    };
    await rejection(service.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "plain" }));
    const spans = otel.finishedSpans();
    const operations = spans.filter((span) => span.attributes["signupkit.operation"] === "signup");
    expect(
      operations.map((span) => [
        span.name,
        span.attributes["signupkit.outcome"],
        span.attributes["signupkit.code"],
      ]),
    ).toEqual([
      ["signupkit signup", "created", undefined],
      ["signupkit signup", "conflict", "email_exists"],
    ]);
    const [created, conflict] = operations;
    expect(created?.attributes).toMatchObject({ "signupkit.tenant": "plain", "enduser.id": user.id });
    const children = (parent: typeof created) =>
      spans
        .filter((span) => span.parentSpanContext?.spanId === parent?.spanContext().spanId)
        .map((span) => span.name);
    expect(children(created)).toEqual(["signupkit hasher.hash", "signupkit store.insertUser"]);
    expect(children(conflict)).toEqual(["signupkit hasher.hash", "signupkit store.insertUser"]);
    for (const span of spans) expect(span.spanContext().traceId).not.toBe(""); // all ended and exported
  });

  it("spans for confirm, verifyEmail, the resends and verifyCredentials, mailer calls included", async () => {
    const { service, mailer } = observedService({ telemetry: otel.telemetry });
    await service.signup({ email: "hana@example.com", password: PASSWORD }, { tenant: "confirming" });
    await service.resendConfirmation({ tenant: "confirming", password: PASSWORD }, "nobody@example.com");
    await service.confirm(tokenOf(mailer.messages.at(-1)), { tenant: "confirming", password: PASSWORD });
    await service.signup({ email: "ken@example.com", password: PASSWORD }, { tenant: "a0" });
    await service.resendVerification({ tenant: "a0" }, "ken@example.com").catch(() => undefined); // 429: too soon
    await service.verifyEmail(tokenOf(mailer.messages.at(-1)), { tenant: "a0", password: PASSWORD });
    await service.verifyCredentials({ tenant: "a0", email: "ken@example.com", password: PASSWORD });
    const spans = otel.finishedSpans();
    const roots = spans.filter((span) => span.parentSpanContext === undefined);
    expect(roots.map((span) => `${span.name} ${span.attributes["signupkit.outcome"]}`)).toEqual([
      "signupkit signup pending",
      "signupkit resendConfirmation accepted",
      "signupkit confirm confirmed",
      "signupkit signup created",
      "signupkit resendVerification rejected",
      "signupkit verifyEmail verified",
      "signupkit verifyCredentials authenticated",
    ]);
    const names = new Set(spans.map((span) => span.name));
    for (const name of ["signupkit mailer.send", "signupkit store.confirmClaim", "signupkit hasher.verify"]) {
      expect(names).toContain(name);
    }
    for (const span of spans.filter((s) => s.parentSpanContext !== undefined)) {
      expect(roots.map((root) => root.spanContext().spanId)).toContain(span.parentSpanContext?.spanId);
    }
  });

  it("a failing port: its span and the operation's get the error status; the operation says which port", async () => {
    const inner = createMemoryStore();
    const down: UserStore = { ...inner, insertUser: () => Promise.reject(new Error("connection refused")) };
    const { service } = observedService({ store: down, telemetry: otel.telemetry });
    await rejection(service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" }));
    const spans = otel.finishedSpans();
    const insert = spans.find((span) => span.name === "signupkit store.insertUser");
    expect(insert?.status.code).toBe(2);
    expect(insert?.attributes["error.type"]).toBe("Error");
    expect(insert?.status.message).toBeUndefined();
    const signup = spans.find((span) => span.name === "signupkit signup");
    expect(signup?.status.code).toBe(2);
    expect(signup?.attributes).toMatchObject({
      "signupkit.outcome": "unavailable",
      "signupkit.port": "store",
    });
  });

  it("a duration histogram and an outcome counter by operation, tenant and outcome", async () => {
    const { service } = observedService({ telemetry: otel.telemetry });
    await service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" });
    await service.signup({ email: "b@example.com", password: PASSWORD }, { tenant: "plain" });
    await rejection(service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" }));
    await rejection(service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "nope" }));
    const counts = (await points("signupkit.operation.outcomes")).map((point) => [
      point.attributes,
      point.value,
    ]);
    expect(counts).toEqual(
      expect.arrayContaining([
        [{ "signupkit.operation": "signup", "signupkit.tenant": "plain", "signupkit.outcome": "created" }, 2],
        [
          {
            "signupkit.operation": "signup",
            "signupkit.tenant": "plain",
            "signupkit.outcome": "conflict",
            "signupkit.code": "email_exists",
          },
          1,
        ],
        [
          {
            "signupkit.operation": "signup",
            "signupkit.outcome": "rejected",
            "signupkit.code": "unknown_tenant",
          },
          1,
        ],
      ]),
    );
    expect(counts).toHaveLength(3);
    const durations = await points("signupkit.operation.duration");
    const created = durations.find((point) => point.attributes["signupkit.outcome"] === "created");
    const histogram = created?.value as { count: number; sum: number } | undefined;
    expect(histogram?.count).toBe(2);
    expect(histogram?.sum).toBeGreaterThan(0);
  });

  it("traces the default hasher too, loaded on first use, and its needsRehash still answers", async () => {
    const store = createMemoryStore();
    const { service } = observedService({ store, hasher: undefined as never, telemetry: otel.telemetry });
    await service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" });
    expect((await store.findUserByEmail("plain", "a@example.com"))?.passwordHash).toMatch(/^\$2b\$10\$/);
    const id = (await store.findUserByEmail("plain", "a@example.com"))?.id as string;
    const result = await service.verifyCredentials({
      tenant: "plain",
      email: "a@example.com",
      password: PASSWORD,
    });
    expect(result).toMatchObject({ ok: true, needsRehash: false });
    // A hash of an older, cheaper cost: the default hasher (cost 10) asks for a rehash and gets it.
    const old = await createBcryptHasher({ cost: 4 }).hash(PASSWORD);
    expect(await store.replacePasswordHash(id, (await store.getUser(id))?.passwordHash as string, old)).toBe(
      true,
    );
    const upgraded = await service.verifyCredentials({
      tenant: "plain",
      email: "a@example.com",
      password: PASSWORD,
    });
    expect(upgraded).toMatchObject({ ok: true, needsRehash: true, rehashed: true });
    expect((await store.getUser(id))?.passwordHash).toMatch(/^\$2b\$10\$/);
    const names = otel.finishedSpans().map((span) => span.name);
    expect(names).toContain("signupkit hasher.hash");
    expect(names).toContain("signupkit hasher.verify");
  });

  it("without telemetry: no span, and the ports are called directly (no proxy on the hot path)", async () => {
    const calls: unknown[] = [];
    const inner = createMemoryStore();
    const store = {
      ...inner,
      insertUser(this: unknown, user: Parameters<UserStore["insertUser"]>[0]) {
        calls.push(this);
        return inner.insertUser(user);
      },
    };
    const { service } = observedService({ store });
    await service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" });
    expect(calls).toEqual([store]); // no proxy in between
    expect(otel.finishedSpans()).toEqual([]);
  });
});
