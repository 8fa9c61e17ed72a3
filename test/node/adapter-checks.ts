import { expect } from "vitest";
import { auth0Signup, type createWorld, necHeaders, necSignup, send } from "./world.js";

/**
 * The behaviour every framework mounting must show: both dialects sign up (200, then 409), the dialect answers 415
 * and 413 itself, the hooks see the client address and the node request, and the app's other JSON route still works.
 */
export async function checkMounted(
  base: string,
  world: ReturnType<typeof createWorld>,
  tag: string,
): Promise<void> {
  const email = `${tag}@example.com`;
  const first = await necSignup(base, email);
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ email });
  expect((await necSignup(base, email)).status).toBe(409);

  const auth0 = await auth0Signup(base, email);
  expect(auth0.status).toBe(200);
  expect(await auth0.json()).toMatchObject({ email, email_verified: false });
  expect((await auth0Signup(base, email)).status).toBe(409);

  const meta = world.seen.at(-1) as { clientAddress?: unknown; nodeRequest?: { method?: unknown } };
  expect(meta.clientAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  expect(meta.nodeRequest?.method).toBe("POST");

  const text = await necSignup(base, `t-${email}`, { headers: necHeaders("text/plain") });
  expect(text.status).toBe(415);
  const big = JSON.stringify({
    email: `b-${email}`,
    password: "Passw0rd",
    options: { pad: "x".repeat(4000) },
  });
  const tooLarge = await necSignup(base, `b-${email}`, { body: big });
  expect(tooLarge.status).toBe(413);
  expect(await tooLarge.json()).toEqual({ error: expect.any(String) });

  const other = await send(`${base}/other`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ hello: "world" }),
  });
  expect(other.status).toBe(200);
  expect(await other.json()).toEqual({ echo: { hello: "world" } });
}
