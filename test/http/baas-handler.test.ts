import { SignupError } from "signupkit";
import { createBaasHandler } from "signupkit/http";
import { describe, expect, it } from "vitest";
import { APP, appHeaders, createHarness, jsonPost, read } from "./helpers.js";

const USERS = "/1/direct/users";
const SEED_KEYS = [
  "_id",
  "username",
  "email",
  "options",
  "createdAt",
  "updatedAt",
  "etag",
  "federated",
  "clientCertUser",
  "primaryLinkedUserId",
  "enabled",
];
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("NEC BaaS POST /1/{tenantId}/users: success", () => {
  it("answers the seed's request example with exactly the seed's response keys, in order", async () => {
    const { baas } = createHarness();
    const body = {
      _id: "52116f01ac521e1742000001",
      username: "tarou",
      email: "nichiden.tarou@example.com",
      password: "Passw0rd",
      options: { displayName: "日電 太郎", division: "日電事業部" },
    };
    const response = await baas(jsonPost(USERS, body, appHeaders(true)));
    const { status, headers, body: user } = await read(response);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Object.keys(user as object)).toEqual(SEED_KEYS);
    expect(user).toMatchObject({
      _id: "52116f01ac521e1742000001",
      username: "tarou",
      email: "nichiden.tarou@example.com",
      options: { displayName: "日電 太郎", division: "日電事業部" },
      federated: false,
      clientCertUser: false,
      primaryLinkedUserId: null,
      enabled: true,
    });
    const record = user as Record<string, unknown>;
    expect(record.createdAt).toMatch(ISO_MS);
    expect(record.updatedAt).toBe(record.createdAt);
    expect(typeof record.etag).toBe("string");
  });

  it("generates an 8-character username and answers options {} when neither is given", async () => {
    const { baas } = createHarness();
    const { status, body } = await read(
      await baas(jsonPost(USERS, { email: "a@example.com", password: "Passw0rd" }, appHeaders())),
    );
    expect(status).toBe(200);
    expect(Object.keys(body as object)).toEqual(SEED_KEYS);
    expect(body).toMatchObject({ options: {}, email: "a@example.com" });
    expect((body as { username: string }).username).toMatch(/^[A-Za-z0-9]{8}$/);
  });

  it("registers a client-certificate user without email with the master key: the email key is omitted", async () => {
    const { baas } = createHarness();
    const cert = { username: "cert-user", clientCertUser: true };
    const anonymous = await read(await baas(jsonPost(USERS, cert, appHeaders())));
    expect(anonymous.status).toBe(403);
    const { status, body } = await read(await baas(jsonPost(USERS, cert, appHeaders(true))));
    expect(status).toBe(200);
    expect(Object.keys(body as object)).toEqual(SEED_KEYS.filter((key) => key !== "email"));
    expect(body).toMatchObject({ username: "cert-user", clientCertUser: true });
  });

  it("answers {} and creates nothing when the tenant mails a confirmation link first", async () => {
    const { baas, mailer } = createHarness();
    const request = jsonPost(
      "/1/confirming/users",
      { email: "c@example.com", password: "Passw0rd" },
      appHeaders(),
    );
    const { status, body } = await read(await baas(request));
    expect(status).toBe(200);
    expect(body).toEqual({});
    expect(mailer.lastTo("c@example.com")?.kind).toBe("confirmation");
  });

  it("accepts a charset parameter on application/json", async () => {
    const { baas } = createHarness();
    const request = jsonPost(
      USERS,
      { email: "cs@example.com", password: "Passw0rd" },
      {
        ...appHeaders(),
        "Content-Type": "Application/JSON; charset=UTF-8",
      },
    );
    expect((await baas(request)).status).toBe(200);
  });

  it("lets the master key past a tenant whose anonymous create ACL is off", async () => {
    const { baas } = createHarness();
    const body = { email: "l@example.com", password: "Passw0rd" };
    const anonymous = await read(await baas(jsonPost("/1/locked/users", body, appHeaders())));
    expect(anonymous).toMatchObject({ status: 403, body: { error: expect.any(String) } });
    expect((await baas(jsonPost("/1/locked/users", body, appHeaders(true)))).status).toBe(200);
  });

  it("serves the routes under basePath only", async () => {
    const { service } = createHarness();
    const handler = createBaasHandler(service, { basePath: "/api/", apps: [{ tenant: "direct", ...APP }] });
    const body = { email: "bp@example.com", password: "Passw0rd" };
    expect((await handler(jsonPost(`/api${USERS}`, body, appHeaders()))).status).toBe(200);
    expect((await handler(jsonPost(USERS, body, appHeaders()))).status).toBe(404);
  });
});

