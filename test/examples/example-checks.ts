import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startExample } from "./server-process.js";

const NEC_HEADERS = {
  "Content-Type": "application/json",
  "X-Application-Id": "example-app",
  "X-Application-Key": "example-app-key",
};
const AUTH0_BODY = {
  client_id: "example-client",
  connection: "Username-Password-Authentication",
  email: "ann@example.com",
  password: "Xy9!kL2#pQ",
};

/** What an example's app adds around the signup routes. */
export interface ExampleShape {
  /** The app parses JSON before the signup routes, so it (not the dialect) answers malformed JSON with a 400. */
  parsesJsonFirst?: boolean;
  /** The app has its own JSON route `POST /echo` answering `{ echo: body }`, which must keep working. */
  echoRoute?: boolean;
}

/** Starts one framework example over real HTTP and signs up through both dialects: 200, then 409. */
export function describeExample(file: string, shape: ExampleShape = {}): void {
  describe(`${file} over real HTTP`, () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await startExample(file);
    });
    afterAll(async () => {
      await server?.stop();
    });

    const nec = (body: string, headers: Record<string, string> = NEC_HEADERS) =>
      fetch(`${server.url}/1/example-tenant/users`, { method: "POST", headers, body });

    it("prints its listening line first", () => {
      expect(server.output().split("\n")[0]).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+$/);
    });

    it("NEC signup: 200 with the seed's keys, then 409", async () => {
      const body = JSON.stringify({ email: "taro@example.com", password: "Passw0rd" });
      const first = await nec(body);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(Object.keys(await first.json())).toHaveLength(11);
      const second = await nec(body);
      expect(second.status).toBe(409);
      expect(await second.json()).toEqual({ error: expect.any(String) });
    });

    it("Auth0 signup: 200, then 409 user_exists", async () => {
      const post = () =>
        fetch(`${server.url}/dbconnections/signup`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(AUTH0_BODY),
        });
      const first = await post();
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ email: "ann@example.com", email_verified: false });
      const second = await post();
      expect(second.status).toBe(409);
      expect(await second.json()).toMatchObject({ code: "user_exists", statusCode: 409 });
    });

    it("the raw body reaches the handler: 401, 415, 400, 413 and 405 come from the dialect", async () => {
      expect((await nec("{}", { "Content-Type": "application/json" })).status).toBe(401);
      expect((await nec("{}", { ...NEC_HEADERS, "Content-Type": "text/plain" })).status).toBe(415);
      const malformed = await nec('{"email":');
      expect(malformed.status).toBe(400);
      if (!shape.parsesJsonFirst) expect(await malformed.json()).toEqual({ error: expect.any(String) });
      const array = await nec("[1]");
      expect(array.status).toBe(400);
      expect(await array.json()).toEqual({ error: expect.any(String) });
      const huge = await nec(
        JSON.stringify({
          email: "x@example.com",
          password: "Passw0rd",
          options: { pad: "x".repeat(100_000) },
        }),
      );
      expect(huge.status).toBe(413);
      const get = await fetch(`${server.url}/dbconnections/signup`);
      expect(get.status).toBe(405);
      expect(get.headers.get("allow")).toBe("POST");
    });

    if (shape.echoRoute) {
      it("the app's own JSON route still works", async () => {
        const echo = await fetch(`${server.url}/echo`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ hello: "world" }),
          signal: AbortSignal.timeout(5000),
        });
        expect(echo.status).toBe(200);
        expect(await echo.json()).toEqual({ echo: { hello: "world" } });
      });
    }
  });
}
