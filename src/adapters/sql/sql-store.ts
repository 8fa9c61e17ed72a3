import type { UserStore } from "../../ports/user-store.js";
import type { SqlDialect } from "./dialect.js";
import type { SqlDriver, SqlStatement } from "./driver.js";
import {
  type MigrateOptions,
  type MigrateResult,
  migrate,
  migrationScript,
  pendingScript,
} from "./migrate.js";
import { resolveNames, type SqlTableOptions } from "./names.js";
import { buildOperations } from "./operations.js";
import { createRunner, type RetryPolicy } from "./runner.js";
import { buildStatements } from "./statements.js";

/** Options every SQL store takes. */
export interface SqlStoreOptions extends SqlTableOptions {
  /**
   * Retries of an operation that failed with a serialization failure or a deadlock (PostgreSQL 40001/40P01,
   * MySQL 1213), as databases that run SERIALIZABLE by default (CockroachDB, YugabyteDB) report them.
   */
  retry?: RetryPolicy;
}

/** A {@link UserStore} on a SQL database, plus its schema management. */
export interface SqlStore extends UserStore {
  /**
   * Brings the schema to the latest version (see {@link MigrateResult}); idempotent and safe to run from several
   * processes at once. Throws `invalid_config` when a table of the store's name belongs to another application.
   */
  migrate(options?: MigrateOptions): Promise<MigrateResult>;
  /** The SQL that `migrate()` would run on an empty database, for your migration tool. */
  schemaSql(): string;
  /** Reads the database's schema version (changing nothing) and returns the SQL that `migrate()` would run. */
  pendingSql(): Promise<{
    /** The database's schema version (0: no tables yet). */
    version: number;
    /** The latest version this store knows. */
    latest: number;
    /** The SQL that brings the schema from `version` to `latest` (empty when up to date). */
    sql: string;
  }>;
  /** The quoted, qualified table names, for your own queries. */
  readonly tables: {
    /** The users table. */
    readonly users: string;
    /** The pending claims table. */
    readonly claims: string;
    /** The tokens table. */
    readonly tokens: string;
  };
}

/**
 * The one SQL store behind every engine: `driver` runs statements, `dialect` says how the engine spells the few
 * things that differ. Every method is atomic across processes: uniqueness comes from unique constraints,
 * redemptions consume the token row in a transaction (exactly one racer deletes it), token issues are
 * compare-and-set statements. A synchronous driver answers every method synchronously.
 */
export function createSqlStore(
  driver: SqlDriver,
  dialect: SqlDialect,
  options: SqlStoreOptions = {},
  named?: (text: string) => SqlStatement,
): SqlStore {
  const names = resolveNames(options, (name) => dialect.quote(name));
  const ops = buildOperations(buildStatements(names, dialect, named), names, dialect);
  const run = createRunner(driver, (error) => dialect.retryable(error), options.retry);
  return {
    tables: Object.freeze({ users: names.users, claims: names.claims, tokens: names.tokens }),
    migrate: (migrateOptions) => migrate(driver, dialect, names, migrateOptions),
    schemaSql: () => migrationScript(dialect, names),
    pendingSql: () => pendingScript(driver, dialect, names),

    insertUser: (user) => run(() => ops.insertUser(user), "write"),
    getUser: (id) => run(() => ops.getUser(id)),
    findUserByEmail: (tenant, key) => run(() => ops.findUserByEmail(tenant, key)),
    findUserByUsername: (tenant, key) => run(() => ops.findUserByUsername(tenant, key)),
    replacePasswordHash: (userId, expected, next) =>
      run(() => ops.replacePasswordHash(userId, expected, next), "write"),
    insertClaim: (claim, token, keep) => run(() => ops.insertClaim(claim, token, keep), "transaction"),
    deleteClaim: (claimId) => run(() => ops.deleteClaim(claimId), "transaction"),
    findLiveClaims: (tenant, key, now, limit) => run(() => ops.findLiveClaims(tenant, key, now, limit)),
    peekToken: (lookup) => run(() => ops.peekToken(lookup)),
    recordFailedAttempt: (tokenHash, limit) =>
      run(() => ops.recordFailedAttempt(tokenHash, limit), "transaction"),
    confirmClaim: (redemption) => run(() => ops.confirmClaim(redemption), "transaction"),
    issueToken: (token, replaces) => run(() => ops.issueToken(token, replaces), "write"),
    latestToken: (purpose, subject) => run(() => ops.latestToken(purpose, subject)),
    verifyEmail: (redemption) => run(() => ops.verifyEmail(redemption), "transaction"),
    purgeExpired: (now) => run(() => ops.purgeExpired(now), "write"),
  };
}
