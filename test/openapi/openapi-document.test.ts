import { auth0Policy, baasPolicy, type SignupPolicy } from "signupkit";
import { createAuth0Handler, createBaasHandler } from "signupkit/http";
import { auth0OpenApi, baasOpenApi } from "signupkit/openapi";
import { describe, expect, it } from "vitest";
import {
  APP,
  appHeaders,
  CLIENT_ID,
  CONNECTION,
  createHarness,
  formPost,
  jsonPost,
  ORIGIN,
  TENANTS,
} from "../http/helpers.js";
import { assertValidOpenApi, createAjv, ResponseChecker } from "../support/openapi-check.js";

type Json = Record<string, unknown>;
const CLIENTS = { [CLIENT_ID]: { connections: [CONNECTION, "plain-auth0"] } };

function body(document: { paths: Json }, path: string): Json {
  const post = (document.paths[path] as Json).post as Json;
  return ((post.requestBody as Json).content as Json)["application/json"] as Json;
}

describe("signupkit/openapi: the documents", () => {
  it("are valid OpenAPI 3.1 for every built-in policy and option", async () => {
    await assertValidOpenApi(baasOpenApi({ tenants: TENANTS, basePath: "/api", documentRoute: true }));
    await assertValidOpenApi(
      baasOpenApi({
        tenants: {
          strict: { policy: baasPolicy({ minLength: 12, minSymbolLength: 2, minUpperCaseLength: 1 }) },
        },
        serverUrl: "https://api.example",
      }),
    );
    await assertValidOpenApi(auth0OpenApi({ tenants: TENANTS, clients: CLIENTS }));
    await assertValidOpenApi(
      auth0OpenApi({
        tenants: { c: { policy: auth0Policy({ passwordStrength: "excellent", requireUsername: true }) } },
        clients: { x: { connections: ["c"] } },
      }),
    );
  });

  it("follow the tenant's NEC BaaS policy: lengths, patterns, required fields, wire names", () => {
    const document = baasOpenApi({
      tenants: { t: { policy: baasPolicy({ minLength: 12, maxLength: 40, minNumeralLength: 2 }) } },
    });
    const schema = body(document, "/1/t/users").schema as Json;
    const properties = schema.properties as Record<string, Json>;
    expect(Object.keys(properties).sort()).toEqual(
      ["_id", "clientCertUser", "email", "options", "password", "username"].sort(),
    );
    expect(properties.password).toMatchObject({ minLength: 12, maxLength: 40 });
    expect(schema.else).toEqual({ required: ["email", "password"] });
    expect(schema.then).toEqual({ required: ["username"] });
  });

  it("follow the connection's Auth0 policy", () => {
    const document = auth0OpenApi({
      tenants: {
        c: { policy: auth0Policy({ requireUsername: true, usernameMinLength: 3, usernameMaxLength: 20 }) },
        d: { policy: auth0Policy({ passwordStrength: "excellent" }) },
      },
      clients: { x: { connections: ["c", "d"] } },
    });
    const [c, d] = (body(document, "/dbconnections/signup").schema as Json).oneOf as [Json, Json];
    expect(c.required).toEqual(["client_id", "connection", "email", "password", "username"]);
    expect((c.properties as Record<string, Json>).username).toMatchObject({ minLength: 3, maxLength: 20 });
    expect((d.properties as Record<string, Json>).username).toBeUndefined();
    expect((d.properties as Record<string, Json>).password).toMatchObject({ minLength: 10 });
    expect(Object.keys(d.properties as Json)).toContain("given_name");
  });

  it("describe exactly what each policy accepts, on fields the schema can express", () => {
    const ajv = createAjv();
    const cases: [SignupPolicy, Json][] = [];
    const nec = baasPolicy({ minLength: 10, minNumeralLength: 2, minSymbolLength: 1 });
    for (const input of [
      { email: "a@example.com", password: "abcdefgh12!" },
      { email: "a@example.com", password: "abcdefgh1!x" },
      { email: "a@example.com", password: "abcdefgh12x" },
      { email: "a@example", password: "abcdefgh12!" },
      { email: "a@example.com" },
      { username: "cert", clientCertUser: true },
      { username: "ce:rt", clientCertUser: true },
      { clientCertUser: true },
      { email: "a@example.com", password: "abcdefgh12!", extra: 1 },
      { email: "a@example.com", password: "abcdéfgh12!" },
      { _id: "", email: "a@example.com", password: "abcdefgh12!" },
    ]) {
      cases.push([nec, input]);
    }
    const a0 = auth0Policy({
      requireUsername: true,
      passwordDictionary: false,
      passwordNoPersonalInfo: false,
    });
    for (const input of [
      { email: "a@example.com", username: "ann", password: "Xy9!kL2#pQ" },
      { email: "a@example.com", username: "a@b.co", password: "Xy9!kL2#pQ" },
      { email: "a@example.com", password: "Xy9!kL2#pQ" },
      { email: "a@example.com", username: "ann", password: "short" },
      { email: "a@example.com", username: "ann", password: "Xy9!kL2#pQ", phone_number: "123" },
      { email: "a@example.com", username: "ann", password: "Xy9!kL2#pQ", user_metadata: { a: 1 } },
    ]) {
      cases.push([a0, input]);
    }
    for (const [policy, input] of cases) {
      const wire = policy.name === "baas" ? { id: "_id", metadata: "options" } : {};
      const names: Record<string, string> =
        policy.name === "baas" ? wire : { phoneNumber: "phone_number", metadata: "user_metadata" };
      const schema = policy.describe?.((field) => names[field] ?? field) as Json;
      const model = Object.fromEntries(
        Object.entries(input).map(([key, value]) => [
          Object.entries(names).find(([, w]) => w === key)?.[0] ?? key,
          value,
        ]),
      );
      const parsed = policy.parse(model);
      // The strength rules beyond length ("3 of 4 classes") are prose only: compare where the schema can say.
      const strengthOnly =
        !parsed.ok &&
        parsed.issues.every((issue) => issue.code === "password_too_weak") &&
        policy.name === "auth0" &&
        String(input.password).length >= 8;
      if (strengthOnly) continue;
      expect(ajv.validate(schema, input), JSON.stringify(input)).toBe(parsed.ok);
    }
  });
});

