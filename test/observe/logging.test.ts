import type { PasswordHasher, UserStore } from "signupkit";
import { createBcryptHasher } from "signupkit/bcrypt";
import { createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { rejection } from "../support/rejection.js";
import { observedService, tokenOf } from "./setup.js";

const PASSWORD = "Correct-Horse-7";
const meta = (requestId: string) => ({ meta: { requestId } });

describe("logger: one structured event per outcome", () => {
  it("created, conflict, rejected (field names and codes only), each with duration and the request id", async () => {
    const { service, logs } = observedService();
    const { user } = (await service.signup(
      { email: "taro@example.com", password: PASSWORD },
      { tenant: "plain", ...meta("r-1") },
    )) as { user: { id: string } };
    await rejection(
      service.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "plain", ...meta("r-2") }),
    );
    await rejection(
      service.signup(
        { email: "jiro@example.com", password: "x", "jiro@example.com": 1 },
        { tenant: "plain", ...meta("r-3") },
      ),
    );
    expect(logs).toHaveLength(3);
    expect(logs[0]).toEqual({
      level: "info",
      event: "signup.created",
      operation: "signup",
      outcome: "created",
      tenant: "plain",
      requestId: "r-1",
      userId: user.id,
      durationMs: expect.any(Number),
    });
    expect(logs[1]).toMatchObject({
      event: "signup.conflict",
      outcome: "conflict",
      code: "email_exists",
      requestId: "r-2",
    });
    expect(logs[2]).toMatchObject({
      event: "signup.rejected",
      outcome: "rejected",
      code: "invalid_input",
      requestId: "r-3",
    });
    const fields = logs[2]?.issues?.map((issue) => issue.field);
    expect(fields).toContain("password");
    expect(fields).toContain("other"); // the made-up property name is not repeated
    for (const event of logs) expect(event.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("pending, confirmed, then a rejected reuse of the token", async () => {
    const { service, logs, mailer } = observedService();
    await service.signup({ email: "hana@example.com", password: PASSWORD }, { tenant: "confirming" });
    const token = tokenOf(mailer.messages.at(-1));
    const { user } = await service.confirm(token, {
      tenant: "confirming",
      password: PASSWORD,
      ...meta("c-1"),
    });
    await rejection(service.confirm(token, { tenant: "confirming", password: PASSWORD }));
    expect(logs.map((e) => e.event)).toEqual(["signup.pending", "confirm.confirmed", "confirm.rejected"]);
    expect(logs[1]).toMatchObject({ userId: user.id, requestId: "c-1", tenant: "confirming" });
    expect(logs[2]).toMatchObject({ code: "invalid_token", level: "info" });
  });

  it("created with a verification mail, accepted resend, verified, and the credential check's outcomes", async () => {
    const { service, logs, mailer } = observedService();
    await service.signup({ email: "ken@example.com", password: PASSWORD }, { tenant: "a0" });
    await service.verifyCredentials({ tenant: "a0", email: "ken@example.com", password: PASSWORD });
    await service.resendVerification({ tenant: "a0" }, "nobody@example.com");
    await service.verifyEmail(tokenOf(mailer.messages.at(-1)), { tenant: "a0", password: PASSWORD });
    await service.verifyCredentials({
      tenant: "a0",
      email: "ken@example.com",
      password: PASSWORD,
      meta: { requestId: 7 },
    });
    await service.verifyCredentials({ tenant: "a0", email: "ken@example.com", password: "Wrong-Horse-7" });
    expect(logs.map((e) => [e.event, e.code])).toEqual([
      ["signup.created", undefined],
      ["verifyCredentials.denied", "email_unverified"],
      ["resendVerification.accepted", undefined],
      ["verifyEmail.verified", undefined],
      ["verifyCredentials.authenticated", undefined],
      ["verifyCredentials.denied", "invalid_credentials"],
    ]);
    expect(logs[4]?.requestId).toBe("7");
  });

  it("overloaded, and unavailable naming the port: store, hasher, mailer", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bcrypt = createBcryptHasher({ cost: 4 });
    const slow: PasswordHasher = {
      ...bcrypt,
      async hash(password) {
        await gate;
        return bcrypt.hash(password);
      },
    };
    const busy = observedService({ hasher: slow, maxConcurrentHashes: 1, maxQueuedHashes: 0 });
    const first = busy.service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" });
    await rejection(busy.service.signup({ email: "b@example.com", password: PASSWORD }, { tenant: "plain" }));
    release();
    await first;
    expect(busy.logs.map((e) => [e.event, e.level])).toEqual([
      ["signup.overloaded", "warn"],
      ["signup.created", "info"],
    ]);

    const inner = createMemoryStore();
    const down: UserStore = { ...inner, insertUser: () => Promise.reject(new Error("connection refused")) };
    const store = observedService({ store: down });
    await rejection(
      store.service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" }),
    );
    const failing: PasswordHasher = {
      hash: () => Promise.reject(new Error("x")),
      verify: () => Promise.reject(new Error("x")),
    };
    const hasher = observedService({ hasher: failing });
    await rejection(
      hasher.service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "plain" }),
    );
    const mail = observedService({ mailer: { send: () => Promise.reject(new Error("SMTP 451")) } });
    await rejection(
      mail.service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "confirming" }),
    );
    expect([...store.logs, ...hasher.logs, ...mail.logs]).toMatchObject([
      { event: "signup.unavailable", level: "error", code: "unavailable", port: "store" },
      { event: "signup.unavailable", level: "error", code: "unavailable", port: "hasher" },
      { event: "signup.unavailable", level: "error", code: "mail_unavailable", port: "mailer" },
    ]);
  });

  it("never names a tenant the service does not have, and a throwing logger fails nothing", async () => {
    const { service, logs } = observedService();
    await rejection(
      service.signup({ email: "a@example.com", password: PASSWORD }, { tenant: "made-up@example.com" }),
    );
    expect(logs).toEqual([expect.objectContaining({ event: "signup.rejected", code: "unknown_tenant" })]);
    expect(logs[0]).not.toHaveProperty("tenant");
    const throwing = observedService({
      logger: () => {
        throw new Error("log sink down");
      },
    });
    const result = await throwing.service.signup(
      { email: "a@example.com", password: PASSWORD },
      { tenant: "plain" },
    );
    expect(result.status).toBe("created");
  });
});
