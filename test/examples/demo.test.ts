import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServer } from "./server-process.js";

/** `npm start` is `tsx examples/demo-server.ts`. */
const START: [string, string[]] = ["npm", ["start", "--silent"]];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("npm start: the demo server", () => {
  let demo: ServerProcess;
  let appKey: string;
  // A data folder of its own, so runs never see each other's users.
  const dataDir = mkdtempSync(join(tmpdir(), "signupkit-demo-"));
  const env = { DEMO_DATA_DIR: join(dataDir, "not-yet-created") };
  beforeAll(async () => {
    demo = await startServer(...START, env);
    appKey = (await demo.waitFor(/X-Application-Key: (\S+)/))[1] as string;
  });
  afterAll(async () => {
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The link the console mailer printed for the newest mail to `email`. */
  async function mailedLink(email: string): Promise<string> {
    const pattern = new RegExp(`mail to ${escapeRegExp(email)}: [^\\n]*\\n\\[mail\\]\\s+link: (\\S+)`);
    return (await demo.waitFor(pattern))[1] as string;
  }

  /** Opens a mailed link like a browser: GET shows a page (and consumes nothing); `submit` posts its form. */
  async function open(
    link: string,
  ): Promise<{ get: Response; submit(password: string): Promise<{ post: Response; page: string }> }> {
    const get = await fetch(link);
    const html = await get.text();
    const action = html.match(/<form method="post" action="([^"]+)">/)?.[1]?.replaceAll("&amp;", "&");
    const token = html.match(/name="token" value="([^"]+)"/)?.[1];
    expect(action).toBeDefined();
    expect(token).toBe(new URL(link).searchParams.get("token"));
    expect(html).toContain('<input type="password" name="password" autocomplete="current-password">');
    return {
      get,
      async submit(password) {
        const post = await fetch(new URL(action as string, link), {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ token: token as string, password }),
        });
        return { post, page: await post.text() };
      },
    };
  }

  const nec = (tenant: string, body: unknown) =>
    fetch(`${demo.url}/1/${tenant}/users`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Application-Id": "demo-app",
        "X-Application-Key": appKey,
      },
      body: JSON.stringify(body),
    });

  it("listens on the printed URL and prints the credentials and curl lines", () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const output = demo.output();
    expect(output).toContain("master key:");
    expect(output).toContain("client_id demo-client");
    expect(output).toContain(`curl -i ${demo.url}/1/demo-direct/users`);
    expect(output).toContain(`curl -i ${demo.url}/dbconnections/signup`);
  });

  it("NEC without mail: 200 with the user, then 409", async () => {
    const body = { email: "taro@example.com", password: "Passw0rd" };
    const first = await nec("demo-direct", body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ email: "taro@example.com", federated: false });
    expect((await nec("demo-direct", body)).status).toBe(409);
  });

  it("NEC with confirmation: {} and a printed link; GET consumes nothing, POST creates the user", async () => {
    const body = { email: "hanako@example.com", password: "Passw0rd" };
    const first = await nec("demo", body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({});
    const link = await mailedLink("hanako@example.com");
    expect(link.startsWith(`${demo.url}/1/demo/users/confirm?token=`)).toBe(true);

    const opened = await open(link);
    expect(opened.get.status).toBe(200);
    // The GET consumed nothing: no user exists yet, so the same signup is still answered as pending, not 409.
    const pending = await nec("demo", body);
    expect(pending.status).toBe(200);
    expect(await pending.json()).toEqual({});
    const { post, page } = await opened.submit(body.password);
    expect(post.status).toBe(200);
    expect(page).toContain("Registration complete");
    const again = await nec("demo", body);
    expect(again.status).toBe(409);
  });

  it("Auth0 with verification: 200, a printed link that verifies, then 409", async () => {
    const body = {
      client_id: "demo-client",
      connection: "Username-Password-Authentication",
      email: "ann@example.com",
      password: "Xy9!kL2#pQ",
    };
    const signup = () =>
      fetch(`${demo.url}/dbconnections/signup`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const first = await signup();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ email: "ann@example.com", email_verified: false });
    const link = await mailedLink("ann@example.com");
    expect(link).toMatch(/\/dbconnections\/verify\?connection=Username-Password-Authentication&token=/);
    const opened = await open(link);
    expect(opened.get.status).toBe(200);
    const { post, page } = await opened.submit(body.password);
    expect(post.status).toBe(200);
    expect(page).toContain("Email address verified");
    expect((await signup()).status).toBe(409);
  });

  it("prints its listening line first", () => {
    expect(demo.output().split("\n")[0]).toMatch(/^signupkit demo listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("keeps its users and its keys in the data folder across a restart", async () => {
    const body = { email: "persist@example.com", password: "Passw0rd" };
    expect((await nec("demo-direct", body)).status).toBe(200);
    const before = { appKey, master: (await demo.waitFor(/master key: +(\S+)/))[1] };
    await demo.stop();
    demo = await startServer(...START, env);
    // Yesterday's key still works: the restarted demo prints the same keys, and the old one is accepted.
    expect((await demo.waitFor(/X-Application-Key: (\S+)/))[1]).toBe(before.appKey);
    expect((await demo.waitFor(/master key: +(\S+)/))[1]).toBe(before.master);
    expect((await nec("demo-direct", body)).status).toBe(409);
  });

  it("takes DEMO_APP_KEY and DEMO_MASTER_KEY over the kept keys", async () => {
    await demo.stop();
    const keys = { DEMO_APP_KEY: "my-app-key-0001", DEMO_MASTER_KEY: "my-master-key-0001" };
    demo = await startServer(...START, { ...env, ...keys });
    expect((await demo.waitFor(/X-Application-Key: (\S+)/))[1]).toBe("my-app-key-0001");
    expect((await demo.waitFor(/master key: +(\S+)/))[1]).toBe("my-master-key-0001");
    appKey = "my-app-key-0001";
    const created = await nec("demo-direct", { email: "env-key@example.com", password: "Passw0rd" });
    expect(created.status).toBe(200);
  });
});
