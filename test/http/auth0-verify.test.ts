import { describe, expect, it } from "vitest";
import { CLIENT_ID, CONNECTION, createHarness, formPost, jsonPost, linkOf, ORIGIN, read } from "./helpers.js";

const VERIFY = `${ORIGIN}/dbconnections/verify`;

async function signedUp(harness: ReturnType<typeof createHarness>, email = "v@example.com") {
  const body = { client_id: CLIENT_ID, connection: CONNECTION, email, password: "Xy9!kL2#pQ" };
  const { status, body: user } = await read(await harness.auth0(jsonPost("/dbconnections/signup", body)));
  expect(status).toBe(200);
  const link = linkOf(harness.mailer.lastTo(email));
  return { id: (user as { _id: string })._id, link, token: link.searchParams.get("token") as string };
}

describe("Auth0 verification link: GET|POST /dbconnections/verify?connection=…&token=…", () => {
  it("GET shows a form and verifies nothing; POST verifies once", async () => {
    const harness = createHarness();
    const { id, link, token } = await signedUp(harness);

    const page = await harness.auth0(new Request(link));
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain(
      '<form method="post" action="/dbconnections/verify?connection=Username-Password-Authentication">',
    );
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect((await harness.store.getUser(id))?.emailVerified).toBe(false);

    const action = `${VERIFY}?connection=${CONNECTION}`;
    const done = await harness.auth0(formPost(action, { token, password: "Xy9!kL2#pQ" }));
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(doneHtml).toContain("Email address verified");
    expect(doneHtml).not.toContain(token);
    expect((await harness.store.getUser(id))?.emailVerified).toBe(true);

    const again = await harness.auth0(formPost(action, { token, password: "Xy9!kL2#pQ" }));
    expect(again.status).toBe(400);
  });

  it.each([
    ["no connection", VERIFY],
    ["an unknown connection", `${VERIFY}?connection=ghost`],
    ["a connection no client lists", `${VERIFY}?connection=direct`],
    ["another connection", `${VERIFY}?connection=plain-auth0`],
  ])("POST with %s is the invalid-link page and consumes nothing", async (_name, url) => {
    const harness = createHarness();
    const { id, token } = await signedUp(harness);
    const response = await harness.auth0(formPost(url, { token, password: "Xy9!kL2#pQ" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("invalid or has already been used");
    expect((await harness.store.getUser(id))?.emailVerified).toBe(false);
  });

  it("GET without a token-shaped token is the invalid-link page", async () => {
    const { auth0 } = createHarness();
    const response = await auth0(new Request(`${VERIFY}?connection=${CONNECTION}&token=short`));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });
});
