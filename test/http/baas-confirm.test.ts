import { baasPolicy, createSignupService } from "signupkit";
import { createBaasHandler } from "signupkit/http";
import { createInsecureTestHasher, createMemoryMailer, createMemoryStore } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import { APP, appHeaders, createHarness, formPost, jsonPost, linkOf, ORIGIN, read } from "./helpers.js";

const CONFIRM = `${ORIGIN}/1/confirming/users/confirm`;

async function pendingSignup(harness: ReturnType<typeof createHarness>, email: string, username?: string) {
  const body = { email, password: "Passw0rd", ...(username === undefined ? {} : { username }) };
  const response = await harness.baas(jsonPost("/1/confirming/users", body, appHeaders()));
  expect(response.status).toBe(200);
  return linkOf(harness.mailer.lastTo(email));
}

function expectPageHeaders(response: Response): void {
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
}

describe("NEC confirmation link: GET /1/{tenantId}/users/confirm?token=…", () => {
  it("mails a link to the documented route and shows a form without consuming anything", async () => {
    const harness = createHarness();
    const link = await pendingSignup(harness, "c@example.com");
    expect(`${link.origin}${link.pathname}`).toBe(CONFIRM);
    const token = link.searchParams.get("token") as string;

    for (let i = 0; i < 3; i++) {
      const page = await harness.baas(new Request(link));
      expect(page.status).toBe(200);
      expectPageHeaders(page);
      const html = await page.text();
      expect(html).toContain('<form method="post" action="/1/confirming/users/confirm">');
      expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
      expect(html.split(token)).toHaveLength(2);
    }
    expect(await harness.store.findUserByEmail("confirming", "c@example.com")).toBeNull();

    const done = await harness.baas(formPost(CONFIRM, { token, password: "Passw0rd" }));
    expect(done.status).toBe(200);
    expectPageHeaders(done);
    const html = await done.text();
    expect(html).toContain("Registration complete");
    expect(html).not.toContain(token);
    expect(await harness.store.findUserByEmail("confirming", "c@example.com")).not.toBeNull();

    const again = await read(
      await harness.baas(
        jsonPost("/1/confirming/users", { email: "c@example.com", password: "Passw0rd" }, appHeaders()),
      ),
    );
    expect(again.status).toBe(409);
    const reused = await harness.baas(formPost(CONFIRM, { token, password: "Passw0rd" }));
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("invalid or has already been used");
  });

  it.each([
    ["no token", `${CONFIRM}`],
    ["a malformed token", `${CONFIRM}?token=abc`],
    ["markup in the token", `${CONFIRM}?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E`],
  ])("GET with %s shows the invalid-link page (400) and echoes nothing", async (_name, url) => {
    const { baas } = createHarness();
    const response = await baas(new Request(url));
    expect(response.status).toBe(400);
    expectPageHeaders(response);
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<form");
  });

  it("escapes the rest of the query in the form action", async () => {
    const harness = createHarness();
    const link = await pendingSignup(harness, "e@example.com");
    link.searchParams.set("x", '"><script>alert(1)</script>');
    const html = await (await harness.baas(new Request(link))).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain('action="/1/confirming/users/confirm?x=%22%3E%3Cscript%3E');
  });

  it("POST refuses a wrong content type (415), an oversized form (413) and a missing token (400)", async () => {
    const harness = createHarness();
    const json = jsonPost("/1/confirming/users/confirm", { token: "x" });
    expect((await harness.baas(json)).status).toBe(415);
    const huge = formPost(CONFIRM, { token: "x".repeat(10_000) });
    expect((await harness.baas(huge)).status).toBe(413);
    expect((await harness.baas(formPost(CONFIRM, {}))).status).toBe(400);
  });

  it("answers other methods with 405 and Allow: GET, POST", async () => {
    const { baas } = createHarness();
    const response = await baas(new Request(CONFIRM, { method: "PUT" }));
    const result = await read(response);
    expect(result.status).toBe(405);
    expect(result.headers.get("allow")).toBe("GET, POST");
    expect(Object.keys(result.body as object)).toEqual(["error"]);
  });

  it("treats a token of another tenant, or a tenant outside the app registry, as invalid", async () => {
    const harness = createHarness();
    const token = (await pendingSignup(harness, "t@example.com")).searchParams.get("token") as string;
    const elsewhere = await harness.baas(
      formPost(`${ORIGIN}/1/direct/users/confirm`, { token, password: "Passw0rd" }),
    );
    expect(elsewhere.status).toBe(400);
    const unknown = await harness.baas(
      formPost(`${ORIGIN}/1/nowhere/users/confirm`, { token, password: "Passw0rd" }),
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("invalid or has already been used");
    expect((await harness.baas(formPost(CONFIRM, { token, password: "Passw0rd" }))).status).toBe(200);
  });

  it("shows 409 when another confirmation took the username first", async () => {
    const harness = createHarness();
    const first = (await pendingSignup(harness, "a1@example.com", "same")).searchParams.get(
      "token",
    ) as string;
    const second = (await pendingSignup(harness, "a2@example.com", "same")).searchParams.get(
      "token",
    ) as string;
    expect((await harness.baas(formPost(CONFIRM, { token: first, password: "Passw0rd" }))).status).toBe(200);
    const clash = await harness.baas(formPost(CONFIRM, { token: second, password: "Passw0rd" }));
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain("already exists");
  });

  it("shows the expired page once the confirmation period has passed", async () => {
    let now = Date.parse("2025-04-01T09:00:00.000Z");
    const mailer = createMemoryMailer();
    const service = createSignupService({
      store: createMemoryStore(),
      hasher: createInsecureTestHasher(),
      mailer,
      now: () => new Date(now),
      tenants: {
        t: {
          policy: baasPolicy(),
          mail: { confirmation: true, confirmationUrl: `${ORIGIN}/1/t/users/confirm` },
        },
      },
    });
    const handler = createBaasHandler(service, { apps: [{ tenant: "t", ...APP }] });
    const body = { email: "late@example.com", password: "Passw0rd" };
    expect((await handler(jsonPost("/1/t/users", body, appHeaders()))).status).toBe(200);
    const token = linkOf(mailer.lastTo("late@example.com")).searchParams.get("token") as string;
    now += 25 * 3_600_000;
    const response = await handler(formPost(`${ORIGIN}/1/t/users/confirm`, { token, password: "Passw0rd" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("expired");
  });
});
