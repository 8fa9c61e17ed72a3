import pg from "pg";
import { createPostgresStore } from "signupkit/postgres";
import { testUserStore } from "signupkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrl, requireDatabaseOnCi, uniqueSchema } from "../postgres/database-url.js";
import { race } from "./race.js";

requireDatabaseOnCi("test/storage/postgres-serializable.test.ts");

/**
 * Every transaction SERIALIZABLE, as on CockroachDB and YugabyteDB: conflicting transactions fail with 40001
 * (or 40P01) instead of waiting, and the store must retry them. No advisory lock is taken anywhere.
 */
const SERIALIZABLE = "-c default_transaction_isolation=serializable";

describe.runIf(databaseUrl !== undefined)(
  "postgres store with default_transaction_isolation=serializable",
  () => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: SERIALIZABLE });
    const schemas: string[] = [];
    const fresh = async (tag: string) => {
      const schema = uniqueSchema(tag);
      schemas.push(schema);
      const store = createPostgresStore(pool, { schema });
      await store.migrate();
      return store;
    };
    afterAll(async () => {
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    });

    it("runs serializable: the setting reaches the store's connections", async () => {
      const { rows } = await pool.query("SHOW default_transaction_isolation");
      expect(rows[0]?.default_transaction_isolation).toBe("serializable");
    });

    testUserStore(() => fresh("ser"), { describe, it, name: "conformance" });

    it("concurrent migrate() calls all succeed without advisory locks", async () => {
      const schema = uniqueSchema("sermig");
      schemas.push(schema);
      const stores = Array.from({ length: 5 }, () => createPostgresStore(pool, { schema }));
      const results = await Promise.all(stores.map((store) => store.migrate()));
      expect(results.map((r) => r.to)).toEqual([2, 2, 2, 2, 2]);
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM "${schema}".signupkit_schema_version`,
      );
      expect(rows[0]?.n).toBe(2);
    });

    it("four processes sign up the same 1,000 addresses: one row each, every loser 409", async () => {
      const store = await fresh("serrace");
      const schema = schemas.at(-1) as string;
      const winners = await race(
        { RACE_ENGINE: "postgres-serializable", RACE_TARGET: databaseUrl as string, RACE_SCHEMA: schema },
        4,
      );
      const { rows } = await pool.query<{ email_key: string; users: number }>(
        `SELECT email_key, count(*)::int AS users FROM ${store.tables.users} WHERE tenant = 'race' GROUP BY email_key`,
      );
      expect(rows).toHaveLength(1000);
      expect(rows.every((r) => r.users === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.email_key))).toEqual(new Set(winners));
    }, 300_000);
  },
);
