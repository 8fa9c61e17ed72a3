import { describe, expect, it } from "vitest";
import { databaseUrl, requireDatabaseOnCi } from "./database-url.js";
import { outcome, unavailable, type World, world } from "./lock-world.js";

requireDatabaseOnCi("test/postgres/statement-timeout.test.ts");

/**
 * A 503 means nothing was committed: a statement still waiting when the service gives up must not commit later.
 * The store bounds its writes on the server (statementTimeout 400 ms, below the service's store timeout of
 * 1 500 ms); another session holds the table past both, then lets go.
 */
const SERVICE_TIMEOUT = 1_500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds `table` past the service timeout while `call` runs; returns the call's error, after the lock is gone. */
async function pastTheTimeout(w: World, table: string, call: () => Promise<unknown>) {
  const release = await w.lock(table);
  const settled = outcome(call());
  await pause(SERVICE_TIMEOUT + 500);
  await release();
  await unavailable(settled);
  await pause(300); // what was still queued on the server would have committed by now
}

describe.runIf(databaseUrl !== undefined)("a statement past the timeout commits nothing", () => {
  const url = databaseUrl as string;

  it("a signup's INSERT held on a lock: 503, no row after the lock goes, the retry is created", async () => {
    const w = await world(url, { statementTimeout: 400 }, SERVICE_TIMEOUT);
    try {
      await pastTheTimeout(w, "users", () => w.signup("held@example.com"));
      expect(await w.count("users", "held@example.com")).toBe(0);
      expect((await w.signup("held@example.com")).status).toBe("created");
    } finally {
      await w.close();
    }
  });

  it("a confirmation held on a lock: 503, no user and the claim kept, the retry confirms", async () => {
    const w = await world(url, { statementTimeout: 400 }, SERVICE_TIMEOUT);
    try {
      const token = await w.pending("held@example.com");
      await pastTheTimeout(w, "users", () => w.confirm(token));
      expect(await w.count("users", "held@example.com")).toBe(0);
      expect(await w.count("claims", "held@example.com")).toBe(1);
      expect((await w.confirm(token)).user.email).toBe("held@example.com");
    } finally {
      await w.close();
    }
  });
});
