import { SignupError } from "signupkit";
import { createAuth0Handler } from "signupkit/http";
import { describe, expect, it } from "vitest";
import { CLIENT_ID, CONNECTION, createHarness, jsonPost, ORIGIN, read } from "./helpers.js";

const SIGNUP = "/dbconnections/signup";
const PASSWORD = "Xy9!kL2#pQ";
const base = { client_id: CLIENT_ID, connection: CONNECTION, email: "Ann@Example.com", password: PASSWORD };

const INVALID_SIGNUP = {
  name: "BadRequestError",
  code: "invalid_signup",
  description: "Invalid sign up",
  statusCode: 400,
};

describe("Auth0 POST /dbconnections/signup: success", () => {
  it("answers _id, email_verified and the lower-cased email, and nothing else, for a minimal signup", async () => {
    const { auth0 } = createHarness();
    const { status, headers, body } = await read(await auth0(jsonPost(SIGNUP, base)));
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Object.keys(body as object).sort()).toEqual(["_id", "email", "email_verified"]);
    expect(body).toMatchObject({ email_verified: false, email: "ann@example.com" });
  });

  it("answers every profile field the seed lists, phone_verified false with a phone number", async () => {
    const { auth0 } = createHarness();
    const profile = {
      given_name: "Ann",
      family_name: "Smith",
      name: "Ann Smith",
      nickname: "annie",
      picture: "https://img.example/ann.png",
      phone_number: "+819012345678",
      user_metadata: { plan: "free", color: "blue" },
    };
    const { status, body } = await read(await auth0(jsonPost(SIGNUP, { ...base, ...profile })));
    expect(status).toBe(200);
    expect(Object.keys(body as object).sort()).toEqual(
      [
        "_id",
        "email",
        "email_verified",
        "family_name",
        "given_name",
        "name",
        "nickname",
        "phone_number",
        "phone_verified",
        "picture",
        "user_metadata",
      ].sort(),
    );
    expect(body).toMatchObject({ ...profile, email_verified: false, phone_verified: false });
  });

  it("answers the username on a connection that requires one", async () => {
    const { auth0 } = createHarness();
    const request = jsonPost(SIGNUP, { ...base, connection: "plain-auth0", username: "Ann_1" });
    const { status, body } = await read(await auth0(request));
    expect(status).toBe(200);
    expect(body).toMatchObject({ username: "ann_1", email: "ann@example.com" });
  });

  it("mails a verification link with the connection in its query", async () => {
    const { auth0, mailer } = createHarness();
    expect((await auth0(jsonPost(SIGNUP, base))).status).toBe(200);
    const text = mailer.lastTo("ann@example.com")?.text ?? "";
    expect(text).toMatch(
      /https:\/\/api\.example\/dbconnections\/verify\?connection=Username-Password-Authentication&token=[A-Za-z0-9_-]{43}/,
    );
  });

  it("serves the routes under basePath only", async () => {
    const { service } = createHarness();
    const handler = createAuth0Handler(service, {
      basePath: "/auth",
      clients: { [CLIENT_ID]: { connections: [CONNECTION] } },
    });
    expect((await handler(jsonPost(`/auth${SIGNUP}`, base))).status).toBe(200);
    expect((await handler(jsonPost(SIGNUP, { ...base, email: "b@example.com" }))).status).toBe(404);
  });
});

