import {
  baasPolicy,
  createSignupService,
  type InsertUserResult,
  type SignupError,
  type UserRecord,
} from "signupkit";
import { describe, expect, it } from "vitest";
import { makeService, rejection } from "./helpers.js";

const input = { email: "a@example.com", password: "Passw0rd" };
const context = { tenant: "t1" };

/** A thenable that is not a native promise: settles with `value`, or never when `value` is undefined. */
function thenable<T>(value?: T): PromiseLike<T> {
  return {
    // biome-ignore lint/suspicious/noThenProperty: the point of the object is to be a foreign thenable.
    then<R1 = T, R2 = never>(resolve?: ((v: T) => R1 | PromiseLike<R1>) | null): PromiseLike<R1 | R2> {
      if (value !== undefined) resolve?.(value);
      return thenable<R1 | R2>();
    },
  };
}

describe("stores that answer synchronously (MaybePromise ports)", () => {
  it("the memory store answers its user methods directly, with no promise per call", () => {
    const { store } = makeService();
    const record: UserRecord = {
      id: "01J0000000000000000000000S",
      tenant: "t1",
      emailVerified: false,
      metadata: {},
      clientCertUser: false,
      enabled: true,
      federated: false,
      primaryLinkedUserId: null,
      createdAt: "2024-01-01T00:00:00.000Z",
      updatedAt: "2024-01-01T00:00:00.000Z",
      etag: "e",
      email: "s@example.com",
      emailKey: "s@example.com",
    };
    expect(store.insertUser(record)).toEqual({ ok: true });
    expect(store.insertUser({ ...record, id: "other" })).toEqual({ ok: false, conflict: "email" });
    expect(store.getUser(record.id)).toStrictEqual(record);
    expect(store.findUserByEmail("t1", "s@example.com")).toStrictEqual(record);
    expect(store.findUserByUsername("t1", "nobody")).toBeNull();
  });

  it("a direct answer is used as it is: created, or the 409 it reports", async () => {
    const { service, store } = makeService();
    const answers: InsertUserResult[] = [];
    const insert = store.insertUser.bind(store);
    store.insertUser = (user) => {
      const answer = insert(user) as InsertUserResult;
      answers.push(answer);
      return answer;
    };
    expect((await service.signup(input, context)).status).toBe("created");
    const error = (await rejection(service.signup(input, context))) as SignupError;
    expect([error.status, error.code]).toEqual([409, "email_exists"]);
    expect(answers).toEqual([{ ok: true }, { ok: false, conflict: "email" }]);
  });

  it("a thenable that is not a native promise is awaited, and bounded by the store timeout", async () => {
    const ok = makeService();
    ok.store.insertUser = () => thenable<InsertUserResult>({ ok: true }) as Promise<InsertUserResult>;
    expect((await ok.service.signup(input, context)).status).toBe("created");

    const hanging = makeService({ timeouts: { store: 30 } });
    hanging.store.insertUser = () => thenable<InsertUserResult>() as Promise<InsertUserResult>;
    const error = (await rejection(hanging.service.signup(input, context))) as SignupError;
    expect(error.code).toBe("unavailable");
    expect(String((error.cause as Error).message)).toMatch(/timed out/);
  });

  it("a thenable whose then() throws is a 503 with the cause kept, not an escaped error", async () => {
    const { service, store } = makeService();
    const cause = new Error("then exploded");
    store.insertUser = () =>
      ({
        // biome-ignore lint/suspicious/noThenProperty: a broken foreign thenable is the case under test.
        then() {
          throw cause;
        },
      }) as unknown as Promise<InsertUserResult>;
    const error = (await rejection(service.signup(input, context))) as SignupError;
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
    expect(error.cause).toBe(cause);
  });

  it("any other store call that throws synchronously is a 503 with the cause kept", async () => {
    const { service, store } = makeService();
    const cause = new Error("disk gone");
    store.purgeExpired = () => {
      throw cause;
    };
    const error = (await rejection(service.purgeExpired())) as SignupError;
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
    expect(error.cause).toBe(cause);
  });

  it("a fully synchronous store of the host's own works through the service", async () => {
    const users = new Map<string, unknown>();
    const { store: base } = makeService();
    const service = createSignupService({
      store: {
        ...base,
        insertUser: (user) => {
          if (users.has(user.emailKey as string)) return { ok: false, conflict: "email" };
          users.set(user.emailKey as string, user);
          return { ok: true };
        },
      },
      tenants: { t1: { policy: baasPolicy() } },
      hasher: { hash: (password) => Promise.resolve(`h:${password.length}`), verify: async () => false },
    });
    const result = await service.signup(input, context);
    expect(result.status).toBe("created");
    expect(users.size).toBe(1);
    expect(JSON.stringify(result)).not.toContain("Passw0rd");
  });
});
