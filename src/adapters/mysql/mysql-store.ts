import { createSqlStore, type SqlStore, type SqlStoreOptions } from "../sql/sql-store.js";
import { mysqlDialect } from "./mysql-dialect.js";
import { type MysqlPoolLike, mysqlDriver } from "./mysql-driver.js";

/**
 * A `UserStore` on MySQL 8 or MariaDB 10.5+ through a mysql2 pool (`mysql2/promise`); mysql2 is not imported by
 * this module: you pass the pool. Key columns use binary collations, so only signupkit's canonical keys decide
 * uniqueness. `options.schema` names the database when it is not the connection's own.
 *
 * @example
 * import mysql from "mysql2/promise";
 * import { createMysqlStore } from "signupkit/mysql";
 *
 * const store = createMysqlStore(mysql.createPool(process.env.MYSQL_URL));
 * await store.migrate();
 * const service = createSignupService({ store, tenants: { app: { policy: baasPolicy() } } });
 */
export function createMysqlStore(
  pool: MysqlPoolLike | { promise(): MysqlPoolLike },
  options: SqlStoreOptions = {},
): SqlStore {
  const promisePool =
    typeof (pool as { promise?: unknown }).promise === "function"
      ? (pool as { promise(): MysqlPoolLike }).promise()
      : (pool as MysqlPoolLike);
  return createSqlStore(mysqlDriver(promisePool), mysqlDialect, options);
}
