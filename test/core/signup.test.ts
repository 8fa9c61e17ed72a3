import { isSignupError, type SignupError } from "signupkit";
import { describe, expect, it } from "vitest";
import { makeService, rejection } from "./helpers.js";

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

async function created(promise: Promise<unknown>) {
  const result = (await promise) as { status: string; user: Record<string, unknown> };
  expect(result.status).toBe("created");
  return result.user;
}

describe("signup: the created user", () => {
  it("carries every server-owned field and no password material", async () => {
    const { service } = makeService();
    const user = await created(
      service.signup(
        { username: "tarou", email: "nichiden.tarou@example.com", password: "Passw0rd", metadata: { a: 1 } },
        { tenant: "t1" },
      ),
    );
    expect(user).toMatchObject({
      tenant: "t1",
      username: "tarou",
      email: "nichiden.tarou@example.com",
      emailVerified: false,
      metadata: { a: 1 },
      clientCertUser: false,
      enabled: true,
      federated: false,
      primaryLinkedUserId: null,
    });
    expect(user.id).toMatch(ULID);
    expect(user.createdAt).toMatch(ISO_MS);
    expect(user.updatedAt).toBe(user.createdAt);
    expect(typeof user.etag).toBe("string");
    const serialized = JSON.stringify(user);
    expect(serialized).not.toContain("Passw0rd");
    expect(Object.keys(user)).not.toEqual(expect.arrayContaining(["passwordHash"]));
    expect(serialized).not.toMatch(/insecure-sha256|passwordHash|emailKey|usernameKey/);
  });

  it("stores the hash, not the password, and the returned user is a copy", async () => {
    const { service, store, hasher } = makeService();
    const user = await created(
      service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    );
    const stored = await store.getUser(user.id as string);
    expect(stored?.passwordHash).toBeDefined();
    expect(stored?.passwordHash).not.toContain("Passw0rd");
    expect(await hasher.verify("Passw0rd", stored?.passwordHash as string)).toBe(true);
    (user.metadata as Record<string, unknown>).x = 1;
    expect((await store.getUser(user.id as string))?.metadata).toEqual({});
  });

  it("gives each user a fresh etag and uses the injected clock and id generator", async () => {
    let n = 0;
    const { service } = makeService({
      now: () => new Date(Date.UTC(2013, 7, 27, 4, 37, 30)),
      generateId: () => `id-${++n}`,
    });
    const a = await created(
      service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    );
    const b = await created(
      service.signup({ email: "b@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    );
    expect(a.createdAt).toBe("2013-08-27T04:37:30.000Z");
    expect([a.id, b.id]).toEqual(["id-1", "id-2"]);
    expect(a.etag).not.toBe(b.etag);
  });
});

describe("signup: NEC username", () => {
  it("draws 8 random letters and digits when omitted, all distinct", async () => {
    const { service } = makeService();
    const names = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const user = await created(
        service.signup({ email: `u${i}@example.com`, password: "Passw0rd" }, { tenant: "t1" }),
      );
      expect(user.username).toMatch(/^[A-Za-z0-9]{8}$/);
      names.add(user.username as string);
    }
    expect(names.size).toBe(300);
  });

  it("draws again when the random username collides", async () => {
    const { service, store } = makeService();
    let conflicts = 0;
    const insertUser = store.insertUser;
    store.insertUser = async (user) => {
      if (conflicts < 2) {
        conflicts++;
        return { ok: false, conflict: "username" };
      }
      return insertUser(user);
    };
    const user = await created(
      service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    );
    expect(conflicts).toBe(2);
    expect(user.username).toMatch(/^[A-Za-z0-9]{8}$/);
  });
});

describe("signup: 409 conflicts", () => {
  it("rejects an email taken in the tenant, in any letter case, and allows it in another tenant", async () => {
    const { service } = makeService();
    await service.signup({ email: "Taro@Example.com", password: "Passw0rd" }, { tenant: "t1" });
    for (const email of ["taro@example.com", "TARO@EXAMPLE.COM", "Taro@Example.com"]) {
      const error = (await rejection(
        service.signup({ email, password: "Passw0rd" }, { tenant: "t1" }),
      )) as SignupError;
      expect([error.status, error.code]).toEqual([409, "email_exists"]);
    }
    await created(service.signup({ email: "taro@example.com", password: "Passw0rd" }, { tenant: "t2" }));
  });

  it("rejects a username taken in the tenant, in any letter case", async () => {
    const { service } = makeService();
    await service.signup(
      { username: "Tarou", email: "a@example.com", password: "Passw0rd" },
      { tenant: "t1" },
    );
    const error = (await rejection(
      service.signup({ username: "tAROU", email: "b@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    )) as SignupError;
    expect([error.status, error.code]).toEqual([409, "username_exists"]);
  });

  it("rejects an id taken in any tenant", async () => {
    const { service } = makeService();
    const master = { master: true };
    await service.signup(
      { id: "52116f01ac521e1742000001", email: "a@example.com", password: "Passw0rd" },
      { tenant: "t1", ...master },
    );
    const error = (await rejection(
      service.signup(
        { id: "52116f01ac521e1742000001", email: "b@example.com", password: "Passw0rd" },
        { tenant: "t2", ...master },
      ),
    )) as SignupError;
    expect([error.status, error.code]).toEqual([409, "id_exists"]);
  });

  it("1,000 concurrent signups with one email in mixed cases give exactly one user", async () => {
    const { service, store } = makeService({ maxQueuedHashes: 1000 });
    const variants = ["race@example.com", "RACE@example.com", "Race@Example.Com", "race@EXAMPLE.COM"];
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) =>
        service.signup({ email: variants[i % variants.length], password: "Passw0rd" }, { tenant: "t1" }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as SignupError).code] : []));
    expect(ok).toHaveLength(1);
    expect(codes).toHaveLength(999);
    expect(new Set(codes)).toEqual(new Set(["email_exists"]));
    expect(store.size.users).toBe(1);
  });
});

describe("signup: master key, ACL and tenants", () => {
  it("allows an id only with the master key", async () => {
    const { service, store } = makeService();
    const error = (await rejection(
      service.signup({ id: "custom-1", email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    )) as SignupError;
    expect([error.status, error.code]).toEqual([403, "forbidden"]);
    expect(store.size.users).toBe(0);
    const user = await created(
      service.signup(
        { id: "custom-1", email: "a@example.com", password: "Passw0rd" },
        { tenant: "t1", master: true },
      ),
    );
    expect(user.id).toBe("custom-1");
  });

  it("refuses anonymous signup where the _USERS create ACL is off, but not the master key", async () => {
    const { service } = makeService();
    const error = (await rejection(
      service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "closed" }),
    )) as SignupError;
    expect([error.status, error.code]).toEqual([403, "forbidden"]);
    await created(
      service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "closed", master: true }),
    );
  });

  it("answers 404 for an unknown tenant", async () => {
    const { service } = makeService();
    for (const tenant of ["nope", "__proto__", "constructor"]) {
      const error = (await rejection(
        service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant }),
      )) as SignupError;
      expect([error.status, error.code]).toEqual([404, "unknown_tenant"]);
    }
  });
});

