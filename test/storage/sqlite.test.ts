import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createSqliteStore } from "signupkit/sqlite";
import { testUserStore } from "signupkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fullUser, redemption, T1, token } from "../../src/testing/fixtures.js";
import { race } from "./race.js";

const dir = mkdtempSync(join(tmpdir(), "signupkit-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh in-memory database per check: every check starts empty. */
async function freshStore() {
  const store = createSqliteStore(new Database(":memory:"));
  await store.migrate();
  return store;
}

describe("sqlite store on better-sqlite3", () => {
  testUserStore(freshStore, { describe, it, name: "conformance" });

  it("answers synchronously: no method returns a promise", async () => {
    const store = await freshStore();
    const user = fullUser("u1", T1, "a@example.com", "a");
    const inserted = store.insertUser(user);
    expect(inserted).toEqual({ ok: true });
    expect(store.getUser("u1")).toMatchObject({ id: "u1", emailKey: "a@example.com" });
    expect(store.insertUser({ ...user, id: "u2", username: "b", usernameKey: "b" })).toEqual({
      ok: false,
      conflict: "email",
    });
    const claimUser = fullUser("u3", T1, "c@example.com", "c");
    const result = store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "c@example.com", user: claimUser, createdAt: 0 },
      token("h1", "confirm", T1, "c1"),
      3,
    );
    expect(result).toBeUndefined();
    const confirmed = store.confirmClaim(redemption("h1", T1));
    expect(confirmed).toMatchObject({ ok: true, user: { id: "u3" } });
  });

  it("keeps keys binary: case variants are distinct rows, only canonical keys collide", async () => {
    const store = await freshStore();
    expect(store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
    // Keys are computed by the service; the column itself must not fold case.
    expect(
      store.insertUser({ ...fullUser("u2", T1, "A@example.com", "b"), emailKey: "A@example.com" }),
    ).toEqual({
      ok: true,
    });
  });

  it("migrate() is idempotent, reports its steps, and refuses another application's table", async () => {
    const db = new Database(":memory:");
    const lines: string[] = [];
    const store = createSqliteStore(db);
    expect(await store.migrate({ onProgress: (line) => lines.push(line) })).toMatchObject({ from: 0, to: 1 });
    expect(lines).toEqual([
      "schema version 0",
      "applying version 1: users, claims and tokens tables",
      "schema version 1",
    ]);
    expect(await store.migrate()).toMatchObject({ from: 1, to: 1, applied: [] });
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)");
    await expect(createSqliteStore(db, { tablePrefix: "" }).migrate()).rejects.toMatchObject({
      code: "invalid_config",
      message: expect.stringMatching(/"users" already existed without signupkit's columns/),
    });
    expect(store.schemaSql()).toContain('CREATE TABLE IF NOT EXISTS "signupkit_users"');
  });

  it("a failed confirmation rolls back: the token is still there, the next try succeeds", async () => {
    const db = new Database(":memory:");
    const store = createSqliteStore(db);
    await store.migrate();
    const user = fullUser("u1", T1, "a@example.com", "a");
    store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
      token("h1", "confirm", T1, "c1"),
      3,
    );
    // A trigger the store does not know: the user insert fails with a non-unique error inside the transaction.
    db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON signupkit_users BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END`,
    );
    expect(() => store.confirmClaim(redemption("h1", T1))).toThrow(/refused by trigger/);
    db.exec("DROP TRIGGER refuse");
    expect(store.confirmClaim(redemption("h1", T1))).toMatchObject({ ok: true });
  });

  it("a process killed in the middle of a confirmation consumes nothing: another process then confirms", async () => {
    const file = join(dir, "killed.db");
    const store = createSqliteStore(new Database(file));
    await store.migrate();
    const user = fullUser("u1", T1, "a@example.com", "a");
    store.insertClaim(
      { id: "c1", tenant: T1, emailKey: "a@example.com", user, createdAt: 0 },
      token("h1", "confirm", T1, "c1"),
      3,
    );
    const { spawn } = await import("node:child_process");
    // The child consumes the token inside the store's transaction, then hangs before COMMIT and is killed.
    const child = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import Database from "better-sqlite3";
         const db = new Database(${JSON.stringify(file)});
         db.exec("BEGIN IMMEDIATE");
         db.prepare("DELETE FROM signupkit_tokens WHERE hash = 'h1'").run();
         db.prepare("DELETE FROM signupkit_claims WHERE id = 'c1'").run();
         console.log("inside");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"], cwd: process.cwd() },
    );
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(store.confirmClaim(redemption("h1", T1))).toMatchObject({ ok: true, user: { id: "u1" } });
    expect(store.confirmClaim(redemption("h1", T1))).toEqual({ ok: false, reason: "invalid" });
  });

  it("four processes on one database file: one row per address, every loser 409", async () => {
    const file = join(dir, "race.db");
    const store = createSqliteStore(new Database(file));
    await store.migrate();
    const winners = await race({ RACE_ENGINE: "sqlite", RACE_TARGET: file }, 4);
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare(
        "SELECT email_key, count(*) AS users FROM signupkit_users WHERE tenant = 'race' GROUP BY email_key",
      )
      .all() as { email_key: string; users: number }[];
    db.close();
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.users === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.email_key))).toEqual(new Set(winners));
  }, 240_000);
});
