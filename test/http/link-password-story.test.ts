import { createInsecureTestHasher } from "signupkit/testing";
import { describe, expect, it } from "vitest";
import {
  appHeaders,
  CLIENT_ID,
  CONNECTION,
  createHarness,
  type Harness,
  jsonPost,
  linkOf,
  read,
} from "./helpers.js";

const VICTIM = "victim@example.com";
const VICTIM_PASSWORD = "Own-Secret-9q";
const ATTACKER_PASSWORD = "Attack3r-Pa55";
const hasher = createInsecureTestHasher();

/** Follows a mailed link as a browser does: GET the page, fill the form's password field, POST the form. */
async function follow(handler: Harness["baas"], link: URL, password: string | undefined) {
  const page = await handler(new Request(link));
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<input type="password" name="password" autocomplete="current-password">');
  const action = html.match(/<form method="post" action="([^"]+)">/)?.[1]?.replaceAll("&amp;", "&") as string;
  const token = html.match(/name="token" value="([^"]+)"/)?.[1] as string;
  const fields = new URLSearchParams({ token, ...(password === undefined ? {} : { password }) });
  const post = await handler(
    new Request(new URL(action, link), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields,
    }),
  );
  return { status: post.status, html: await post.text() };
}

describe("NEC confirmation link with a pre-registered attacker (GET page → form → POST)", () => {
  it("the attacker's link refuses the victim's password and creates nothing; the victim's own link works", async () => {
    const h = createHarness();
    const signup = (password: string) =>
      h.baas(jsonPost("/1/confirming/users", { email: VICTIM, password }, appHeaders()));
    expect((await signup(ATTACKER_PASSWORD)).status).toBe(200);
    const attackers = linkOf(h.mailer.lastTo(VICTIM));
    expect((await signup(VICTIM_PASSWORD)).status).toBe(200);
    const victims = linkOf(h.mailer.lastTo(VICTIM));

    const refused = await follow(h.baas, attackers, VICTIM_PASSWORD);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("not the password chosen at signup");
    expect(refused.html).toContain('name="password"');
    expect(refused.html).not.toContain(VICTIM_PASSWORD);
    expect(await h.store.findUserByEmail("confirming", VICTIM)).toBeNull();
    const empty = await follow(h.baas, attackers, undefined);
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Please enter the password");
    expect(await h.store.findUserByEmail("confirming", VICTIM)).toBeNull();

    const done = await follow(h.baas, victims, VICTIM_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.html).toContain("Registration complete");
    const user = await h.store.findUserByEmail("confirming", VICTIM);
    expect(await hasher.verify(VICTIM_PASSWORD, user?.passwordHash as string)).toBe(true);
  });
});

describe("Auth0 verification link with a pre-registered attacker (GET page → form → POST)", () => {
  it("the victim cannot mark the attacker's account verified; its owner can", async () => {
    const h = createHarness();
    const signup = async (password: string) =>
      read(
        await h.auth0(
          jsonPost("/dbconnections/signup", {
            client_id: CLIENT_ID,
            connection: CONNECTION,
            email: VICTIM,
            password,
          }),
        ),
      );
    expect((await signup(ATTACKER_PASSWORD)).status).toBe(200);
    expect((await signup(VICTIM_PASSWORD)).status).toBe(409);
    const link = linkOf(h.mailer.lastTo(VICTIM));

    const refused = await follow(h.auth0, link, VICTIM_PASSWORD);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("not the password chosen at signup");
    expect((await h.store.findUserByEmail(CONNECTION, VICTIM))?.emailVerified).toBe(false);

    const done = await follow(h.auth0, link, ATTACKER_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.html).toContain("Email address verified");
    expect((await h.store.findUserByEmail(CONNECTION, VICTIM))?.emailVerified).toBe(true);
  });
});
