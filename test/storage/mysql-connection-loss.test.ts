import mysql from "mysql2/promise";
import { createMysqlStore } from "signupkit/mysql";
import { afterAll, describe, expect, it } from "vitest";
import { fullUser, T1, token } from "../../src/testing/fixtures.js";
import { rejection } from "../support/rejection.js";
import { mysqlUrl, requireMysqlOnCi } from "./mysql-url.js";

requireMysqlOnCi("test/storage/mysql-connection-loss.test.ts");

/**
 * A connection killed while a transaction holds it (KILL from another session, as a server restart or failover
 * would) rejects that call, keeps the process alive (an unhandled `'error'` event on the checked-out connection would
 * end it: vitest fails the run on such an uncaught error), changes nothing, and the pool serves the retry.
 */
describe.runIf(mysqlUrl !== undefined)("mysql store: a connection lost mid-transaction", () => {
  const pool = mysql.createPool({ uri: mysqlUrl as string, connectionLimit: 4 });
  const prefix = `loss${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}_`;
  afterAll(async () => {
    for (const table of ["users", "claims", "tokens", "schema_version"]) {
      await pool.query(`DROP TABLE IF EXISTS \`${prefix}${table}\``);
    }
    await pool.end();
  });

  it("a deleteClaim waiting on a row lock loses its connection: rejected, nothing deleted, the retry deletes", async () => {
    const store = createMysqlStore(pool, { tablePrefix: prefix });
    await store.migrate();
    const user = fullUser("u1", T1, "a@example.com", "a");
    await store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
      token("h1", "confirm", T1, "c1"),
      3,
    );
    const locker = await mysql.createConnection({ uri: mysqlUrl as string });
    locker.on("error", () => undefined);
    try {
      await locker.beginTransaction();
      await locker.query(`SELECT * FROM \`${prefix}tokens\` FOR UPDATE`);
      const deleting = rejection(Promise.resolve(store.deleteClaim("c1")));
      let waiter: number | undefined;
      for (let i = 0; i < 400 && waiter === undefined; i++) {
        const [rows] = await pool.query(
          "SELECT id FROM information_schema.processlist WHERE info LIKE ? AND id <> CONNECTION_ID()",
          [`DELETE FROM \`${prefix}tokens\`%`],
        );
        waiter = (rows as { id: number }[])[0]?.id;
        if (waiter === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(waiter).toBeDefined();
      await pool.query(`KILL ${Number(waiter)}`);
      expect(await deleting).toBeInstanceOf(Error);
    } finally {
      await locker.rollback().catch(() => undefined);
      await locker.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // a late 'error' event would end the run here
    expect(await store.findLiveClaims(T1, "a@example.com", 1, 5)).toHaveLength(1);
    await store.deleteClaim("c1");
    expect(await store.findLiveClaims(T1, "a@example.com", 1, 5)).toHaveLength(0);
  });
});
