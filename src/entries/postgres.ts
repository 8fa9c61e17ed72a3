/**
 * `signupkit/postgres`: a {@link UserStore} on PostgreSQL through node-postgres (`pg.Pool`, `pg.Client`) or PGlite
 * (`@electric-sql/pglite`). Both drivers are optional peer dependencies that this module never imports: you pass
 * the client.
 *
 * @example
 * import pg from "pg";
 * import { createPostgresStore } from "signupkit/postgres";
 *
 * const store = createPostgresStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await store.migrate();
 *
 * @module
 */

export * from "../adapters/postgres/index.js";
export type { Migration } from "../adapters/sql/dialect.js";
export type { MigrateOptions, MigrateResult } from "../adapters/sql/migrate.js";
export type { SqlTableOptions } from "../adapters/sql/names.js";
export type { RetryPolicy } from "../adapters/sql/runner.js";
export type { SqlStore, SqlStoreOptions } from "../adapters/sql/sql-store.js";
export type { UserStore } from "../ports/user-store.js";
