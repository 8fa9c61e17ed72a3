import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeExample } from "./example-checks.js";
import { type ServerProcess, startServer } from "./server-process.js";

// express.json() runs first: before signupkit/node this hung every signup (the handler waited for a body
// Express had already read).
describeExample("examples/express-server.ts", { parsesJsonFirst: true, echoRoute: true });

describe("examples/express-server.ts: per-address rate limit in beforeCreate", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer(process.execPath, ["--import", "tsx", "examples/express-server.ts"], {
      SIGNUPS_PER_MINUTE: "2",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers 429 with Retry-After once an address used up its signups", async () => {
    const signup = (n: number) =>
      fetch(`${server.url}/1/example-tenant/users`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Application-Id": "example-app",
          "X-Application-Key": "example-app-key",
        },
        body: JSON.stringify({ email: `rate${n}@example.com`, password: "Passw0rd" }),
      });
    expect((await signup(1)).status).toBe(200);
    expect((await signup(2)).status).toBe(200);
    const third = await signup(3);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
