/**
 * `signupkit/sqlite`: a {@link UserStore} on SQLite through better-sqlite3, `node:sqlite`, `bun:sqlite` (all
 * synchronous: the store answers without promises) or `@libsql/client`. No driver is imported by this module:
 * you pass the open database.
 *
 * @example
 * import Database from "better-sqlite3";
 * import { createSqliteStore } from "signupkit/sqlite";
 *
 * const store = createSqliteStore(new Database("app.db"));
 * await store.migrate();
 *
 * @module
 */

export type * from "../adapters/sql/public-types.js";
export * from "../adapters/sqlite/index.js";
export type { UserStore } from "../ports/user-store.js";
