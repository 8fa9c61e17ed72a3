/**
 * `signupkit/kysely`: a {@link UserStore} on the database behind a Kysely instance (PostgreSQL, MySQL/MariaDB or
 * SQLite), inside the host's transaction when one is passed. Kysely is an optional peer dependency.
 *
 * @example
 * import { createKyselyStore } from "signupkit/kysely";
 * const store = createKyselyStore(db);
 * await store.migrate();
 *
 * @module
 */

export * from "../adapters/kysely/index.js";
export type * from "../adapters/sql/public-types.js";
export type { UserStore } from "../ports/user-store.js";
