import type { UniqueField } from "../../ports/user-store.js";
import type { SqlNames } from "./names.js";

/** One step of the versioned schema: statements run in order, then the version is recorded. */
export interface Migration {
  /** The schema version this step brings the database to. */
  version: number;
  /** What the step does, for the progress line. */
  description: string;
  /** The SQL statements of the step, in order. */
  statements: string[];
}

/**
 * What differs between SQL engines. The statements, the redemption transactions and the migration runner are
 * written once (in `sql-store.ts`, `operations.ts`, `migrate.ts`); a dialect supplies only these pieces.
 */
export interface SqlDialect {
  readonly name: "postgres" | "sqlite" | "mysql";
  /** Quotes one identifier. */
  quote(identifier: string): string;
  /** Rewrites the core's `?` placeholders into the driver's (`$1`, `$2`, … on PostgreSQL). */
  placeholders(text: string): string;
  /** Appended to a SELECT that must lock its rows until the transaction ends; empty where a write lock is global. */
  readonly forUpdate: string;
  /** `INSERT ... DO NOTHING` on the given unique columns: `[before the table name, after the VALUES list]`. */
  insertIgnore(conflictColumns: string): readonly [string, string];
  /** The select expression of a JSON column as text. */
  jsonText(column: string): string;
  /** The select expression of a time column as `YYYY-MM-DDThh:mm:ss.sssZ`. */
  isoTime(column: string): string;
  /** A text column as compared byte for byte (no collation, no trailing-space padding). */
  exactText(column: string): string;
  /** A boolean as the driver binds it. */
  bool(value: boolean): unknown;
  /** Which users key a unique violation is about; undefined for any other error (rethrown as it is). */
  conflictOf(error: unknown, names: SqlNames): UniqueField | undefined;
  /** A transient failure worth retrying the whole operation for: serialization failure, deadlock. */
  retryable(error: unknown): boolean;
  /** An error that a concurrent migration of the same schema causes (an object created meanwhile). */
  migrationRace(error: unknown): boolean;
  /** Creates the schema version table when it is missing. */
  versionTable(names: SqlNames): string[];
  /** A query listing (as `name`) which of the store's unquoted table names exist. */
  tableExists(names: SqlNames): { text: string; values: unknown[] };
  /** The current time in milliseconds since the epoch, as an SQL expression. */
  readonly now: string;
  /** An extra check after migrating: a query whose `found` column must equal `expected`. */
  verify?(names: SqlNames): { text: string; values: unknown[]; expected: number };
  /** Every up-migration, oldest first; each is idempotent. */
  migrations(names: SqlNames): Migration[];
}
