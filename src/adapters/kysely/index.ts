export { mysqlDialect } from "../mysql/mysql-dialect.js";
export { postgresDialect } from "../postgres/postgres-dialect.js";
export type { SqlDialect } from "../sql/dialect.js";
export { sqliteDialect } from "../sqlite/sqlite-dialect.js";
export { createKyselyStore, type KyselyStoreOptions } from "./kysely-store.js";
