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
    on: () => connection,
    removeListener: () => connection,
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
  it("with statementTimeout: false, inserts a user with ONE named (prepared) statement on the pool", async () => {
    const { pool, calls } = fakePool();
    const store = createPostgresStore(pool, { statementTimeout: false });
    expect(await store.insertUser(fullUser("u1", T1, "a@example.com", "a"))).toEqual({ ok: true });
    expect(await store.insertUser(fullUser("u2", T1, "b@example.com", "b"))).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(first?.text).toMatch(/^INSERT INTO "signupkit_users" /);
    expect(first?.name).toMatch(/^signupkit_[0-9a-f]{16}$/);
    expect(second?.name).toBe(first?.name);
    expect(first?.values).toHaveLength(20);
    const other = fakePool();
    await createPostgresStore(other.pool, { tablePrefix: "x_", statementTimeout: false }).insertUser(
      fullUser("u1", T1, "a@a.a", "a"),
    );
    expect(other.calls[0]?.name).not.toBe(first?.name);
    const unprepared = fakePool();
    await createPostgresStore(unprepared.pool, { prepare: false, statementTimeout: false }).insertUser(
      fullUser("u1", T1, "a@a.a", "a"),
    );
    expect(unprepared.calls[0]?.name).toBeUndefined();
    expect(unprepared.calls[0]?.text).toBe(first?.text);
  });

  it("by default bounds a write on the server: BEGIN with SET LOCAL statement_timeout, the INSERT, COMMIT", async () => {
    const { pool, calls, log, released } = fakePool();
    await createPostgresStore(pool, { statementTimeout: 1234 }).insertUser(fullUser("u1", T1, "a@a.a", "a"));
    expect(calls).toHaveLength(0);
    expect(log).toEqual(["conn: BEGIN;", "conn: INSERT", "conn: COMMIT"]);
    expect(released).toEqual([false]);
    const texts: string[] = [];
    const plain = fakePool(async (config) => {
      texts.push(config.text);
      return { rows: [] };
    });
    await createPostgresStore(plain.pool).confirmClaim(redemption("h", T1));
    expect(texts[0]).toBe("BEGIN; SET LOCAL statement_timeout = 5000");
    for (const statementTimeout of [0, -1, Number.NaN, "5s"]) {
      expect(() => createPostgresStore(pool, { statementTimeout } as never)).toThrow(
        expect.objectContaining({ code: "invalid_config" }),
      );
    }
  });

  it("runs a transaction on its own connection, rolls back on failure and releases the connection", async () => {
    const failure = Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
    const { pool, log, released } = fakePool(async (config) => {
      if (config.text.startsWith("SELECT t.expires_at")) throw failure;
      return { rows: [] };
    });
    await expect(createPostgresStore(pool).confirmClaim(redemption("h", T1))).rejects.toBe(failure);
    expect(log).toEqual(["conn: BEGIN;", "conn: SELECT", "conn: ROLLBACK"]);
    expect(released).toEqual([false]);
  });

  it("destroys the connection when even ROLLBACK fails", async () => {
    const { pool, released } = fakePool(async (config) => {
      if (!config.text.startsWith("BEGIN")) throw new Error("socket closed");
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
    const store = createPostgresStore(client, { statementTimeout: false });
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
