import Database from "better-sqlite3";
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from "kysely";
import { createPool } from "mysql2";
import pg from "pg";
import { createKyselyStore } from "signupkit/kysely";
import { testUserStore } from "signupkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fullUser, T1 } from "../../src/testing/fixtures.js";
import { databaseUrl, uniqueSchema } from "../postgres/database-url.js";
import { mysqlUrl } from "./mysql-url.js";

describe("kysely store on SQLite (better-sqlite3)", () => {
  const fresh = async () => {
    const store = createKyselyStore(
      new Kysely({ dialect: new SqliteDialect({ database: new Database(":memory:") }) }),
    );
    await store.migrate();
    return store;
  };
  testUserStore(fresh, { describe, it, name: "conformance" });

  it("runs inside the host's transaction: rolled back with it, committed with it", async () => {
    const db = new Kysely<Record<string, never>>({
      dialect: new SqliteDialect({ database: new Database(":memory:") }),
    });
    const outside = createKyselyStore(db);
    await outside.migrate();
    await expect(
      db.transaction().execute(async (trx) => {
        const store = createKyselyStore(trx);
        expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
        expect(await store.getUser("u1")).not.toBeNull();
        throw new Error("host rolls back");
      }),
    ).rejects.toThrow("host rolls back");
    expect(await outside.getUser("u1")).toBeNull();
    await db.transaction().execute(async (trx) => {
      await createKyselyStore(trx).insertUser(fullUser("u1", T1, "a@example.com", "a"));
      await sql`CREATE TABLE app_profiles (user_id TEXT)`.execute(trx);
      await sql`INSERT INTO app_profiles VALUES ('u1')`.execute(trx);
    });
    expect(await outside.getUser("u1")).toMatchObject({ id: "u1" });
    await db.destroy();
  });
});

describe.runIf(databaseUrl !== undefined)("kysely store on PostgreSQL (DATABASE_URL)", () => {
  const db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 10 }) }),
  });
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await sql.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).execute(db);
    await db.destroy();
  });
  testUserStore(
    async () => {
      const schema = uniqueSchema("kysely");
      schemas.push(schema);
      const store = createKyselyStore(db, { schema });
      await store.migrate();
      return store;
    },
    { describe, it, name: "conformance" },
  );
});

describe.runIf(mysqlUrl !== undefined)("kysely store on MariaDB (MYSQL_URL)", () => {
  const db = new Kysely({
    dialect: new MysqlDialect({ pool: createPool({ uri: mysqlUrl as string, connectionLimit: 10 }) }),
  });
  const run = Date.now().toString(36);
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) {
      for (const table of ["users", "claims", "tokens", "schema_version"]) {
        await sql.raw(`DROP TABLE IF EXISTS \`${prefix}${table}\``).execute(db);
      }
    }
    await db.destroy();
  });
  testUserStore(
    async () => {
      const tablePrefix = `ky${run}_${prefixes.length}_`;
      prefixes.push(tablePrefix);
      const store = createKyselyStore(db, { tablePrefix });
      await store.migrate();
      return store;
    },
    { describe, it, name: "conformance" },
  );
});
