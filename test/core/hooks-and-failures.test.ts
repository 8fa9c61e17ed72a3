import { baasPolicy, createSignupService, SignupError } from "signupkit";
import { describe, expect, it } from "vitest";
import { makeService, rejection } from "./helpers.js";

const input = { email: "a@example.com", password: "Passw0rd" };

describe("hooks", () => {
  it("beforeCreate can reject with a SignupError, and nothing is stored or hashed", async () => {
    const { service, store, hashCount } = makeService({
      beforeCreate: () => {
        throw new SignupError("forbidden", { message: "Signups are closed." });
      },
    });
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect([error.status, error.code, error.message]).toEqual([403, "forbidden", "Signups are closed."]);
    expect(store.size.users).toBe(0);
    expect(hashCount()).toBe(0);
  });

  it("beforeCreate sees the context and may patch profile fields, never server-owned ones", async () => {
    const seen: unknown[] = [];
    const { service } = makeService({
      beforeCreate: (signup, context) => {
        seen.push(context.meta?.ip, signup.email);
        return { metadata: { source: "hook" }, emailVerified: true, enabled: false } as never;
      },
    });
    const result = await service.signup(input, { tenant: "t1", meta: { ip: "127.0.0.1" } });
    expect(seen).toEqual(["127.0.0.1", "a@example.com"]);
    if (result.status !== "created") throw new Error("expected a user");
    expect(result.user.metadata).toEqual({ source: "hook" });
    expect(result.user.emailVerified).toBe(false);
    expect(result.user.enabled).toBe(true);
  });

  it("a beforeCreate patch is checked against the policy again", async () => {
    const { service, store } = makeService({ beforeCreate: () => ({ metadata: "not an object" as never }) });
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect(error.code).toBe("invalid_input");
    expect(store.size.users).toBe(0);
  });

  it("afterCreate runs after commit; its failure keeps the user and goes to onError", async () => {
    const reported: [unknown, string][] = [];
    const { service, store } = makeService({
      afterCreate: async (user) => {
        expect(await store.getUser(user.id)).not.toBeNull();
        throw new Error("webhook down");
      },
      onError: (error, phase) => reported.push([error, phase]),
    });
    const result = await service.signup(input, { tenant: "t1" });
    expect(result.status).toBe("created");
    expect(store.size.users).toBe(1);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.[1]).toBe("afterCreate");
    expect(reported[0]?.[0]).toEqual(new Error("webhook down"));
  });
});

describe("dependency failures", () => {
  it("a failing store is a 503 unavailable with the cause kept", async () => {
    const { service, store } = makeService();
    const cause = new Error("connection refused");
    store.insertUser = () => Promise.reject(cause);
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
    expect(error.cause).toBe(cause);
  });

  it("a store that throws synchronously is a 503 too", async () => {
    const { service, store } = makeService();
    store.insertUser = () => {
      throw new Error("boom");
    };
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect(error.code).toBe("unavailable");
  });

  it("a failing hasher is a 503 and stores nothing", async () => {
    const { service, store } = makeService({
      hasher: { hash: () => Promise.reject(new Error("thread pool gone")), verify: async () => false },
    });
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
    expect(store.size.users).toBe(0);
  });

  it("a hasher answering with a thenable whose then() throws is a 503 and stores nothing", async () => {
    const cause = new Error("then exploded");
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: a broken foreign thenable is the case under test.
      then() {
        throw cause;
      },
    } as unknown as Promise<string>;
    const { service, store } = makeService({ hasher: { hash: () => broken, verify: async () => false } });
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
    expect(error.cause).toBe(cause);
    expect(store.size.users).toBe(0);
  });

  it("a hash slot is given back after a broken thenable, so the next signup is not refused", async () => {
    let calls = 0;
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: a broken foreign thenable is the case under test.
      then() {
        throw new Error("then exploded");
      },
    } as unknown as Promise<string>;
    const hash = () => (++calls === 1 ? broken : Promise.resolve("hash"));
    const { service } = makeService({
      hasher: { hash, verify: async () => false },
      maxConcurrentHashes: 1,
      maxQueuedHashes: 0,
    });
    expect(((await rejection(service.signup(input, { tenant: "t1" }))) as SignupError).code).toBe(
      "unavailable",
    );
    expect((await service.signup(input, { tenant: "t1" })).status).toBe("created");
  });

  it("a hanging store is bounded by the store timeout", async () => {
    const { service, store } = makeService({ timeouts: { store: 30 } });
    store.insertUser = () => new Promise(() => {});
    const error = (await rejection(service.signup(input, { tenant: "t1" }))) as SignupError;
    expect(error.code).toBe("unavailable");
    expect(String((error.cause as Error).message)).toMatch(/timed out/);
  });

  it("a full hash queue refuses at once with 503 overloaded and a retry hint", async () => {
    const release: (() => void)[] = [];
    const { service } = makeService({
      maxConcurrentHashes: 1,
      maxQueuedHashes: 2,
      hasher: {
        hash: () => new Promise<string>((resolve) => release.push(() => resolve("h"))),
        verify: async () => false,
      },
    });
    const running = [0, 1, 2].map((i) =>
      service.signup({ email: `q${i}@example.com`, password: "Passw0rd" }, { tenant: "t1" }),
    );
    const error = (await rejection(
      service.signup({ email: "q3@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    )) as SignupError;
    expect([error.status, error.code]).toEqual([503, "overloaded"]);
    expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    // Shed before validation: a body with a password is refused as overloaded even when it is invalid, while one
    // that needs no hash is still judged on its content.
    const shed = (await rejection(
      service.signup({ email: "not an address", password: "Passw0rd" }, { tenant: "t1" }),
    )) as SignupError;
    expect(shed.code).toBe("overloaded");
    const judged = (await rejection(
      service.signup({ email: "not an address" }, { tenant: "t1" }),
    )) as SignupError;
    expect(judged.code).toBe("invalid_input");
    const done = Promise.all(running);
    let settled = false;
    done.then(() => {
      settled = true;
    });
    while (!settled) {
      release.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect((await Promise.all(running)).map((r) => r.status)).toEqual(["created", "created", "created"]);
  });
});

describe("configuration", () => {
  it("throws invalid_config at creation for a mail without a mailer, a missing link URL, or no store", () => {
    const bad = [
      { t1: { policy: baasPolicy(), mail: { notification: true } } },
      { t1: { policy: baasPolicy(), mail: { confirmation: true } } },
    ];
    for (const tenants of bad) {
      const error = (() => {
        try {
          makeService({ tenants });
        } catch (e) {
          return e as SignupError;
        }
        throw new Error("expected invalid_config");
      })();
      expect([error.code, error.status]).toEqual(["invalid_config", 500]);
    }
    expect(() => createSignupService({ tenants: {} } as never)).toThrow(/store is required/);
  });
});
