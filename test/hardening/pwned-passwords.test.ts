import { readdirSync, readFileSync } from "node:fs";
import {
  auth0Policy,
  createPwnedPasswordsCheck,
  createSignupService,
  isSignupError,
  PwnedPasswordsError,
} from "signupkit";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { type RangeServer, sha1, startRangeServer } from "./range-server.js";
import { rejection } from "./world.js";

const BREACHED = "Tr0ub4dor&3";
const OFTEN = "Summer-2024!";
const CLEAN = "yH7#qL9!vZ2@wX";
const PADDED = "padding-only-Pw1";

let server: RangeServer;
beforeAll(async () => {
  server = await startRangeServer();
  server.add(BREACHED, 42);
  server.add(OFTEN, 3);
  server.add(PADDED, 0);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.mode = "ok";
  server.resetPeak();
});

const check = (options: Parameters<typeof createPwnedPasswordsCheck>[0] = {}) =>
  createPwnedPasswordsCheck({ baseUrl: server.baseUrl, cache: false, ...options });

describe("createPwnedPasswordsCheck against a local range API", () => {
  it("finds a breached password and passes a clean one", async () => {
    const pwned = check();
    expect(await pwned.isBreached(BREACHED)).toBe(true);
    expect(await pwned.isBreached(CLEAN)).toBe(false);
  });

  it("ignores padding entries (count 0)", async () => {
    expect(await check().isBreached(PADDED)).toBe(false);
  });

  it("applies minCount", async () => {
    expect(await check().isBreached(OFTEN)).toBe(true);
    expect(await check({ minCount: 3 }).isBreached(OFTEN)).toBe(true);
    expect(await check({ minCount: 4 }).isBreached(OFTEN)).toBe(false);
  });

  it("accepts lower-case hex in the response", async () => {
    server.mode = "lower-case";
    expect(await check().isBreached(BREACHED)).toBe(true);
  });

  it("sends only the 5-character prefix: the server never sees the password, the full hash or the suffix", async () => {
    const pwned = check();
    for (const password of [BREACHED, CLEAN, PADDED, "\u30D1\u30B9\u30EF\u30FC\u30C9-\u{1F511}"]) {
      await pwned.isBreached(password);
    }
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(request.method).toBe("GET");
      expect(request.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
      expect(request.headers["add-padding"]).toBe("true");
      expect(request.body).toBe("");
    }
    const seen = JSON.stringify(server.requests).toUpperCase();
    for (const password of [BREACHED, CLEAN, PADDED]) {
      expect(seen).not.toContain(password.toUpperCase());
      expect(seen).not.toContain(sha1(password).slice(5));
      expect(seen).not.toContain(sha1(password).slice(4));
    }
    expect(server.requests[0]?.url).toBe(`/range/${sha1(BREACHED).slice(0, 5)}`);
  });

  it("keeps a base path and drops trailing slashes of baseUrl", async () => {
    await createPwnedPasswordsCheck({ baseUrl: `${server.baseUrl}/mirror//`, cache: false }).isBreached(
      BREACHED,
    );
    expect(server.requests[0]?.url).toBe(`/mirror/range/${sha1(BREACHED).slice(0, 5)}`);
  });

  it("answers a repeated prefix from the cache, and asks again after the TTL or an eviction", async () => {
    let clock = 0;
    const pwned = createPwnedPasswordsCheck({
      baseUrl: server.baseUrl,
      cache: { maxEntries: 2, ttlMs: 1_000 },
      now: () => clock,
    });
    expect(await pwned.isBreached(BREACHED)).toBe(true);
    expect(await pwned.isBreached(BREACHED)).toBe(true);
    expect(server.requests).toHaveLength(1);
    clock = 1_000;
    expect(await pwned.isBreached(BREACHED)).toBe(true);
    expect(server.requests).toHaveLength(2);
    await pwned.isBreached(CLEAN);
    await pwned.isBreached(OFTEN); // evicts the least recently used prefix (BREACHED's)
    await pwned.isBreached(OFTEN);
    expect(server.requests).toHaveLength(4);
    await pwned.isBreached(BREACHED);
    expect(server.requests).toHaveLength(5);
  });

  it("shares one request between concurrent lookups of one prefix", async () => {
    // Each lookup hashes first (crypto.subtle, on the thread pool); on a busy machine one digest can finish after a
    // quick answer to another lookup. The request is held until all five digests are done, so the five lookups
    // really are concurrent, and only then goes to the server.
    let digested = 0;
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, "digest").mockImplementation(async (algorithm, data) => {
      const result = await digest(algorithm, data);
      digested++;
      return result;
    });
    try {
      const pwned = check({
        fetch: async (url, init) => {
          while (digested < 5) await new Promise((resolve) => setImmediate(resolve));
          await new Promise((resolve) => setImmediate(resolve));
          return fetch(url, init);
        },
      });
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => pwned.isBreached(BREACHED)));
      expect(answers).toEqual([true, true, true, true, true]);
      expect(server.requests).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("uses the fetch it is given", async () => {
    const urls: string[] = [];
    const pwned = check({
      fetch: async (url) => {
        urls.push(url);
        return { ok: true, status: 200, text: async () => `${sha1(CLEAN).slice(5)}:7\n` };
      },
    });
    expect(await pwned.isBreached(CLEAN)).toBe(true);
    expect(urls).toEqual([`${server.baseUrl}/range/${sha1(CLEAN).slice(0, 5)}`]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("bounds", () => {
  it("stops reading an endless body at 1 MiB and closes the connection", async () => {
    server.mode = "endless";
    const before = server.endlessBytes;
    const error = await rejection(check({ timeoutMs: 10_000 }).isBreached(BREACHED));
    expect(error).toBeInstanceOf(PwnedPasswordsError);
    expect(String(error)).toMatch(/too large/);
    // The connection was closed: the server stops writing soon after the limit (socket buffers aside).
    await vi.waitFor(() => expect(server.inFlight).toBe(0), { timeout: 5_000 });
    expect(server.endlessBytes - before).toBeLessThan(16 * 1024 * 1024);
  });

  it("runs at most maxConcurrentLookups range requests at once; the rest wait for a slot", async () => {
    server.mode = "slow";
    const pwned = check({ maxConcurrentLookups: 3 });
    const passwords = Array.from({ length: 40 }, (_, i) => `distinct-${i}-password`);
    const answers = await Promise.all(passwords.map((p) => pwned.isBreached(p)));
    expect(answers.every((answer) => answer === false)).toBe(true);
    expect(server.requests).toHaveLength(40);
    expect(server.peakInFlight).toBe(3);
  });

  it("a lookup waiting for a slot does not reach the server, and still times out", async () => {
    server.mode = "hang";
    const pwned = check({ timeoutMs: 400, maxConcurrentLookups: 1 });
    const pending = ["one-password-1", "two-password-2"].map((p) => rejection(pwned.isBreached(p)));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.requests).toHaveLength(1);
    const errors = await Promise.all(pending);
    expect(errors.map(String)).toEqual([
      expect.stringMatching(/timed out/),
      expect.stringMatching(/timed out/),
    ]);
  });

  it("bounds concurrent lookups by default (8)", async () => {
    server.mode = "slow";
    const pwned = check();
    const passwords = Array.from({ length: 30 }, (_, i) => `default-bound-${i}`);
    await Promise.all(passwords.map((p) => pwned.isBreached(p)));
    const urls = new Set(passwords.map((p) => `/range/${sha1(p).slice(0, 5)}`));
    expect(server.requests.filter((r) => urls.has(r.url))).toHaveLength(30);
    expect(server.peakInFlight).toBe(8);
  });
});

describe("when the range API fails", () => {
  const failures: [string, () => void, Parameters<typeof check>[0]][] = [
    ["answers 500", () => (server.mode = "error-500"), {}],
    ["does not answer within timeoutMs", () => (server.mode = "hang"), { timeoutMs: 100 }],
    ["answers something that is not a range", () => (server.mode = "garbage"), {}],
    ["cannot be reached", () => {}, { baseUrl: "http://127.0.0.1:1" }],
  ];

  it.each(failures)("fails closed by default when it %s", async (_name, arrange, options) => {
    arrange();
    const error = await rejection(check(options).isBreached(BREACHED));
    expect(error).toBeInstanceOf(PwnedPasswordsError);
    const shown = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
    expect(shown).not.toContain(BREACHED);
    expect(shown).not.toContain(sha1(BREACHED).slice(0, 5));
  });

  it.each(failures)("fails open on request when it %s, and reports why", async (_name, arrange, options) => {
    arrange();
    const reported: unknown[] = [];
    const pwned = check({ ...options, failure: "open", onError: (error) => reported.push(error) });
    expect(await pwned.isBreached(BREACHED)).toBe(false);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(PwnedPasswordsError);
  });

  it("times out a fetch that ignores its abort signal", async () => {
    const pwned = check({ timeoutMs: 50, fetch: () => new Promise(() => {}) });
    expect(String(await rejection(pwned.isBreached(BREACHED)))).toMatch(/timed out/);
  });

  it("does not cache a failure", async () => {
    const pwned = createPwnedPasswordsCheck({ baseUrl: server.baseUrl });
    server.mode = "error-500";
    await rejection(pwned.isBreached(BREACHED));
    server.mode = "ok";
    expect(await pwned.isBreached(BREACHED)).toBe(true);
  });

  it.each([
    [{ baseUrl: "not a url" }],
    [{ baseUrl: "ftp://example.com" }],
    [{ timeoutMs: 0 }],
    [{ minCount: 1.5 }],
    [{ cache: { maxEntries: 0 } }],
    [{ cache: { ttlMs: -1 } }],
    [{ failure: "maybe" as "open" }],
  ])("refuses bad options %j with invalid_config", (options) => {
    expect(() => createPwnedPasswordsCheck(options)).toThrow(
      expect.objectContaining({ code: "invalid_config" }),
    );
  });
});

describe("through the service", () => {
  const service = (options: Parameters<typeof check>[0] = {}) => {
    const store = createMemoryStore();
    const signup = createSignupService({
      store,
      hasher: createInsecureTestHasher(),
      breachedPasswords: check(options),
      tenants: { a: { policy: auth0Policy({ passwordDictionary: false }) } },
    });
    return {
      store,
      signup: (password: string) => signup.signup({ email: "taro@example.com", password }, { tenant: "a" }),
    };
  };

  it("refuses a breached password with 400 password_breached and stores nothing", async () => {
    const s = service();
    const error = await rejection(s.signup(BREACHED));
    expect(error).toMatchObject({
      status: 400,
      code: "invalid_input",
      issues: [{ field: "password", code: "password_breached" }],
    });
    expect(s.store.size).toEqual({ users: 0, claims: 0, tokens: 0 });
    expect(JSON.stringify(error)).not.toContain(BREACHED);
  });

  it("creates the user for a clean password", async () => {
    expect((await service().signup(CLEAN)).status).toBe("created");
  });

  it("answers 503 while the API is down (fail closed), and signs up with failure: open", async () => {
    server.mode = "error-500";
    const error = await rejection(service().signup(CLEAN));
    expect(isSignupError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, code: "unavailable" });
    expect((error as Error).cause).toBeInstanceOf(PwnedPasswordsError);
    expect((await service({ failure: "open" }).signup(CLEAN)).status).toBe("created");
  });
});

it("is runtime neutral: src/security imports no node: module", () => {
  const dir = new URL("../../src/security/", import.meta.url);
  for (const file of readdirSync(dir)) {
    expect(readFileSync(new URL(file, dir), "utf8"), file).not.toMatch(/from\s+["']node:|require\(/);
  }
});
