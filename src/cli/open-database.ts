import type { SqlStore } from "../adapters/sql/sql-store.js";

/** A store opened from a URL by the CLI, and how to close its connection. */
export interface OpenedDatabase {
  store: SqlStore;
  close(): Promise<void>;
}

/** Loads a driver from the application's own dependencies, with a hint when it is not installed. */
async function load<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    throw new Error(`${name} is not installed: npm install ${name} (${String(error)})`);
  }
}

/**
 * Opens the store a URL names: `postgres://` or `postgresql://` (pg), `mysql://` or `mariadb://` (mysql2),
 * `sqlite:path` or `file:path` (better-sqlite3, else node:sqlite).
 */
export async function openDatabase(
  url: string,
  options: { tablePrefix?: string; schema?: string },
): Promise<OpenedDatabase> {
  const scheme = url.slice(0, url.indexOf(":") + 1).toLowerCase();
  if (scheme === "postgres:" || scheme === "postgresql:") {
    const pg = await load<{
      default: {
        Pool: new (
          config: object,
        ) => import("../adapters/postgres/client.js").PgPoolLike & { end(): Promise<void> };
      };
    }>("pg");
    const { createPostgresStore } = await import("../adapters/postgres/postgres-store.js");
    const pool = new pg.default.Pool({ connectionString: url, max: 1 });
    return { store: createPostgresStore(pool, options), close: () => pool.end() };
  }
  if (scheme === "mysql:" || scheme === "mariadb:") {
    const mysql = await load<{
      createPool(
        config: object,
      ): import("../adapters/mysql/mysql-driver.js").MysqlPoolLike & { end(): Promise<void> };
    }>("mysql2/promise");
    const { createMysqlStore } = await import("../adapters/mysql/mysql-store.js");
    const pool = mysql.createPool({ uri: url.replace(/^mariadb:/i, "mysql:"), connectionLimit: 1 });
    return { store: createMysqlStore(pool, options), close: () => pool.end() };
  }
  if (scheme === "sqlite:" || scheme === "file:") {
    const path = url.slice(scheme.length).replace(/^\/\//, "");
    const { createSqliteStore } = await import("../adapters/sqlite/sqlite-store.js");
    type Db = import("../adapters/sqlite/sync-sqlite-driver.js").SyncSqliteDatabaseLike & { close(): void };
    let db: Db;
    try {
      const { default: Database } = await load<{ default: new (path: string) => Db }>("better-sqlite3");
      db = new Database(path);
    } catch (error) {
      const nodeSqlite = await import("node:sqlite" as string).catch(() => {
        throw error;
      });
      db = new (nodeSqlite as { DatabaseSync: new (path: string) => Db }).DatabaseSync(path);
    }
    return { store: createSqliteStore(db, options), close: async () => db.close() };
  }
  throw new Error(
    `unsupported URL scheme "${scheme}": use postgres://, mysql://, mariadb://, sqlite: or file:`,
  );
}
