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
export type * from "../adapters/sql/public-types.js";
export type { UserStore } from "../ports/user-store.js";
