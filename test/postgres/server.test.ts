import { once } from "node:events";
import { createServer } from "node:net";
import pg from "pg";
import { createPostgresStore, type PostgresStore } from "signupkit/postgres";
import { testUserStore } from "signupkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullUser, redemption, T1, token } from "../../src/testing/fixtures.js";
import { databaseUrl, requireDatabaseOnCi, uniqueSchema } from "./database-url.js";

requireDatabaseOnCi("test/postgres/server.test.ts");

describe("a pool whose server is unreachable", () => {
  it("rejects every call with the connection error, as it is", async () => {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, "close");
    const pool = new pg.Pool({ host: "127.0.0.1", port, user: "x", connectionTimeoutMillis: 5000 });
    try {
      const store = createPostgresStore(pool);
      await expect(store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).rejects.toMatchObject({
        code: "ECONNREFUSED",
      });
      await expect(store.confirmClaim(redemption("h", T1))).rejects.toMatchObject({ code: "ECONNREFUSED" });
      expect(pool.totalCount).toBe(0);
    } finally {
      await pool.end();
    }
  });
});

describe.runIf(databaseUrl !== undefined)("postgres store on a server (DATABASE_URL)", () => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const client = new pg.Client({ connectionString: databaseUrl });
  const schemas: string[] = [];
  const fresh = async (db: pg.Pool | pg.Client, tag: string): Promise<PostgresStore> => {
    const schema = uniqueSchema(tag);
    schemas.push(schema);
    const store = createPostgresStore(db, { schema });
    await store.migrate();
    return store;
  };
  beforeAll(() => client.connect());
  afterAll(async () => {
    await client.end();
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  testUserStore(() => fresh(pool, "pool"), { describe, it, name: "through a pg.Pool" });
  testUserStore(() => fresh(client, "client"), { describe, it, name: "through one pg.Client" });

  describe("failures", () => {
    it("a failed call rejects with the database's error and leaves a one-connection pool usable", async () => {
      const single = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      try {
        const schema = uniqueSchema("single");
        schemas.push(schema);
        const store = createPostgresStore(single, { schema });
        await expect(store.getUser("u1")).rejects.toMatchObject({ code: "42P01" });
        await expect(store.confirmClaim(redemption("h", T1))).rejects.toMatchObject({ code: "42P01" });
        await store.migrate();
        const user = fullUser("u1", T1, "a@example.com", "a");
        await store.insertClaim(
          { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
          token("h1", "confirm", T1, "c1"),
          3,
        );
        const bad = { ...redemption("h1", T1), stamp: { at: "not a time", etag: "e" } };
        await expect(store.confirmClaim(bad)).rejects.toMatchObject({ code: "22007" });
        // Rolled back and released: the only connection works, and the token was not consumed.
        expect((await store.confirmClaim(redemption("h1", T1))).ok).toBe(true);
        const unstorable = token("h2", "verify", T1, "u1", { expiresAt: Number.NaN });
        await expect(store.issueToken(unstorable, null)).rejects.toMatchObject({ code: "22P02" });
        expect(await store.issueToken(token("h3", "verify", T1, "u1"), null)).toBe(true);
        expect(single.totalCount).toBe(1);
      } finally {
        await single.end();
      }
    });

    it("maps each unique violation by constraint name, and rethrows one it does not own", async () => {
      const store = await fresh(pool, "map");
      expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
      expect(await store.insertUser(fullUser("u1", T1, "b@example.com", "b"))).toEqual({
        ok: false,
        conflict: "id",
      });
      expect(await store.insertUser(fullUser("u2", T1, "a@example.com", "b"))).toEqual({
        ok: false,
        conflict: "email",
      });
      expect(await store.insertUser(fullUser("u2", T1, "b@example.com", "a"))).toEqual({
        ok: false,
        conflict: "username",
      });
      await pool.query(`CREATE UNIQUE INDEX extra_phone ON ${store.tables.users} (phone_number)`);
      await expect(store.insertUser(fullUser("u2", T1, "b@example.com", "b"))).rejects.toMatchObject({
        code: "23505",
        constraint: "extra_phone",
      });
    });

    it("concurrent migrate() calls on one database all succeed", async () => {
      const schema = uniqueSchema("migrate");
      schemas.push(schema);
      const stores = Array.from({ length: 5 }, () => createPostgresStore(pool, { schema }));
      await Promise.all(stores.map((store) => store.migrate()));
      expect(await stores[0]?.getUser("nobody")).toBeNull();
    });
  });
});