describe("NEC BaaS: application authentication", () => {
  const body = { email: "auth@example.com", password: "Passw0rd" };
  const cases: [string, string, Record<string, string>][] = [
    ["no headers", USERS, {}],
    ["no application key", USERS, { "X-Application-Id": APP.appId }],
    ["no application id", USERS, { "X-Application-Key": APP.appKey }],
    ["a wrong key", USERS, { "X-Application-Id": APP.appId, "X-Application-Key": "wrong" }],
    ["a key with a suffix", USERS, { "X-Application-Id": APP.appId, "X-Application-Key": `${APP.appKey}x` }],
    ["an unknown application id", USERS, { "X-Application-Id": "nope", "X-Application-Key": APP.appKey }],
    ["an unknown tenant (not revealed)", "/1/no-such-tenant/users", appHeaders()],
  ];
  it.each(cases)("401 for %s, before the body is read", async (_name, path, headers) => {
    const { baas, store } = createHarness();
    const request = jsonPost(path, body, headers);
    const { status, body: error } = await read(await baas(request));
    expect(status).toBe(401);
    expect(error).toEqual({ error: "Application authentication failed." });
    expect(request.bodyUsed).toBe(false);
    expect(await store.findUserByEmail("direct", "auth@example.com")).toBeNull();
  });

  it("asks a resolveApp callback, and answers 404 for a tenant it accepts but the service does not know", async () => {
    const { service } = createHarness();
    const calls: string[][] = [];
    const handler = createBaasHandler(service, {
      resolveApp: async (tenant, appId, appKey) => {
        calls.push([tenant, appId, appKey]);
        return appKey === "m" ? "master" : appKey === "k" ? "app" : null;
      },
    });
    const headers = (key: string) => ({ "X-Application-Id": "x", "X-Application-Key": key });
    expect((await handler(jsonPost(USERS, body, headers("bad")))).status).toBe(401);
    const ghost = await read(await handler(jsonPost("/1/ghost/users", body, headers("k"))));
    expect(ghost).toMatchObject({ status: 404, body: { error: expect.any(String) } });
    const withId = { ...body, _id: "custom-id" };
    expect((await handler(jsonPost(USERS, withId, headers("k")))).status).toBe(403);
    expect(await read(await handler(jsonPost(USERS, withId, headers("m"))))).toMatchObject({
      status: 200,
      body: { _id: "custom-id" },
    });
    expect(calls[0]).toEqual(["direct", "x", "bad"]);
  });

  it("refuses handler options without exactly one of apps and resolveApp, and bad registries", () => {
    const { service } = createHarness();
    expect(() => createBaasHandler(service, {})).toThrow(TypeError);
    expect(() => createBaasHandler(service, { apps: [], resolveApp: () => null })).toThrow(TypeError);
    expect(() => createBaasHandler(service, { apps: [{ tenant: "t", appId: "a", appKey: "" }] })).toThrow(
      TypeError,
    );
    expect(() =>
      createBaasHandler(service, { apps: [{ tenant: "t", appId: "a", appKey: "k", masterKey: "k" }] }),
    ).toThrow(TypeError);
  });
});

