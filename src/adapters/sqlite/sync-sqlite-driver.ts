import { SignupError } from "../../errors/signup-error.js";
import type { Row, SqlDriver, SqlResult, SqlSession, SqlStatement } from "../sql/driver.js";

/** A prepared statement of better-sqlite3, node:sqlite or bun:sqlite (positional parameters). */
export interface SqliteStatementLike {
  /** Runs the statement and returns every row. */
  all(...params: unknown[]): unknown[];
  /** Runs a writing statement. */
  run(...params: unknown[]): {
    /** Rows inserted, updated or deleted. */
    changes: number | bigint;
  };
}

/** The part of a synchronous SQLite database (better-sqlite3, node:sqlite `DatabaseSync`, bun:sqlite) the store uses. */
export interface SyncSqliteDatabaseLike {
  /** Compiles one statement. */
  prepare(sql: string): SqliteStatementLike;
  /** Runs statements without parameters (pragmas, BEGIN, COMMIT). */
  exec(sql: string): unknown;
}

const READS = /^\s*SELECT\b/i;

/**
 * A synchronous driver over any of the three synchronous SQLite bindings: statements prepared once and cached by
 * text; a transaction is `BEGIN IMMEDIATE` (it takes the write lock up front, so two writers never deadlock on a
 * lock upgrade) … `COMMIT`, rolled back when the work throws.
 */
export function syncSqliteDriver(db: SyncSqliteDatabaseLike): SqlDriver {
  if (
    typeof db !== "object" ||
    db === null ||
    typeof db.prepare !== "function" ||
    typeof db.exec !== "function"
  ) {
    throw new SignupError("invalid_config", {
      message:
        "createSqliteStore needs a better-sqlite3 Database, a node:sqlite DatabaseSync or a bun:sqlite Database.",
    });
  }
  const cache = new Map<string, SqliteStatementLike>();
  const prepared = (text: string) => {
    let statement = cache.get(text);
    if (statement === undefined) {
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  const session: SqlSession = {
    run(statement: SqlStatement, values: readonly unknown[] = []): SqlResult {
      const prepared_ = prepared(statement.text);
      if (READS.test(statement.text)) return { rows: prepared_.all(...values) as Row[], changes: 0 };
      return { rows: [], changes: Number(prepared_.run(...values).changes) };
    },
  };
  let depth = 0;
  return {
    sync: true,
    run: session.run,
    transaction<T>(work: (s: SqlSession) => T | Promise<T>): T {
      if (depth > 0) return work(session) as T;
      db.exec("BEGIN IMMEDIATE");
      depth++;
      try {
        const result = work(session) as T;
        db.exec("COMMIT");
        return result;
      } catch (error) {
        try {
          db.exec("ROLLBACK");
        } catch {
          // SQLite already rolled the transaction back (a constraint with ON CONFLICT ROLLBACK, a full disk).
        }
        throw error;
      } finally {
        depth--;
      }
    },
  };
}
