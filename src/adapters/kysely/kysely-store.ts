import type { Kysely } from "kysely";
import { SignupError } from "../../errors/signup-error.js";
import { createSqlStore, type SqlStore, type SqlStoreOptions } from "../sql/sql-store.js";
import { DIALECTS, dialectOf, kyselyDriver } from "./kysely-driver.js";

/** Options of {@link createKyselyStore}. */
export interface KyselyStoreOptions extends SqlStoreOptions {
  /**
   * The engine behind the Kysely instance (PostgreSQL, MySQL/MariaDB or SQLite), for a Kysely dialect whose adapter
   * is none of Kysely's own three. Default: detected from the adapter.
   */
  dialect?: "postgres" | "mysql" | "sqlite";
}

/**
 * A `UserStore` on the database behind a Kysely instance: PostgreSQL, MySQL/MariaDB or SQLite, whichever Kysely
 * dialect it was built with. Pass a transaction (`trx` inside `db.transaction().execute(...)`) and the store runs in
 * it: what it writes commits or rolls back with your own work. The tables are signupkit's own (`migrate()` creates
 * them); query them with Kysely through `store.tables`.
 *
 * @example
 * import { Kysely, PostgresDialect } from "kysely";
 * import pg from "pg";
 * import { createKyselyStore } from "signupkit/kysely";
 *
 * const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString }) }) });
 * const store = createKyselyStore(db);
 * await store.migrate();
 * const service = createSignupService({ store, tenants: { app: { policy: baasPolicy() } } });
 *
 * @example
 * // Inside the host's transaction: the signup and the app's own rows commit together.
 * await db.transaction().execute(async (trx) => {
 *   const result = await createSignupService({ store: createKyselyStore(trx), tenants }).signup(body, ctx);
 *   await trx.insertInto("profiles").values({ userId: result.user.id }).execute();
 * });
 */
export function createKyselyStore<DB>(db: Kysely<DB>, options: KyselyStoreOptions = {}): SqlStore {
  const kysely = db as unknown as Kysely<unknown>;
  const dialect = options.dialect === undefined ? dialectOf(kysely) : DIALECTS[options.dialect];
  if (dialect === undefined) {
    throw new SignupError("invalid_config", {
      message: 'createKyselyStore: dialect must be "postgres", "mysql" or "sqlite".',
    });
  }
  return createSqlStore(kyselyDriver(kysely, dialect), dialect, options);
}