describe("NEC BaaS: refusals", () => {
  const valid = { email: "r@example.com", password: "Passw0rd" };
  const cases: [string, Request, number][] = [
    [
      "missing Content-Type",
      new Request(`https://api.example${USERS}`, { method: "POST", headers: appHeaders(), body: "{}" }),
      415,
    ],
    ["text/plain", jsonPost(USERS, valid, { ...appHeaders(), "Content-Type": "text/plain" }), 415],
    [
      "a non-UTF-8 charset",
      jsonPost(USERS, valid, { ...appHeaders(), "Content-Type": "application/json; charset=latin1" }),
      415,
    ],
    [
      "form data",
      jsonPost(USERS, "email=a", { ...appHeaders(), "Content-Type": "application/x-www-form-urlencoded" }),
      415,
    ],
    ["malformed JSON", jsonPost(USERS, '{"email": ', appHeaders()), 400],
    ["an empty body", jsonPost(USERS, "", appHeaders()), 400],
    ["a JSON array", jsonPost(USERS, "[]", appHeaders()), 400],
    ["JSON null", jsonPost(USERS, "null", appHeaders()), 400],
    ["a JSON string", jsonPost(USERS, '"x"', appHeaders()), 400],
    [
      "invalid UTF-8",
      new Request(`https://api.example${USERS}`, {
        method: "POST",
        headers: { ...appHeaders(), "Content-Type": "application/json" },
        body: new Uint8Array([0x7b, 0xff, 0x7d]),
      }),
      400,
    ],
    ["a policy violation", jsonPost(USERS, { email: "not-an-email", password: "short" }, appHeaders()), 400],
    ["_id without the master key", jsonPost(USERS, { ...valid, _id: "x1" }, appHeaders()), 403],
    ["GET on the signup path", new Request(`https://api.example${USERS}`, { headers: appHeaders() }), 405],
    ["an unknown path", jsonPost("/1/direct/people", valid, appHeaders()), 404],
    ["a version other than 1", jsonPost("/2/direct/users", valid, appHeaders()), 404],
    ["a trailing segment", jsonPost("/1/direct/users/x/y", valid, appHeaders()), 404],
    ["an empty tenant", jsonPost("/1//users", valid, appHeaders()), 404],
    ["the root", jsonPost("/", valid, appHeaders()), 404],
  ];
  it.each(cases)("%s → %i with {error}", async (_name, request, status) => {
    const { baas } = createHarness();
    const response = await baas(request);
    const result = await read(response);
    expect(result.status).toBe(status);
    expect(result.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Object.keys(result.body as object)).toEqual(["error"]);
    expect(typeof (result.body as { error: unknown }).error).toBe("string");
    if (status === 405) expect(result.headers.get("allow")).toBe("POST");
  });

  it("lists every issue in wire names and reports unknown fields, also ones named like model fields", async () => {
    const { baas } = createHarness();
    const body = {
      _id: 5,
      email: "bad",
      password: "short",
      options: [1],
      id: "sneaky",
      metadata: { a: 1 },
      phoneNumber: "+81",
      createdAt: "2020-01-01T00:00:00.000Z",
      nickname: "x",
    };
    const { status, body: error } = await read(await baas(jsonPost(USERS, body, appHeaders(true))));
    expect(status).toBe(400);
    const message = (error as { error: string }).error;
    for (const field of [
      "_id:",
      "email:",
      "password:",
      "options:",
      "id:",
      "metadata:",
      "phoneNumber:",
      "createdAt:",
    ]) {
      expect(message).toContain(field);
    }
    expect(message).not.toContain("short");
    expect(message).not.toContain("\u0000");
  });

  it("passes a master-key _id through and answers 409 for a taken _id, email and username", async () => {
    const { baas } = createHarness();
    const first = { _id: "u-1", username: "taro", email: "taro@example.com", password: "Passw0rd" };
    expect((await baas(jsonPost(USERS, first, appHeaders(true)))).status).toBe(200);
    const clashes = [
      { _id: "u-1", email: "other@example.com", password: "Passw0rd" },
      { email: "taro@example.com", password: "Passw0rd" },
      { username: "taro", email: "new@example.com", password: "Passw0rd" },
    ];
    for (const body of clashes) {
      const result = await read(await baas(jsonPost(USERS, body, appHeaders(true))));
      expect(result).toMatchObject({ status: 409, body: { error: expect.any(String) } });
    }
  });
});

