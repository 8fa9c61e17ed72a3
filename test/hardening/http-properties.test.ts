import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRequest, createHttpWorld, requestArb } from "./http-properties.js";

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
