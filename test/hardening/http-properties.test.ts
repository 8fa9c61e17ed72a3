import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRequest, createHttpWorld, type RequestSpec, requestArb } from "./http-properties.js";
import { leakedInternal } from "./internals.js";

/**
 * Arbitrary requests against `createBaasHandler` and `createAuth0Handler`: any method, path, headers and body get a
 * documented status with a JSON body in the dialect's shape (HTML only on the mailed-link routes), never a 500,
 * nothing reported to onError, and no echo of the password. `npm run fuzz` runs many more.
 */
describe("HTTP handlers with arbitrary requests", () => {
  it("answer every request with a documented status and body", async () => {
    const world = createHttpWorld();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async (spec) => {
        const status = await checkRequest(world, spec);
        seen.set(status, (seen.get(status) ?? 0) + 1);
      }),
      { numRuns: 1500 },
    );
    // The generator reaches success, conflicts and each class of refusal.
    for (const status of [200, 400, 401, 404, 405, 409, 413, 415]) {
      expect(
        seen.get(status) ?? 0,
        `status ${status} never seen: ${JSON.stringify([...seen])}`,
      ).toBeGreaterThan(0);
    }
  });
});

describe("the internals check", () => {
  it("accepts the client's own metadata key echoed in a 400 (fuzz seed 398480523)", async () => {
    const body = JSON.stringify({
      email: `İ${"a".repeat(77)}@example.com`,
      password: "Xq7!vR2#kLm-9z",
      options: { emailKey: { ["__proto__"]: 0 } },
    });
    const spec: RequestSpec = {
      dialect: "baas",
      method: "POST",
      path: "/1/t1/users",
      headers: [
        ["x-application-id", "app-1"],
        ["x-application-key", "key-1"],
        ["content-type", "application/json"],
      ],
      body,
    };
    expect(await checkRequest(createHttpWorld(), spec)).toBe(400);
  });

  it("still flags stored field names and hashes the client never sent", () => {
    const sent = '{"email":"a@example.com","options":{"emailKey":1}}';
    expect(leakedInternal('{"passwordHash":"x"}', sent, sent)).toBe("passwordHash");
    expect(leakedInternal('{"user":{"usernameKey":"a"}}', sent, sent)).toBe("usernameKey");
    expect(leakedInternal('{"h":"insecure-sha256$ab$cd"}', sent, sent)).toBe("insecure-sha256$");
    // The client used `emailKey` as a key: echoing it is not a leak; a key the client only wrote as text is.
    expect(leakedInternal('{"error":"options.emailKey is invalid"}', sent, sent)).toBeUndefined();
    expect(leakedInternal('{"options":{"emailKey":1}}', sent, sent)).toBeUndefined();
    const textOnly = '{"email":"emailKey@example.com"}';
    expect(leakedInternal('{"emailKey":"emailkey@example.com"}', textOnly, textOnly)).toBe("emailKey");
  });
});
