import { SignupError } from "../../errors/signup-error.js";
import { createSqlStore, type SqlStore } from "../sql/sql-store.js";
import { type PostgresClient, toDatabase } from "./client.js";
import { postgresDialect, preparedStatement } from "./postgres-dialect.js";
import type { PostgresStoreOptions } from "./schema.js";

/** A {@link UserStore} on PostgreSQL, plus its schema management. */
export type PostgresStore = SqlStore;

/** The statement bound in ms (undefined: none); throws `invalid_config` for anything but a positive number or false. */
function statementTimeoutOf(value: number | false | undefined): number | undefined {
  if (value === false) return undefined;
  if (value === undefined) return 5_000;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1) {
    throw new SignupError("invalid_config", {
      message: "createPostgresStore: statementTimeout must be a positive number of ms, or false.",
    });
  }
  return value;
}

/**
 * A `UserStore` on PostgreSQL. Pass a `pg.Pool` (recommended), a connected `pg.Client` (runs one operation at a
 * time) or a PGlite instance; neither driver is imported by this module. Every method is atomic across processes:
 * uniqueness comes from the unique constraints, redemptions consume the token row in a transaction, token issues
 * are conditional statements. `insertUser` is one prepared INSERT (one round trip); a unique violation (23505)
 * maps by constraint name to the `id`, `email` or `username` conflict. Serialization failures and deadlocks are
 * retried; any other failure (connection refused, timeout) is thrown as it is, after ROLLBACK, with pooled
 * connections released. Run `migrate()` once, or apply {@link postgresSchema} with your migration tool.
 *
 * @example
 * import pg from "pg";
 * import { createPostgresStore } from "signupkit/postgres";
 *
 * const store = createPostgresStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await store.migrate();
 * const service = createSignupService({ store, tenants: { app: { policy: baasPolicy() } } });
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite";
 * const store = createPostgresStore(new PGlite(), { schema: "signupkit" });
 */
export function createPostgresStore(
  client: PostgresClient,
  options: PostgresStoreOptions = {},
): PostgresStore {
  const db = toDatabase(client, { statementTimeoutMs: statementTimeoutOf(options.statementTimeout) });
  return createSqlStore(
    db,
    postgresDialect,
    options,
    options.prepare === false ? undefined : preparedStatement,
  );
}
