/** The types every SQL store entry (`signupkit/postgres`, `/sqlite`, `/mysql`, `/kysely`) exports. */
export type { Migration } from "./dialect.js";
export type { MigrateOptions, MigrateResult } from "./migrate.js";
export type { SqlTableOptions } from "./names.js";
export type { RetryPolicy } from "./runner.js";
export type { SqlStore, SqlStoreOptions } from "./sql-store.js";
