import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  type PasswordHasher,
  type SignupServiceOptions,
  type UserStore,
} from "signupkit";
import { createBcryptHasher } from "signupkit/bcrypt";
import { createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { rejection } from "../support/rejection.js";

const PASSWORD = "Correct-Horse-7";
const LONG = "a-very-long-passphrase-".repeat(4); // 92 bytes: stored as `$sk1$`

/** A hasher that counts its calls and remembers which hashes `verify` was asked to check. */
function counted(inner: PasswordHasher) {
  const calls = { hash: 0, verify: 0, verifiedAgainst: [] as string[] };
  const hasher: PasswordHasher = {
    hash: (password) => {
      calls.hash++;
      return inner.hash(password);
    },
    verify: (password, hash) => {
      calls.verify++;
      calls.verifiedAgainst.push(hash);
      return inner.verify(password, hash);
    },
    needsRehash: (hash) => inner.needsRehash?.(hash) ?? false,
  };
  return { hasher, calls };
}

function service(overrides: Partial<SignupServiceOptions> = {}) {
  return createSignupService({
    store: createMemoryStore(),
    hasher: createBcryptHasher({ cost: 4 }),
    tenants: { t1: { policy: baasPolicy() } },
    ...overrides,
  });
}

describe("verifyCredentials", () => {
  it("returns the user for the right password, by email in any case form or by username", async () => {
    const s = service();
    const created = await s.signup(
      { email: "Taro@Example.com", password: PASSWORD, username: "taro" },
      { tenant: "t1" },
    );
    expect(created.status).toBe("created");
    const byEmail = await s.verifyCredentials({
      tenant: "t1",
      email: "taro@EXAMPLE.com",
      password: PASSWORD,
    });
    expect(byEmail).toMatchObject({
      ok: true,
      needsRehash: false,
      rehashed: false,
      user: { email: "Taro@Example.com" },
    });
    expect(byEmail.ok && "passwordHash" in byEmail.user).toBe(false);
    const byName = await s.verifyCredentials({ tenant: "t1", username: "TARO", password: PASSWORD });
    expect(byName).toMatchObject({ ok: true, user: { username: "taro" } });
  });

  it("answers invalid_credentials alike for a wrong password, an unknown identifier, another tenant and a user without a password", async () => {
    const store = createMemoryStore();
    const s = service({ store, tenants: { t1: { policy: baasPolicy() }, t2: { policy: baasPolicy() } } });
    await s.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "t1" });
    await s.signup({ username: "device-1", clientCertUser: true }, { tenant: "t1", master: true });
    const fails = [
      await s.verifyCredentials({ tenant: "t1", email: "taro@example.com", password: "Wrong-Horse-7" }),
      await s.verifyCredentials({ tenant: "t1", email: "nobody@example.com", password: PASSWORD }),
      await s.verifyCredentials({ tenant: "t2", email: "taro@example.com", password: PASSWORD }),
      await s.verifyCredentials({ tenant: "t1", username: "device-1", password: PASSWORD }),
    ];
    for (const result of fails) expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("does the same hasher and store work for an unknown identifier as for a wrong password (one verify, against a hash of the current parameters)", async () => {
    const { hasher, calls } = counted(createBcryptHasher({ cost: 5 }));
    const lookups: string[] = [];
    const inner = createMemoryStore();
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          lookups.push(String(property));
          return value.apply(target, args);
        };
      },
    }) as UserStore;
    const s = service({ store, hasher });
    await s.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "t1" });
    // The first unknown identifier makes the dummy hash, once per service.
    await s.verifyCredentials({ tenant: "t1", email: "warm-up@example.com", password: PASSWORD });
    const work = async (email: string) => {
      const before = { hash: calls.hash, verify: calls.verify, lookups: lookups.length };
      const result = await s.verifyCredentials({ tenant: "t1", email, password: "Wrong-Horse-7" });
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
      return {
        hash: calls.hash - before.hash,
        verify: calls.verify - before.verify,
        lookups: lookups.slice(before.lookups),
        against: calls.verifiedAgainst.at(-1) as string,
      };
    };
    const wrongPassword = await work("taro@example.com");
    const unknown = await work("nobody@example.com");
    const unknownAgain = await work("someone-else@example.com");
    expect(wrongPassword).toMatchObject({ hash: 0, verify: 1, lookups: ["findUserByEmail"] });
    expect(unknown).toMatchObject({ hash: 0, verify: 1, lookups: ["findUserByEmail"] });
    expect(unknownAgain.against).toBe(unknown.against); // computed once, then reused
    // The dummy is a hash of the hasher's current cost and scheme, like the real user's.
    expect(unknown.against).toMatch(/^\$2b\$05\$/);
    expect(hasher.needsRehash?.(unknown.against)).toBe(false);
    expect(wrongPassword.against.slice(0, 7)).toBe(unknown.against.slice(0, 7));
  });

  it("reports needsRehash after a cost change and replaces the hash (compare-and-set), once", async () => {
    const store = createMemoryStore();
    const before = service({ store, hasher: createBcryptHasher({ cost: 4 }) });
    const created = await before.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "t1" });
    if (created.status !== "created") throw new Error("not created");
    const stored = (await store.getUser(created.user.id))?.passwordHash as string;
    expect(stored).toMatch(/^\$2b\$04\$/);

    const after = service({ store, hasher: createBcryptHasher({ cost: 5 }) });
    const first = await after.verifyCredentials({
      tenant: "t1",
      email: "taro@example.com",
      password: PASSWORD,
    });
    expect(first).toMatchObject({ ok: true, needsRehash: true, rehashed: true });
    const upgraded = (await store.getUser(created.user.id))?.passwordHash as string;
    expect(upgraded).toMatch(/^\$2b\$05\$/);
    const second = await after.verifyCredentials({
      tenant: "t1",
      email: "taro@example.com",
      password: PASSWORD,
    });
    expect(second).toMatchObject({ ok: true, needsRehash: false, rehashed: false });
    expect((await store.getUser(created.user.id))?.passwordHash).toBe(upgraded);
  });

  it("upgrades a `$sk1$` pre-hashed password to the new cost, still pre-hashed", async () => {
    const store = createMemoryStore();
    const before = service({ store, hasher: createBcryptHasher({ cost: 4 }) });
    await before.signup({ email: "long@example.com", password: LONG }, { tenant: "t1" });
    const id = (await store.findUserByEmail("t1", "long@example.com"))?.id as string;
    expect((await store.getUser(id))?.passwordHash).toMatch(/^\$sk1\$\$2b\$04\$/);
    const after = service({ store, hasher: createBcryptHasher({ cost: 5 }) });
    const result = await after.verifyCredentials({ tenant: "t1", email: "long@example.com", password: LONG });
    expect(result).toMatchObject({ ok: true, needsRehash: true, rehashed: true });
    expect((await store.getUser(id))?.passwordHash).toMatch(/^\$sk1\$\$2b\$05\$/);
    expect(
      await after.verifyCredentials({ tenant: "t1", email: "long@example.com", password: LONG }),
    ).toMatchObject({
      ok: true,
      needsRehash: false,
    });
    // The 72-byte prefix alone does not log in.
    const prefix = new TextDecoder().decode(new TextEncoder().encode(LONG).slice(0, 72));
    expect(
      await after.verifyCredentials({ tenant: "t1", email: "long@example.com", password: prefix }),
    ).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });

  it("leaves the hash alone with rehash: false, and when the password changed meanwhile", async () => {
    const store = createMemoryStore();
    await service({ store }).signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "t1" });
    const id = (await store.findUserByEmail("t1", "taro@example.com"))?.id as string;
    const old = (await store.getUser(id))?.passwordHash as string;
    const cost5 = createBcryptHasher({ cost: 5 });
    const asked = await service({ store, hasher: cost5 }).verifyCredentials({
      tenant: "t1",
      email: "taro@example.com",
      password: PASSWORD,
      rehash: false,
    });
    expect(asked).toMatchObject({ ok: true, needsRehash: true, rehashed: false });
    expect((await store.getUser(id))?.passwordHash).toBe(old);

    // Another request changes the password while this login computes the fresh hash: that change wins.
    const changedMeanwhile = "$2b$05$ABCDEFGHIJKLMNOPQRSTUuYcWmfbnYm3z0VuSVUK9J2P3QdI5mCXe";
    const racing: PasswordHasher = {
      ...cost5,
      async hash(password) {
        await store.replacePasswordHash(id, old, changedMeanwhile);
        return cost5.hash(password);
      },
    };
    const raced = await service({ store, hasher: racing }).verifyCredentials({
      tenant: "t1",
      email: "taro@example.com",
      password: PASSWORD,
    });
    expect(raced).toMatchObject({ ok: true, needsRehash: true, rehashed: false });
    expect((await store.getUser(id))?.passwordHash).toBe(changedMeanwhile);
  });

  it("tells email_unverified and disabled only after the password matched", async () => {
    const store = createMemoryStore();
    const s = service({
      store,
      mailer: createMemoryMailer(),
      tenants: {
        a0: {
          policy: auth0Policy(),
          mail: { verification: true, verificationUrl: "https://app.example/verify" },
        },
      },
    });
    await s.signup({ email: "taro@example.com", password: PASSWORD }, { tenant: "a0" });
    const check = (password: string) =>
      s.verifyCredentials({ tenant: "a0", email: "taro@example.com", password });
    expect(await check(PASSWORD)).toEqual({ ok: false, reason: "email_unverified" });
    expect(await check("Wrong-Horse-7")).toEqual({ ok: false, reason: "invalid_credentials" });

    const id = (await store.findUserByEmail("a0", "taro@example.com"))?.id as string;
    const user = await store.getUser(id);
    await store.insertUser({
      ...(user as NonNullable<typeof user>),
      id: "off",
      email: "off@example.com",
      emailKey: "off@example.com",
      emailVerified: true,
      enabled: false,
    });
    const off = (password: string) =>
      s.verifyCredentials({ tenant: "a0", email: "off@example.com", password });
    expect(await off(PASSWORD)).toEqual({ ok: false, reason: "disabled" });
    expect(await off("Wrong-Horse-7")).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("refuses malformed input with 400 and an unknown tenant with 404, looking nothing up", async () => {
    const s = service();
    const bad = [
      { tenant: "t1", password: PASSWORD },
      { tenant: "t1", email: "a@example.com", username: "a", password: PASSWORD },
      { tenant: "t1", email: "", password: PASSWORD },
      { tenant: "t1", email: "a@example.com", password: "" },
      { tenant: "t1", email: "a@example.com", password: 42 },
      { tenant: "t1", email: "a@example.com", password: "x".repeat(5000) },
    ];
    for (const input of bad) {
      expect(await rejection(s.verifyCredentials(input as never))).toMatchObject({
        code: "invalid_input",
        status: 400,
      });
    }
    expect(
      await rejection(s.verifyCredentials({ tenant: "nope", email: "a@example.com", password: PASSWORD })),
    ).toMatchObject({
      code: "unknown_tenant",
    });
  });

  it("fails with 503 naming the port when the store or the hasher fails", async () => {
    const store = createMemoryStore();
    const broken = { ...store, findUserByEmail: () => Promise.reject(new Error("connection refused")) };
    const failing: PasswordHasher = {
      hash: () => Promise.reject(new Error("x")),
      verify: () => Promise.reject(new Error("x")),
    };
    const cases = [
      [{ store: broken }, "store"],
      [{ hasher: failing }, "hasher"],
    ] as const;
    for (const [options, port] of cases) {
      const input = { tenant: "t1", email: "a@example.com", password: PASSWORD };
      expect(await rejection(service(options).verifyCredentials(input))).toMatchObject({
        code: "unavailable",
        port,
      });
    }
  });
});
