import { migrationScript } from "../sql/migrate.js";
import { resolveNames } from "../sql/names.js";
import type { SqlStoreOptions } from "../sql/sql-store.js";
import { postgresDialect } from "./postgres-dialect.js";

/** Where the store's tables live, and how statements are sent. */
export interface PostgresStoreOptions extends SqlStoreOptions {
  /**
   * Send node-postgres named (prepared) statements, parsed once per connection. Default true. Turn it off behind
   * a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21). PGlite ignores it.
   */
  prepare?: boolean;
  /**
   * Server-side bound of every writing statement and of each statement in a transaction, in ms (`SET LOCAL
   * statement_timeout`, sent with `BEGIN` in one round trip). Default 5 000. Keep it below the service's
   * `timeouts.store` (default 10 000): a statement still running when the service gives up with 503 is then
   * cancelled by the server, so a 503 means nothing was committed. A single write becomes a transaction of its own
   * (two more round trips). `false` turns it off: one round trip per write, but a write the service already answered
   * 503 for may still commit later, unless the pool's connections carry a server-side `statement_timeout` of their
   * own (the `statement_timeout` option of `pg.Pool`, below `timeouts.store`). PGlite ignores it.
   */
  statementTimeout?: number | false;
}

/**
 * The SQL of every schema version, idempotent (`CREATE ... IF NOT EXISTS`, the version rows inserted with
 * `ON CONFLICT DO NOTHING`), for your migration tool; or call `store.migrate()`. Needs PostgreSQL 11 or later
 * (or PGlite).
 *
 * - `signupkit_users`: primary key `id` (unique across tenants) and unique `(tenant, email_key)`,
 *   `(tenant, username_key)`; metadata as `jsonb`, times as `timestamptz`.
 * - `signupkit_claims`: pending signups (confirm-before-create), the user record as `jsonb`, `created_at` in ms.
 * - `signupkit_tokens`: digests of mailed tokens, at most one per `(purpose, subject)`, times in ms.
 * - `signupkit_schema_version`: one row per applied version.
 *
 * @example
 * import { postgresSchema } from "signupkit/postgres";
 * await fs.writeFile("migrations/001_signupkit.sql", postgresSchema());
 */
export function postgresSchema(options: PostgresStoreOptions = {}): string {
  return migrationScript(postgresDialect, resolveNames(options, postgresDialect.quote));
}
