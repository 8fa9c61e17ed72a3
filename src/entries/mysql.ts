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
export type * from "../adapters/sql/public-types.js";
export type { UserStore } from "../ports/user-store.js";
