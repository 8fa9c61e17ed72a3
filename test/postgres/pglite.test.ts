import { PGlite } from "@electric-sql/pglite";
import { createPostgresStore, postgresSchema } from "signupkit/postgres";
import { testUserStore } from "signupkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fullUser, redemption, T1, token } from "../../src/testing/fixtures.js";

const db = new PGlite();
afterAll(() => db.close());

let schemas = 0;
/** A fresh schema per store: every check starts empty. */
async function freshStore() {
  const store = createPostgresStore(db, { schema: `kit_${++schemas}`, tablePrefix: "sk_" });
  await store.migrate();
  return store;
}

testUserStore(freshStore, { describe, it, name: "postgres store on PGlite" });

describe("postgres store on PGlite: schema and failures", () => {
  it("migrate() is idempotent and creates the documented constraints", async () => {
    const store = createPostgresStore(db, { schema: "twice" });
    expect(await store.migrate()).toMatchObject({ from: 0, to: 2 });
    expect(await store.migrate()).toMatchObject({ from: 2, to: 2, applied: [] });
    const { rows } = await db.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE connamespace = 'twice'::regnamespace AND contype IN ('p', 'u') ORDER BY conname",
    );
    expect(rows.map((r) => r.conname)).toEqual([
      "signupkit_claims_pkey",
      "signupkit_schema_version_pkey",
      "signupkit_tokens_pkey",
      "signupkit_tokens_subject_key",
      "signupkit_users_email_key",
      "signupkit_users_pkey",
      "signupkit_users_username_key",
    ]);
    expect(store.tables).toEqual({
      users: '"twice"."signupkit_users"',
      claims: '"twice"."signupkit_claims"',
      tokens: '"twice"."signupkit_tokens"',
    });
  });

  it("postgresSchema() is plain DDL that applies cleanly, and names a non-public schema", async () => {
    const ddl = postgresSchema({ schema: "by_hand", tablePrefix: "app_" });
    expect(ddl).toContain('CREATE SCHEMA IF NOT EXISTS "by_hand"');
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS "by_hand"."app_users"');
    expect(postgresSchema()).not.toContain("CREATE SCHEMA");
    await db.exec(ddl);
    const store = createPostgresStore(db, { schema: "by_hand", tablePrefix: "app_" });
    expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
    expect(await store.insertUser(fullUser("u1", T1, "b@example.com", "b"))).toEqual({
      ok: false,
      conflict: "id",
    });
  });

  it("migrate() refuses another application's table of the same name", async () => {
    await db.exec(
      "CREATE SCHEMA foreign_app; CREATE TABLE foreign_app.users (id serial PRIMARY KEY, login text)",
    );
    // Installs made before the prefix existed use unprefixed names: another application's `users` is in the way.
    const store = createPostgresStore(db, { schema: "foreign_app", tablePrefix: "" });
    await expect(store.migrate()).rejects.toMatchObject({
      code: "invalid_config",
      message: expect.stringMatching(/"foreign_app"."users" already existed without signupkit's columns/),
    });
    // Same columns, but not the unique constraints the store relies on: refused as well.
    await db.exec(
      `CREATE SCHEMA lookalike; CREATE TABLE lookalike.users AS SELECT * FROM twice.signupkit_users WITH NO DATA`,
    );
    await expect(
      createPostgresStore(db, { schema: "lookalike", tablePrefix: "" }).migrate(),
    ).rejects.toMatchObject({
      code: "invalid_config",
      message: expect.stringMatching(/without signupkit's unique constraints/),
    });
    // The default names of a new install (signupkit_users, ...) do not collide.
    const prefixed = createPostgresStore(db, { schema: "foreign_app" });
    await prefixed.migrate();
    expect(await prefixed.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
  });

  it("rejects unusable schema names and prefixes", () => {
    expect(() => createPostgresStore(db, { schema: 'x"; DROP TABLE users; --' })).toThrow(/schema/);
    expect(() => createPostgresStore(db, { tablePrefix: "bad-prefix" })).toThrow(/tablePrefix/);
    expect(() => createPostgresStore(db, { tablePrefix: "p".repeat(50) })).toThrow(/63/);
    expect(() => createPostgresStore({} as never)).toThrow(/pg.Pool/);
  });

  it("throws store failures as they are and keeps working afterwards", async () => {
    const store = createPostgresStore(db, { schema: "not_migrated" });
    await expect(store.getUser("u1")).rejects.toMatchObject({ code: "42P01" });
    await expect(store.confirmClaim(redemption("h", T1))).rejects.toMatchObject({ code: "42P01" });
    await store.migrate();
    expect(await store.getUser("u1")).toBeNull();

    const user = fullUser("u1", T1, "a@example.com", "a");
    await store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
      {
        ...token("h1", "confirm", T1, "c1"),
      },
      3,
    );
    // A stamp the database refuses: the insert fails inside the transaction with a non-unique error.
    const bad = { ...redemption("h1", T1), stamp: { at: "not a time", etag: "e" } };
    await expect(store.confirmClaim(bad)).rejects.toMatchObject({ code: "22007" });
    // The transaction rolled back: the token was not consumed, and the database is not left in a transaction.
    expect((await store.confirmClaim(redemption("h1", T1))).ok).toBe(true);
  });

  it("rethrows a unique violation of a constraint it does not own", async () => {
    const store = await freshStore();
    await db.exec(`CREATE UNIQUE INDEX extra_phone ON ${store.tables.users} (phone_number)`);
    expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
    await expect(store.insertUser(fullUser("u2", T1, "b@example.com", "b"))).rejects.toMatchObject({
      code: "23505",
      constraint: "extra_phone",
    });
  });
});
