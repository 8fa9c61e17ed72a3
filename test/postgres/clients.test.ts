import { afterEach, describe, expect, it, vi } from "vitest";
import type {
  PgClientLike,
  PgPoolClientLike,
  PgPoolLike,
  PgQueryConfig,
} from "../../src/adapters/postgres/client.js";
import { createPostgresStore } from "../../src/adapters/postgres/postgres-store.js";
import { fullUser, redemption, T1 } from "../../src/testing/fixtures.js";

type Responder = (config: PgQueryConfig) => Promise<{ rows: Record<string, unknown>[] }>;
const none: Responder = async () => ({ rows: [] });

/** A pool that records every query and every release, answering with `respond`. */
function fakePool(respond: Responder = none) {
  const log: string[] = [];
  const released: (boolean | Error | undefined)[] = [];
  const connection: PgPoolClientLike = {
    query: (config) => {
      log.push(`conn: ${config.text.split(" ")[0]}`);
      return respond(config);
    },
    release: (destroy) => released.push(destroy),
  };
  const calls: PgQueryConfig[] = [];
  const pool: PgPoolLike = {
    totalCount: 1,
    query: (config) => {
      calls.push(config);
      log.push(`pool: ${config.text.split(" ")[0]}`);
      return respond(config);
    },
    connect: async () => connection,
  };
  return { pool, calls, log, released };
}

afterEach(() => {
  vi.doUnmock("pg");
  vi.doUnmock("@electric-sql/pglite");
  vi.resetModules();
});

describe("postgres store: how it drives the client", () => {
  it("inserts a user with ONE named (prepared) statement on the pool", async () => {
    const { pool, calls } = fakePool();
    const store = createPostgresStore(pool);
    expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
    expect(await store.insertUser(fullUser("u2", T1, "b@example.com", "b"))).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(first?.text).toMatch(/^INSERT INTO "signupkit_users" /);
    expect(first?.name).toMatch(/^signupkit_[0-9a-f]{16}$/);
    expect(second?.name).toBe(first?.name);
    expect(first?.values).toHaveLength(20);
    const other = fakePool();
    await createPostgresStore(other.pool, { tablePrefix: "x_" }).insertUser(fullUser("u1", T1, "a@a.a", "a"));
    expect(other.calls[0]?.name).not.toBe(first?.name);
    const unprepared = fakePool();
    await createPostgresStore(unprepared.pool, { prepare: false }).insertUser(
      fullUser("u1", T1, "a@a.a", "a"),
    );
    expect(unprepared.calls[0]?.name).toBeUndefined();
    expect(unprepared.calls[0]?.text).toBe(first?.text);
  });

  it("runs a transaction on its own connection, rolls back on failure and releases the connection", async () => {
    const failure = Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
    const { pool, log, released } = fakePool(async (config) => {
      if (config.text.startsWith("SELECT t.expires_at")) throw failure;
      return { rows: [] };
    });
    await expect(createPostgresStore(pool).confirmClaim(redemption("h", T1))).rejects.toBe(failure);
    expect(log).toEqual(["conn: BEGIN", "conn: SELECT", "conn: ROLLBACK"]);
    expect(released).toEqual([false]);
  });

  it("destroys the connection when even ROLLBACK fails", async () => {
    const { pool, released } = fakePool(async (config) => {
      if (config.text !== "BEGIN") throw new Error("socket closed");
      return { rows: [] };
    });
    await expect(createPostgresStore(pool).confirmClaim(redemption("h", T1))).rejects.toThrow(
      "socket closed",
    );
    expect(released).toEqual([true]);
  });

  it("runs one operation at a time on a single pg.Client: nothing slips into a transaction", async () => {
    const log: string[] = [];
    let unblock: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const client: PgClientLike = {
      async query(config) {
        log.push(config.text.split(" ")[0] as string);
        if (config.text.startsWith("SELECT t.expires_at")) await blocked;
        return { rows: [] };
      },
    };
    const store = createPostgresStore(client);
    const confirming = store.confirmClaim(redemption("h", T1));
    const inserting = store.insertUser(fullUser("u1", T1, "a@example.com", "a"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(["BEGIN", "SELECT"]);
    unblock();
    await Promise.all([confirming, inserting]);
    expect(log).toEqual(["BEGIN", "SELECT", "COMMIT", "INSERT"]);
  });

  it("loads without pg or PGlite installed: it never imports them", async () => {
    vi.doMock("pg", () => {
      throw new Error("Cannot find package 'pg'");
    });
    vi.doMock("@electric-sql/pglite", () => {
      throw new Error("Cannot find package '@electric-sql/pglite'");
    });
    vi.resetModules();
    const { createPostgresStore: create, postgresSchema } = await import("signupkit/postgres");
    expect(postgresSchema()).toContain('CREATE TABLE IF NOT EXISTS "signupkit_users"');
    const { pool, calls } = fakePool();
    await create(pool).getUser("u1");
    expect(calls).toHaveLength(1);
  });
});
