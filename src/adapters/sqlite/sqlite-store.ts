import type { MaybePromise } from "../../ports/user-store.js";
import type { SqlDriver } from "../sql/driver.js";
import { createSqlStore, type SqlStore, type SqlStoreOptions } from "../sql/sql-store.js";
import { type LibsqlClientLike, libsqlDriver } from "./libsql-driver.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { type SyncSqliteDatabaseLike, syncSqliteDriver } from "./sync-sqlite-driver.js";

/** Options of the SQLite stores. */
export interface SqliteStoreOptions extends SqlStoreOptions {
  /**
   * Set `journal_mode = WAL` and `busy_timeout` on the connection, so several processes can share the file: readers
   * never wait for the writer, a writer waits up to `busyTimeoutMs` for another. Default true.
   */
  configure?: boolean;
  /** How long a write waits for another connection's write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
}

const pragmas = (options: SqliteStoreOptions) => [
  "PRAGMA journal_mode = WAL",
  `PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`,
];

/**
 * A `UserStore` on SQLite through a synchronous binding: a `better-sqlite3` Database, a `node:sqlite` DatabaseSync
 * (Node 22.5+) or a `bun:sqlite` Database. None is imported by this module: you pass the open database. Every
 * method answers synchronously (no promise), and `migrate()` creates the tables. Processes sharing one file keep
 * the 409 semantics: the unique constraints decide, each write transaction holds SQLite's write lock.
 *
 * @example
 * import Database from "better-sqlite3";
 * import { createSqliteStore } from "signupkit/sqlite";
 *
 * const store = createSqliteStore(new Database("app.db"));
 * await store.migrate();
 * const service = createSignupService({ store, tenants: { app: { policy: baasPolicy() } } });
 *
 * @example
 * import { DatabaseSync } from "node:sqlite";
 * const store = createSqliteStore(new DatabaseSync("app.db"));
 */
export function createSqliteStore(db: SyncSqliteDatabaseLike, options: SqliteStoreOptions = {}): SqlStore {
  const driver = syncSqliteDriver(db);
  if (options.configure !== false) for (const pragma of pragmas(options)) db.exec(pragma);
  return createSqlStore(driver, sqliteDialect, options);
}

/**
 * A `UserStore` on SQLite through `@libsql/client` (a local file, `file:app.db`, or a libSQL server). Asynchronous;
 * otherwise the same store as {@link createSqliteStore}. Call `ready` before the first request when `configure`
 * is on (it sets WAL and the busy timeout), or simply `await store.migrate()`, which waits for it.
 *
 * @example
 * import { createClient } from "@libsql/client";
 * import { createLibsqlStore } from "signupkit/sqlite";
 *
 * const store = createLibsqlStore(createClient({ url: "file:app.db" }));
 * await store.migrate();
 */
export function createLibsqlStore(
  client: LibsqlClientLike,
  options: SqliteStoreOptions = {},
): SqlStore & {
  /** Settles when the connection is configured (WAL, busy timeout); rejects when that failed. */
  ready: Promise<void>;
} {
  const driver = libsqlDriver(client);
  const ready: Promise<void> =
    options.configure === false
      ? Promise.resolve()
      : (async () => {
          for (const pragma of pragmas(options)) await client.execute({ sql: pragma, args: [] });
        })();
  ready.catch(() => undefined);
  const store = createSqlStore(waitFor(driver, ready), sqliteDialect, options);
  return { ...store, ready };
}

/** The driver, with every call waiting for `ready` first. */
function waitFor(driver: SqlDriver, ready: Promise<void>): SqlDriver {
  const after = <T>(call: () => MaybePromise<T>) => ready.then(call);
  return {
    sync: false,
    run: (statement, values) => after(() => driver.run(statement, values)),
    transaction: (work) => after(() => driver.transaction(work)),
  };
}
