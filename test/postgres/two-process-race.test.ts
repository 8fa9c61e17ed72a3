import pg from "pg";
import { createPostgresStore } from "signupkit/postgres";
import { afterAll, describe, expect, it } from "vitest";
import { race } from "../storage/race.js";
import { databaseUrl, requireDatabaseOnCi, uniqueSchema } from "./database-url.js";

requireDatabaseOnCi("test/postgres/two-process-race.test.ts");

describe.runIf(databaseUrl !== undefined)("four processes signing up the same 1,000 addresses", () => {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const schema = uniqueSchema("race");
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("creates exactly one user per address; every loser gets 409 email_exists; nothing fails", async () => {
    const store = createPostgresStore(pool, { schema });
    await store.migrate();
    const winners = await race(
      { RACE_ENGINE: "postgres", RACE_TARGET: databaseUrl as string, RACE_SCHEMA: schema },
      4,
    );
    const { rows } = await pool.query<{ email_key: string; users: number }>(
      `SELECT email_key, count(*)::int AS users FROM ${store.tables.users} WHERE tenant = 'race' GROUP BY email_key`,
    );
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.users === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.email_key))).toEqual(new Set(winners));
  }, 300_000);
});
