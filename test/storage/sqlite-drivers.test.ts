import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { createLibsqlStore, createSqliteStore, type SyncSqliteDatabaseLike } from "signupkit/sqlite";
import { testUserStore } from "signupkit/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fullUser, T1 } from "../../src/testing/fixtures.js";
import { race } from "./race.js";

const dir = mkdtempSync(join(tmpdir(), "signupkit-sqlite-drivers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describe("sqlite store on @libsql/client (file mode)", () => {
  const clients: { close(): void }[] = [];
  afterAll(() => {
    for (const client of clients) client.close();
  });
  const fresh = async () => {
    const client = createClient({ url: `file:${join(dir, `kit-${++files}.db`)}` });
    clients.push(client);
    const store = createLibsqlStore(client);
    await store.migrate();
    return store;
  };
  testUserStore(fresh, { describe, it, name: "conformance" });

  it("answers with promises (libSQL is asynchronous)", async () => {
    const store = await fresh();
    const result = store.insertUser(fullUser("u1", T1, "a@example.com", "a"));
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toEqual({ ok: true });
  });

  it("two processes on one database file: one row per address, every loser 409", async () => {
    const file = join(dir, "race.db");
    const client = createClient({ url: `file:${file}` });
    clients.push(client);
    await createLibsqlStore(client).migrate();
    const winners = await race({ RACE_ENGINE: "libsql", RACE_TARGET: file }, 2);
    const { rows } = await client.execute(
      "SELECT email_key, count(*) AS users FROM signupkit_users WHERE tenant = 'race' GROUP BY email_key",
    );
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => Number(r.users) === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.email_key))).toEqual(new Set(winners));
  }, 240_000);
});

/** `node:sqlite` exists from Node 22.5 on; this Node may lack it (Node 20 does). */
function loadNodeSqlite(): { DatabaseSync: new (path: string) => SyncSqliteDatabaseLike } | undefined {
  try {
    return createRequire(import.meta.url)("node:sqlite");
  } catch {
    return undefined;
  }
}
const nodeSqlite = loadNodeSqlite();
if (nodeSqlite === undefined) {
  console.info(
    `[signupkit] node:sqlite is not in Node ${process.versions.node}: its conformance run is skipped here.`,
  );
}

describe.runIf(nodeSqlite !== undefined)("sqlite store on node:sqlite", () => {
  const fresh = async () => {
    const store = createSqliteStore(
      new (nodeSqlite as NonNullable<typeof nodeSqlite>).DatabaseSync(":memory:"),
    );
    await store.migrate();
    return store;
  };
  testUserStore(fresh, { describe, it, name: "conformance" });

  it("answers synchronously", async () => {
    const store = await fresh();
    expect(store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
  });
});