describe("Auth0: 400 invalid_signup", () => {
  const cases: [string, unknown][] = [
    ["no client_id", { ...base, client_id: undefined }],
    ["an unknown client", { ...base, client_id: "nope" }],
    ["a non-string client_id", { ...base, client_id: 7 }],
    ["no connection", { ...base, connection: undefined }],
    ["a connection the service does not have", { ...base, connection: "ghost" }],
    ["a connection of another client", { ...base, client_id: "other" }],
    ["a prototype key as client_id", { ...base, client_id: "__proto__" }],
    ["no email", { ...base, email: undefined }],
    ["a malformed email", { ...base, email: "not-an-email" }],
    ["no password", { ...base, password: undefined }],
    ["an unknown field", { ...base, favourite: "x" }],
    ["a camelCase model name", { ...base, phoneNumber: "+819012345678" }],
    ["metadata instead of user_metadata", { ...base, metadata: { a: "b" } }],
    ["a server-owned field", { ...base, email_verified: true }],
    ["user_metadata with a non-string value", { ...base, user_metadata: { a: 1 } }],
    ["a username where none is used", { ...base, username: "ann" }],
    ["a bad phone number and a weak password", { ...base, phone_number: "0901234", password: "weak" }],
    ["a JSON array", "[]"],
    ["malformed JSON", '{"client_id":'],
  ];
  it.each(cases)("%s", async (_name, body) => {
    const { auth0 } = createHarness();
    const result = await read(await auth0(jsonPost(SIGNUP, body)));
    expect(result.status).toBe(400);
    expect(result.body).toEqual(INVALID_SIGNUP);
  });
});

describe("Auth0: password errors", () => {
  it("PasswordStrengthError carries the rules, message and policy", async () => {
    const { auth0 } = createHarness();
    const { status, body } = await read(await auth0(jsonPost(SIGNUP, { ...base, password: "weakpass" })));
    expect(status).toBe(400);
    expect(body).toMatchObject({
      name: "PasswordStrengthError",
      code: "invalid_password",
      statusCode: 400,
      message: "Password is too weak",
      policy: expect.stringContaining("* At least 8 characters in length"),
    });
    const description = (body as { description: { rules: { code: string; verified: boolean }[] } })
      .description;
    expect(Object.keys(description)).toEqual(["rules"]);
    expect(description.rules.map((rule) => rule.code)).toEqual(["lengthAtLeast", "containsAtLeast"]);
    expect(description.rules[1]?.verified).toBe(false);
  });

  it.each([
    ["Password1", "PasswordDictionaryError", "Password is too common"],
    ["Annsmith#2024", "PasswordNoUserInfoError", "Password is based on user information"],
  ])("%s → %s", async (password, name, text) => {
    const { auth0 } = createHarness();
    const body = { ...base, email: "annsmith@example.com", password };
    const result = await read(await auth0(jsonPost(SIGNUP, body)));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      name,
      code: "invalid_password",
      description: text,
      statusCode: 400,
      message: text,
    });
  });
});

