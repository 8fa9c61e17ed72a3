export type { MysqlConnectionLike, MysqlPoolLike, MysqlQueryResult } from "./mysql-driver.js";
export { createMysqlStore } from "./mysql-store.js";
