import { auth0Policy, baasPolicy, createSignupService, isSignupError } from "signupkit";
import { createAuth0Handler, createBaasHandler } from "signupkit/http";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";

/** README's quick-start service: one NEC tenant. */
function quickStartService() {
  return createSignupService({
    store: createMemoryStore(),
    hasher: createInsecureTestHasher(),
    tenants: { "tenant-1": { policy: baasPolicy() } },
  });
}

function invalidConfig(create: () => unknown): string {
  try {
    create();
  } catch (error) {
    expect(isSignupError(error) && error.code).toBe("invalid_config");
    expect((error as { status: number }).status).toBe(500);
    return (error as Error).message;
  }
  throw new Error("expected invalid_config");
}

describe("handlers refuse a configuration the service cannot serve, when they are created", () => {
  it("README's quick-start service with README's Auth0 snippet: throws instead of answering every signup 400", () => {
    const message = invalidConfig(() =>
      createAuth0Handler(quickStartService(), {
        clients: { "client-1": { connections: ["Username-Password-Authentication"] } },
      }),
    );
    expect(message).toContain('"Username-Password-Authentication"');
    expect(message).toContain("auth0Policy()");
  });

  it("an Auth0 client naming an NEC tenant", () => {
    const message = invalidConfig(() =>
      createAuth0Handler(quickStartService(), { clients: { c: { connections: ["tenant-1"] } } }),
    );
    expect(message).toContain("baasPolicy()");
  });

  it("an NEC app naming a tenant the service lacks, or an Auth0 connection", () => {
    const service = createSignupService({
      store: createMemoryStore(),
      hasher: createInsecureTestHasher(),
      tenants: { "tenant-1": { policy: baasPolicy() }, conn: { policy: auth0Policy() } },
    });
    expect(
      invalidConfig(() =>
        createBaasHandler(service, { apps: [{ tenant: "ghost", appId: "a", appKey: "k" }] }),
      ),
    ).toContain('"ghost"');
    expect(
      invalidConfig(() =>
        createBaasHandler(service, { apps: [{ tenant: "conn", appId: "a", appKey: "k" }] }),
      ),
    ).toContain("auth0Policy()");
  });

  it("README's HTTP snippet (both tenants configured) signs up through both handlers", async () => {
    const service = createSignupService({
      store: createMemoryStore(),
      hasher: createInsecureTestHasher(),
      tenants: {
        "tenant-1": { policy: baasPolicy() },
        "Username-Password-Authentication": { policy: auth0Policy() },
      },
    });
    createBaasHandler(service, {
      apps: [{ tenant: "tenant-1", appId: "app-1", appKey: "k", masterKey: "m" }],
    });
    const auth0 = createAuth0Handler(service, {
      clients: { "client-1": { connections: ["Username-Password-Authentication"] } },
    });
    const response = await auth0(
      new Request("https://api.example/dbconnections/signup", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          client_id: "client-1",
          connection: "Username-Password-Authentication",
          email: "ann@example.com",
          password: "Xy9!kL2#pQ",
        }),
      }),
    );
    expect(response.status).toBe(200);
  });
});
