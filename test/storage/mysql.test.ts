import mysql from "mysql2/promise";
import { createMysqlStore } from "signupkit/mysql";
import { testUserStore } from "signupkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fullUser, redemption, T1, token } from "../../src/testing/fixtures.js";
import { mysqlUrl, requireMysqlOnCi } from "./mysql-url.js";
import { race } from "./race.js";

requireMysqlOnCi("test/storage/mysql.test.ts");

describe.runIf(mysqlUrl !== undefined)("mysql store on MariaDB (MYSQL_URL)", () => {
  const pool = mysql.createPool({ uri: mysqlUrl as string, connectionLimit: 10 });
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let stores = 0;
  const prefixes: string[] = [];
  const fresh = async (tablePrefix = `sk${run}_${++stores}_`) => {
    prefixes.push(tablePrefix);
    const store = createMysqlStore(pool, { tablePrefix });
    await store.migrate();
    return store;
  };
  afterAll(async () => {
    for (const prefix of prefixes) {
      for (const table of ["users", "claims", "tokens", "schema_version"]) {
        await pool.query(`DROP TABLE IF EXISTS \`${prefix}${table}\``);
      }
    }
    await pool.end();
  });

  testUserStore(() => fresh(), { describe, it, name: "conformance" });

  it("key columns are binary: case variants of a key are distinct, only canonical keys collide", async () => {
    const store = await fresh();
    expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
    const upper = {
      ...fullUser("U1", T1, "A@example.com", "A"),
      emailKey: "A@example.com",
      usernameKey: "A",
    };
    expect(await store.insertUser(upper)).toEqual({ ok: true });
    const accented = {
      ...fullUser("u3", T1, "á@example.com", "á"),
      emailKey: "á@example.com",
      usernameKey: "á",
    };
    const plain = {
      ...fullUser("u4", T1, "a2@example.com", "a2"),
      emailKey: "a@example.com ",
      usernameKey: "a ",
    };
    expect(await store.insertUser(accented)).toEqual({ ok: true });
    // PAD SPACE collations would call "a " equal to "a": binary ones do not.
    expect(await store.insertUser(plain)).toEqual({ ok: true });
  });

  it("replacePasswordHash compares the stored hash byte for byte (no trailing-space padding)", async () => {
    const store = await fresh();
    const user = fullUser("u1", T1, "a@example.com", "a");
    await store.insertUser(user);
    const stored = user.passwordHash as string;
    expect(await store.replacePasswordHash("u1", `${stored} `, "$x$new")).toBe(false);
    expect(await store.replacePasswordHash("u1", stored.toUpperCase(), "$x$new")).toBe(false);
    expect((await store.getUser("u1"))?.passwordHash).toBe(stored);
    expect(await store.replacePasswordHash("u1", stored, "$x$new")).toBe(true);
  });

  it("migrate() refuses another application's table, and records its version", async () => {
    const prefix = `fk${run}_`;
    prefixes.push(prefix);
    await pool.query(`CREATE TABLE \`${prefix}users\` (id INT PRIMARY KEY, login TEXT)`);
    await expect(createMysqlStore(pool, { tablePrefix: prefix }).migrate()).rejects.toMatchObject({
      code: "invalid_config",
      message: expect.stringMatching(/already existed without signupkit's columns/),
    });
    const store = await fresh();
    expect(await store.migrate()).toMatchObject({ from: 1, to: 1, applied: [] });
  });

  it("a failed confirmation rolls back on its own connection and keeps the pool usable", async () => {
    const store = await fresh();
    const user = fullUser("u1", T1, "a@example.com", "a");
    await store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
      token("h1", "confirm", T1, "c1"),
      3,
    );
    const bad = { ...redemption("h1", T1), stamp: { at: "x".repeat(100), etag: "e" } };
    await expect(store.confirmClaim(bad)).rejects.toMatchObject({ errno: 1406 });
    expect(await store.confirmClaim(redemption("h1", T1))).toMatchObject({ ok: true });
  });

  it("a connection killed in the middle of a confirmation consumes nothing; the next try succeeds", async () => {
    const store = await fresh();
    const user = fullUser("u1", T1, "a@example.com", "a");
    await store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
      token("h1", "confirm", T1, "c1"),
      3,
    );
    // A second pool whose transaction connection is killed by the server right after the token was deleted.
    const victim = mysql.createPool({ uri: mysqlUrl as string, connectionLimit: 2 });
    try {
      const original = victim.getConnection.bind(victim);
      victim.getConnection = async () => {
        const connection = await original();
        const query = connection.query.bind(connection) as (
          sql: string,
          values?: unknown[],
        ) => Promise<unknown>;
        (connection as { query: unknown }).query = async (sql: string, values?: unknown[]) => {
          const result = await query(sql, values);
          if (sql.startsWith("DELETE FROM") && sql.includes("tokens")) {
            await pool.query(`KILL CONNECTION ${connection.threadId}`);
          }
          return result;
        };
        return connection;
      };
      await expect(
        createMysqlStore(victim, { tablePrefix: prefixes.at(-1) as string }).confirmClaim(
          redemption("h1", T1),
        ),
      ).rejects.toThrow();
    } finally {
      await victim.end().catch(() => undefined);
    }
    expect(await store.getUser("u1")).toBeNull();
    expect(await store.confirmClaim(redemption("h1", T1))).toMatchObject({ ok: true, user: { id: "u1" } });
  });

  it("four processes sign up the same 1,000 addresses: one row each, every loser 409", async () => {
    // The race workers use the default prefix in a database of their own.
    const database = `race_${run}`;
    await pool.query(`CREATE DATABASE \`${database}\``);
    try {
      const url = new URL(mysqlUrl as string);
      url.pathname = `/${database}`;
      const own = mysql.createPool({ uri: url.toString(), connectionLimit: 1 });
      await createMysqlStore(own).migrate();
      await own.end();
      const winners = await race({ RACE_ENGINE: "mysql", RACE_TARGET: url.toString() }, 4);
      const [rows] = (await pool.query(
        `SELECT CONVERT(email_key USING utf8mb4) AS email_key, count(*) AS users FROM \`${database}\`.signupkit_users WHERE tenant = 'race' GROUP BY email_key`,
      )) as unknown as [{ email_key: string; users: number }[]];
      expect(rows).toHaveLength(1000);
      expect(rows.every((r) => Number(r.users) === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.email_key))).toEqual(new Set(winners));
    } finally {
      await pool.query(`DROP DATABASE \`${database}\``);
    }
  }, 300_000);
});