describe("Auth0: other statuses", () => {
  it("409 user_exists for a taken email, compared case-insensitively", async () => {
    const { auth0 } = createHarness();
    expect((await auth0(jsonPost(SIGNUP, base))).status).toBe(200);
    const again = await read(await auth0(jsonPost(SIGNUP, { ...base, email: "ANN@example.COM" })));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      name: "BadRequestError",
      code: "user_exists",
      description: "The user already exists.",
      statusCode: 409,
    });
  });

  it("409 user_exists for a taken username", async () => {
    const { auth0 } = createHarness();
    const first = { ...base, connection: "plain-auth0", username: "ann" };
    expect((await auth0(jsonPost(SIGNUP, first))).status).toBe(200);
    const again = await read(await auth0(jsonPost(SIGNUP, { ...first, email: "other@example.com" })));
    expect(again).toMatchObject({ status: 409, body: { code: "user_exists" } });
  });

  const shape = { name: expect.any(String), code: expect.any(String), description: expect.any(String) };
  const cases: [string, Request, number, string | null][] = [
    ["GET on signup", new Request(`${ORIGIN}${SIGNUP}`), 405, "POST"],
    [
      "DELETE on verify",
      new Request(`${ORIGIN}/dbconnections/verify`, { method: "DELETE" }),
      405,
      "GET, POST",
    ],
    ["an unknown path", jsonPost("/dbconnections/change_password", base), 404, null],
    ["a path outside /dbconnections", jsonPost("/oauth/token", base), 404, null],
    ["a trailing segment", jsonPost("/dbconnections/signup/x", base), 404, null],
    ["text/plain", jsonPost(SIGNUP, base, { "Content-Type": "text/plain" }), 415, null],
    [
      "Content-Length over the limit",
      jsonPost(SIGNUP, base, { "Content-Length": String(70_000) }),
      413,
      null,
    ],
  ];
  it.each(cases)("%s → %i", async (_name, request, status, allow) => {
    const { auth0 } = createHarness();
    const result = await read(await auth0(request));
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ ...shape, statusCode: status });
    expect(result.headers.get("allow")).toBe(allow);
    expect(result.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("a body over maxBodyBytes without Content-Length is 413", async () => {
    const { service } = createHarness();
    const handler = createAuth0Handler(service, {
      maxBodyBytes: 64,
      clients: { [CLIENT_ID]: { connections: [CONNECTION] } },
    });
    const result = await read(await handler(jsonPost(SIGNUP, base)));
    expect(result).toMatchObject({ status: 413, body: { name: "PayloadTooLargeError", statusCode: 413 } });
  });

  it("403, 429 and 503 from the service, with Retry-After where known; 500 for anything else", async () => {
    let next: unknown;
    const harness = createHarness({
      beforeCreate: () => {
        throw next;
      },
    });
    next = new SignupError("forbidden");
    expect(await read(await harness.auth0(jsonPost(SIGNUP, base)))).toMatchObject({
      status: 403,
      body: { statusCode: 403, code: "unauthorized" },
    });
    next = new SignupError("too_many_requests", { retryAfter: 30 });
    const limited = await read(await harness.auth0(jsonPost(SIGNUP, base)));
    expect(limited).toMatchObject({ status: 429, body: { statusCode: 429, code: "too_many_requests" } });
    expect(limited.headers.get("retry-after")).toBe("30");
    next = new SignupError("unavailable", { retryAfter: 5 });
    const down = await read(await harness.auth0(jsonPost(SIGNUP, base)));
    expect(down).toMatchObject({ status: 503, body: { statusCode: 503, code: "temporarily_unavailable" } });
    expect(down.headers.get("retry-after")).toBe("5");
    expect(harness.errors).toEqual([next]);

    const thrown = new TypeError("secret internals");
    const broken = { ...harness.service, signup: () => Promise.reject(thrown) };
    const errors: unknown[] = [];
    const handler = createAuth0Handler(broken, {
      clients: { [CLIENT_ID]: { connections: [CONNECTION] } },
      onError: (error) => errors.push(error),
    });
    const crashed = await read(await handler(jsonPost(SIGNUP, base)));
    expect(crashed.status).toBe(500);
    expect(crashed.body).toEqual({
      name: "InternalServerError",
      code: "internal_error",
      description: "Internal server error",
      statusCode: 500,
    });
    expect(errors).toEqual([thrown]);
  });

  it("a store outage is 503 and goes to onError", async () => {
    const harness = createHarness();
    harness.store.insertUser = () => Promise.reject(new Error("ECONNRESET"));
    const result = await read(await harness.auth0(jsonPost(SIGNUP, base)));
    expect(result).toMatchObject({ status: 503, body: { name: "ServiceUnavailableError", statusCode: 503 } });
    expect(JSON.stringify(result.body)).not.toContain("ECONNRESET");
    expect(harness.errors).toHaveLength(1);
  });

  it("passes meta to the service's hooks", async () => {
    const seen: unknown[] = [];
    const harness = createHarness({
      beforeCreate: (_signup, context) => {
        seen.push(context);
        return undefined;
      },
    });
    const handler = createAuth0Handler(harness.service, {
      clients: { [CLIENT_ID]: { connections: [CONNECTION] } },
      meta: (request) => ({ ip: request.headers.get("x-forwarded-for") }),
    });
    await handler(jsonPost(SIGNUP, base, { "X-Forwarded-For": "203.0.113.9" }));
    expect(seen).toEqual([{ tenant: CONNECTION, meta: { ip: "203.0.113.9" } }]);
  });

  it("refuses malformed client options", () => {
    const { service } = createHarness();
    expect(() => createAuth0Handler(service, {} as never)).toThrow(TypeError);
    expect(() => createAuth0Handler(service, { clients: { c: { connections: "x" as never } } })).toThrow(
      TypeError,
    );
  });
});
