import { describe, expect, it } from "vitest";
import { GET, POST } from "../../examples/nextjs/route.js";

const ORIGIN = "http://localhost:3000";

describe("examples/nextjs/route.ts: the exported route handlers with real Requests", () => {
  it("NEC and Auth0 signups: 200, then 409; GET of a signup route is 405", async () => {
    const nec = () =>
      POST(
        new Request(`${ORIGIN}/1/example-tenant/users`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-Application-Id": "example-app",
            "X-Application-Key": "example-app-key",
          },
          body: JSON.stringify({ email: "next@example.com", password: "Passw0rd" }),
        }),
      );
    const first = await nec();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ email: "next@example.com" });
    expect((await nec()).status).toBe(409);

    const auth0 = () =>
      POST(
        new Request(`${ORIGIN}/dbconnections/signup`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            client_id: "example-client",
            connection: "Username-Password-Authentication",
            email: "next@example.com",
            password: "Xy9!kL2#pQ",
          }),
        }),
      );
    expect((await auth0()).status).toBe(200);
    expect(await (await auth0()).json()).toMatchObject({ code: "user_exists", statusCode: 409 });
    expect((await GET(new Request(`${ORIGIN}/dbconnections/signup`))).status).toBe(405);
  });
});
