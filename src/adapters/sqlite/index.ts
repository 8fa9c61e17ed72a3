export type {
  LibsqlClientLike,
  LibsqlResultLike,
  LibsqlTransactionLike,
  LibsqlValue,
} from "./libsql-driver.js";
export { createLibsqlStore, createSqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
export type { SqliteStatementLike, SyncSqliteDatabaseLike } from "./sync-sqlite-driver.js";