describe("NEC BaaS: size limit", () => {
  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { service } = createHarness();
    const handler = createBaasHandler(service, { apps: [{ tenant: "direct", ...APP }], maxBodyBytes: 100 });
    const request = jsonPost(
      USERS,
      { email: "a@example.com", password: "Passw0rd" },
      {
        ...appHeaders(),
        "Content-Length": "101",
      },
    );
    const result = await read(await handler(request));
    expect(result).toMatchObject({ status: 413, body: { error: expect.any(String) } });
  });

  it("counts a streamed body and cancels it once over the limit", async () => {
    const { service } = createHarness();
    const handler = createBaasHandler(service, { apps: [{ tenant: "direct", ...APP }], maxBodyBytes: 4096 });
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(`{"a":"${"x".repeat(1000)}`));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request(`https://api.example${USERS}`, {
      method: "POST",
      headers: { ...appHeaders(), "Content-Type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const result = await read(await handler(request));
    expect(result.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it("accepts a body of exactly the limit", async () => {
    const { service } = createHarness();
    const base = JSON.stringify({ email: "exact@example.com", password: "Passw0rd", options: { pad: "" } });
    const handler = createBaasHandler(service, {
      apps: [{ tenant: "direct", ...APP }],
      maxBodyBytes: base.length + 10,
    });
    const padded = JSON.stringify({
      email: "exact@example.com",
      password: "Passw0rd",
      options: { pad: "0123456789" },
    });
    expect((await handler(jsonPost(USERS, padded, appHeaders()))).status).toBe(200);
    const over = JSON.stringify({
      email: "exact@example.com",
      password: "Passw0rd",
      options: { pad: "0123456789!" },
    });
    expect((await handler(jsonPost(USERS, over, appHeaders()))).status).toBe(413);
  });
});

describe("NEC BaaS: retryable and unexpected failures", () => {
  it("429 and 503 carry Retry-After; a failing store is 503 and reported", async () => {
    let next: unknown;
    const harness = createHarness({
      beforeCreate: () => {
        throw next;
      },
    });
    const body = { email: "f@example.com", password: "Passw0rd" };
    next = new SignupError("too_many_requests", { retryAfter: 7 });
    const limited = await read(await harness.baas(jsonPost(USERS, body, appHeaders())));
    expect(limited).toMatchObject({ status: 429, body: { error: expect.any(String) } });
    expect(limited.headers.get("retry-after")).toBe("7");

    next = new SignupError("overloaded", { retryAfter: 2.2 });
    const busy = await read(await harness.baas(jsonPost(USERS, body, appHeaders())));
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("3");
    expect(harness.errors).toContain(next);
  });

  it("answers an unexpected exception with a generic 500 and passes it to onError", async () => {
    const { service } = createHarness();
    const thrown = new Error("database password=hunter2 at line 3");
    const errors: unknown[] = [];
    const broken = { ...service, signup: async () => Promise.reject(thrown) };
    const handler = createBaasHandler(broken, {
      apps: [{ tenant: "direct", ...APP }],
      onError: (error) => errors.push(error),
    });
    const request = jsonPost(USERS, { email: "x@example.com", password: "Passw0rd" }, appHeaders());
    const crashed = await read(await handler(request));
    expect(crashed.status).toBe(500);
    expect(crashed.body).toEqual({ error: "Internal server error." });
    expect(errors).toEqual([thrown]);
  });

  it("maps a store failure to 503 without Retry-After and passes it to onError", async () => {
    const harness = createHarness();
    harness.store.insertUser = async () => {
      throw new Error("connection refused");
    };
    const result = await read(
      await harness.baas(jsonPost(USERS, { email: "s@example.com", password: "Passw0rd" }, appHeaders())),
    );
    expect(result.status).toBe(503);
    expect(result.headers.get("retry-after")).toBeNull();
    expect(JSON.stringify(result.body)).not.toContain("connection refused");
    expect(harness.errors).toHaveLength(1);
  });
});
