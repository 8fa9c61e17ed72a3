/** Opens a store of one engine for the race workers and tests: the real driver against the real database. */
import type { SqlStore } from "../../src/adapters/sql/sql-store.js";

export interface OpenedStore {
  store: SqlStore;
  /** Opens the pooled connections before the start signal, so no racer starts behind. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(
  engine: string,
  { target, schema }: { target: string; schema?: string | undefined },
): Promise<OpenedStore> {
  if (engine === "postgres" || engine === "postgres-serializable") {
    const { default: pg } = await import("pg");
    const { createPostgresStore } = await import("../../src/entries/postgres.js");
    const options =
      engine === "postgres-serializable" ? "-c default_transaction_isolation=serializable" : undefined;
    const pool = new pg.Pool({ connectionString: target, max: 10, ...(options ? { options } : {}) });
    const store = createPostgresStore(pool, schema === undefined ? {} : { schema });
    return {
      store,
      warm: async () =>
        void (await Promise.all(Array.from({ length: 10 }, () => pool.query("SELECT pg_sleep(0.01)")))),
      close: () => pool.end(),
    };
  }
  if (engine === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const { createSqliteStore } = await import("../../src/entries/sqlite.js");
    const db = new Database(target);
    return { store: createSqliteStore(db), warm: async () => undefined, close: async () => void db.close() };
  }
  if (engine === "libsql") {
    const { createClient } = await import("@libsql/client");
    const { createLibsqlStore } = await import("../../src/entries/sqlite.js");
    const client = createClient({ url: `file:${target}` });
    const store = createLibsqlStore(client);
    return { store, warm: () => store.ready, close: async () => client.close() };
  }
  if (engine === "mysql") {
    const mysql = await import("mysql2/promise");
    const { createMysqlStore } = await import("../../src/entries/mysql.js");
    const pool = mysql.createPool({ uri: target, connectionLimit: 10 });
    return {
      store: createMysqlStore(pool),
      warm: async () =>
        void (await Promise.all(Array.from({ length: 10 }, () => pool.query("SELECT SLEEP(0.01)")))),
      close: () => pool.end(),
    };
  }
  throw new Error(`unknown engine ${engine}`);
}