describe("signup: clientCertUser", () => {
  it("needs a username, no email or password, and hashes nothing", async () => {
    const { service, store, hashCount } = makeService();
    const user = await created(
      service.signup({ username: "device-01", clientCertUser: true }, { tenant: "t1", master: true }),
    );
    expect(user).toMatchObject({ username: "device-01", clientCertUser: true });
    expect(user.email).toBeUndefined();
    expect(hashCount()).toBe(0);
    expect((await store.getUser(user.id as string))?.passwordHash).toBeUndefined();
    const error = (await rejection(
      service.signup({ clientCertUser: true }, { tenant: "t1", master: true }),
    )) as SignupError;
    expect(error.code).toBe("invalid_input");
    expect(error.issues.map((i) => i.field)).toContain("username");
  });
});

describe("signup: Auth0 connection", () => {
  it("stores email and username lower-cased", async () => {
    const { service } = makeService();
    const user = await created(
      service.signup(
        { email: "Mixed.Case@Example.COM", username: "MiXeD", password: "Str0ng!Passw0rd#" },
        { tenant: "auth0-username" },
      ),
    );
    expect([user.email, user.username]).toEqual(["mixed.case@example.com", "mixed"]);
  });

  it("rejects a signup without a username where the connection requires one", async () => {
    const { service } = makeService();
    const error = (await rejection(
      service.signup({ email: "a@example.com", password: "Str0ng!Passw0rd#" }, { tenant: "auth0-username" }),
    )) as SignupError;
    expect(error.code).toBe("invalid_input");
    expect(error.issues).toContainEqual(expect.objectContaining({ field: "username", code: "required" }));
  });

  it("keeps profile fields and metadata", async () => {
    const { service } = makeService();
    const user = await created(
      service.signup(
        {
          email: "a@example.com",
          password: "Str0ng!Passw0rd#",
          givenName: "Taro",
          familyName: "Nichiden",
          name: "Taro Nichiden",
          nickname: "tarou",
          picture: "https://example.com/t.png",
          phoneNumber: "+81312345678",
          metadata: { color: "blue" },
        },
        { tenant: "auth0" },
      ),
    );
    expect(user).toMatchObject({
      givenName: "Taro",
      familyName: "Nichiden",
      name: "Taro Nichiden",
      nickname: "tarou",
      picture: "https://example.com/t.png",
      phoneNumber: "+81312345678",
      metadata: { color: "blue" },
    });
  });
});

describe("signup: bad input changes nothing", () => {
  it("reports every violation at once, stores nothing and hashes nothing", async () => {
    const { service, store, hashCount } = makeService();
    const error = await rejection(
      service.signup(
        { username: "a:b", email: "not-an-email", password: "short", extra: 1 },
        { tenant: "t1" },
      ),
    );
    expect(isSignupError(error)).toBe(true);
    const e = error as SignupError;
    expect([e.status, e.code]).toEqual([400, "invalid_input"]);
    expect(new Set(e.issues.map((i) => i.field))).toEqual(
      new Set(["username", "email", "password", "extra"]),
    );
    expect(store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(hashCount()).toBe(0);
  });

  it("never takes server-owned fields from input", async () => {
    const { service, store } = makeService();
    for (const field of ["emailVerified", "enabled", "federated", "createdAt", "etag", "passwordHash"]) {
      const error = (await rejection(
        service.signup({ email: "a@example.com", password: "Passw0rd", [field]: true }, { tenant: "t1" }),
      )) as SignupError;
      expect(error.code).toBe("invalid_input");
    }
    expect(store.size.users).toBe(0);
  });

  it("does not let __proto__ or constructor in metadata pollute anything", async () => {
    const { service } = makeService();
    const body = JSON.parse(
      '{"email":"p@example.com","password":"Passw0rd","metadata":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}',
    );
    await service.signup(body, { tenant: "t1" }).catch(() => undefined);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