describe("every response the HTTP handlers give matches the document", () => {
  it("catches a response that breaks it (the checker is real)", async () => {
    const checker = new ResponseChecker(baasOpenApi({ tenants: TENANTS }));
    const request = new Request(`${ORIGIN}/1/direct/users`, { method: "POST" });
    const json = (value: unknown, status: number) =>
      new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });
    await expect(checker.check(request, json({ error: "x", extra: 1 }, 400))).rejects.toThrow(
      /does not match/,
    );
    await expect(checker.check(request, json({ error: "x" }, 418))).rejects.toThrow(/not documented/);
    await expect(checker.check(request, json({ _id: "u" }, 200))).rejects.toThrow(/does not match/);
    await expect(checker.check(request, json({ error: "x" }, 400))).resolves.toBeInstanceOf(Response);
  });

  it("covers signup, every refusal and the mailed links in both dialects", async () => {
    const h = createHarness();
    await h.baas(jsonPost("/1/direct/users", { email: "a@example.com", password: "Passw0rd" }, appHeaders()));
    await h.baas(jsonPost("/1/direct/users", { email: "a@example.com", password: "Passw0rd" }, appHeaders()));
    await h.baas(jsonPost("/1/direct/users", { email: "bad" }, appHeaders()));
    await h.baas(jsonPost("/1/direct/users", { email: "b@example.com", password: "Passw0rd" }));
    await h.baas(jsonPost("/1/locked/users", { email: "b@example.com", password: "Passw0rd" }, appHeaders()));
    await h.baas(
      jsonPost("/1/confirming/users", { email: "c@example.com", password: "Passw0rd" }, appHeaders()),
    );
    const link = h.mailer.messages.at(-1)?.text.match(/https:\/\/\S+/)?.[0] as string;
    await h.baas(new Request(link));
    const token = new URL(link).searchParams.get("token") as string;
    await h.baas(formPost(link, { token, password: "Passw0rd" }));
    await h.baas(formPost(link, { token, password: "Passw0rd" }));
    const signup = {
      client_id: CLIENT_ID,
      connection: CONNECTION,
      email: "d@example.com",
      password: "Xy9!kL2#pQ",
    };
    await h.auth0(jsonPost("/dbconnections/signup", signup));
    await h.auth0(jsonPost("/dbconnections/signup", signup));
    await h.auth0(jsonPost("/dbconnections/signup", { ...signup, password: "password" }));
    await h.auth0(jsonPost("/dbconnections/signup", { ...signup, client_id: "nope" }));
    expect([...h.checked.baas].sort()).toEqual([
      "GET /1/confirming/users/confirm 200",
      "POST /1/confirming/users 200",
      "POST /1/confirming/users/confirm 200",
      "POST /1/confirming/users/confirm 400",
      "POST /1/direct/users 200",
      "POST /1/direct/users 400",
      "POST /1/direct/users 401",
      "POST /1/direct/users 409",
      "POST /1/locked/users 403",
    ]);
    expect([...h.checked.auth0].sort()).toEqual([
      "POST /dbconnections/signup 200",
      "POST /dbconnections/signup 400",
      "POST /dbconnections/signup 409",
    ]);
  });

  it("is served at GET {basePath}/openapi.json when the handler is given it", async () => {
    const h = createHarness();
    const document = baasOpenApi({ tenants: TENANTS, basePath: "/api", documentRoute: true });
    const baas = createBaasHandler(h.service, {
      basePath: "/api",
      apps: [{ tenant: "direct", ...APP }],
      openapi: document,
    });
    const response = await baas(new Request(`${ORIGIN}/api/openapi.json`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(document);
    expect((await baas(new Request(`${ORIGIN}/api/openapi.json`, { method: "POST" }))).status).toBe(405);
    const auth0 = createAuth0Handler(h.service, { clients: CLIENTS });
    expect((await auth0(new Request(`${ORIGIN}/openapi.json`))).status).toBe(404);
  });
});
