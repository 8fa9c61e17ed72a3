/**
 * `signupkit/mysql`: a {@link UserStore} on MySQL 8 or MariaDB through a mysql2 pool. mysql2 is an optional peer
 * dependency that this module never imports: you pass the pool.
 *
 * @example
 * import mysql from "mysql2/promise";
 * import { createMysqlStore } from "signupkit/mysql";
 *
 * const store = createMysqlStore(mysql.createPool(process.env.MYSQL_URL));
 * await store.migrate();
 *
 * @module
 */

export * from "../adapters/mysql/index.js";
export type { Migration } from "../adapters/sql/dialect.js";
export type { MigrateOptions, MigrateResult } from "../adapters/sql/migrate.js";
export type { SqlTableOptions } from "../adapters/sql/names.js";
export type { RetryPolicy } from "../adapters/sql/runner.js";
export type { SqlStore, SqlStoreOptions } from "../adapters/sql/sql-store.js";
export type { UserStore } from "../ports/user-store.js";
