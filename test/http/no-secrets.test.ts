import { describe, expect, it } from "vitest";
import { appHeaders, CLIENT_ID, CONNECTION, createHarness, jsonPost, linkOf, read } from "./helpers.js";

/** A password that passes both seeds' rules, and variants that each fail one rule. */
const SECRET = "Zq7!unique-Secret-42";
const VARIANTS = [SECRET, "zq7unique", "Password1", "Zq7!é-unique-Secret", "Annsmith#2024", "a".repeat(200)];

describe("no response ever echoes a password", () => {
  it("across successes, conflicts and every kind of refusal in both dialects", async () => {
    const harness = createHarness();
    const texts: string[] = [];
    const send = async (handler: (request: Request) => Promise<Response>, request: Request) => {
      const response = await handler(request);
      texts.push(`${response.status} ${[...response.headers].join()} ${await response.text()}`);
    };
    for (const password of VARIANTS) {
      const nec = { email: "annsmith@example.com", password, options: { note: password.slice(0, 4) } };
      await send(harness.baas, jsonPost("/1/direct/users", nec, appHeaders()));
      await send(harness.baas, jsonPost("/1/confirming/users", nec, appHeaders()));
      await send(harness.baas, jsonPost("/1/direct/users", { ...nec, unknown: 1 }, appHeaders()));
      await send(harness.baas, jsonPost("/1/direct/users", { ...nec, _id: "x" }, appHeaders()));
      await send(
        harness.baas,
        jsonPost("/1/direct/users", nec, { ...appHeaders(), "X-Application-Key": password }),
      );
      const auth0 = { client_id: CLIENT_ID, connection: CONNECTION, email: "annsmith@example.com", password };
      await send(harness.auth0, jsonPost("/dbconnections/signup", auth0));
      await send(harness.auth0, jsonPost("/dbconnections/signup", { ...auth0, nickname: 5 }));
      await send(harness.auth0, jsonPost("/dbconnections/signup", { ...auth0, client_id: "nope" }));
    }
    const link = linkOf(harness.mailer.lastTo("annsmith@example.com"));
    await send(harness.baas, new Request(link));
    const statuses = texts.map((text) => Number(text.slice(0, 3)));
    expect(new Set(statuses)).toEqual(new Set([200, 400, 401, 403, 409]));
    for (const password of VARIANTS) {
      for (const text of texts) expect(text).not.toContain(password);
    }
    for (const text of texts) {
      expect(text).not.toMatch(/\$2[aby]?\$|insecure-sha256/);
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("a successful body holds no password or hash field", async () => {
    const harness = createHarness();
    const nec = await read(
      await harness.baas(
        jsonPost("/1/direct/users", { email: "p@example.com", password: SECRET }, appHeaders()),
      ),
    );
    const body = { client_id: CLIENT_ID, connection: CONNECTION, email: "p@example.com", password: SECRET };
    const auth0 = await read(await harness.auth0(jsonPost("/dbconnections/signup", body)));
    for (const result of [nec, auth0]) {
      expect(result.status).toBe(200);
      expect(Object.keys(result.body as object).join()).not.toMatch(/password|hash/i);
    }
  });
});
