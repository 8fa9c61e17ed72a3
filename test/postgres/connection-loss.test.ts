import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, requireDatabaseOnCi } from "./database-url.js";
import { outcome, unavailable, type World, world } from "./lock-world.js";
import { type OwnCluster, startOwnCluster } from "./own-cluster.js";

requireDatabaseOnCi("test/postgres/connection-loss.test.ts");

/**
 * A connection lost while the store holds it (backend terminated, server restarted) must answer 503 `unavailable`,
 * leave nothing half-stored, keep the process alive (an unhandled `'error'` event on a checked-out pg client would
 * end it: vitest fails the run on such an uncaught error) and let the retry succeed.
 */

/** A confirmation waiting on a lock loses its connection (`kill`), answers 503, and the retry confirms. */
async function confirmationLosesConnection(w: World, kill: (pid: number) => Promise<void>, email: string) {
  const token = await w.pending(email);
  const release = await w.lock("users");
  try {
    const confirming = outcome(w.confirm(token));
    await kill(await w.waiter("users"));
    await unavailable(confirming);
  } finally {
    await release();
  }
  expect(await w.count("users", email)).toBe(0);
  expect(await w.count("claims", email)).toBe(1);
  const confirmed = await w.confirm(token);
  expect(confirmed.user.email).toBe(email);
  expect(await w.count("users", email)).toBe(1);
}

/** A signup whose INSERT waits on a lock loses its connection, answers 503, and the retry creates the user. */
async function insertLosesConnection(w: World, kill: (pid: number) => Promise<void>, email: string) {
  const release = await w.lock("users");
  try {
    const signingUp = outcome(w.signup(email));
    await kill(await w.waiter("users"));
    await unavailable(signingUp);
  } finally {
    await release();
  }
  expect(await w.count("users", email)).toBe(0);
  expect((await w.signup(email)).status).toBe("created");
  expect(await w.count("users", email)).toBe(1);
}

describe.runIf(databaseUrl !== undefined)("a connection lost mid-call (pg_terminate_backend)", () => {
  const url = databaseUrl as string;
  const terminate = (w: World) => async (pid: number) => {
    await w.pool.query("SELECT pg_terminate_backend($1)", [pid]);
  };

  it("a confirmation transaction waiting on a lock answers 503; nothing partial is stored; the retry succeeds", async () => {
    const w = await world(url);
    try {
      await confirmationLosesConnection(w, terminate(w), "confirm@example.com");
    } finally {
      await w.close();
    }
  });

  for (const statementTimeout of [5_000, false] as const) {
    it(`a plain INSERT waiting on a lock answers 503 and the retry succeeds (statementTimeout ${statementTimeout})`, async () => {
      const w = await world(url, { statementTimeout });
      try {
        await insertLosesConnection(w, terminate(w), "insert@example.com");
      } finally {
        await w.close();
      }
    });
  }
});

describe.runIf(databaseUrl !== undefined)("a fast server restart mid-call", () => {
  let cluster: OwnCluster;
  beforeAll(async () => {
    cluster = await startOwnCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it("a confirmation waiting on a lock and a waiting INSERT answer 503; the retries succeed", async () => {
    const w = await world(cluster.url);
    try {
      await confirmationLosesConnection(w, () => cluster.restart(), "confirm@example.com");
      await insertLosesConnection(w, () => cluster.restart(), "insert@example.com");
    } finally {
      await w.close();
    }
  }, 120_000);
});
