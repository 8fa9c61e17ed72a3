import type { MaybePromise } from "../../ports/user-store.js";

/** A row as the drivers return it: an object keyed by column name. */
export type Row = Record<string, unknown>;

/** A statement the store runs; `name` (PostgreSQL) makes node-postgres prepare it once per connection. */
export interface SqlStatement {
  text: string;
  name?: string;
}

/** What one statement returned: its rows (none for writes) and how many rows it inserted, updated or deleted. */
export interface SqlResult {
  rows: Row[];
  changes: number;
}

/** One connection's worth of querying: a pool, a single connection, or the inside of a transaction. */
export interface SqlSession {
  run(statement: SqlStatement, values?: readonly unknown[]): MaybePromise<SqlResult>;
}

/**
 * What the SQL store runs on: a driver's connection or pool behind one small shape. A synchronous driver
 * (better-sqlite3, node:sqlite, bun:sqlite) sets `sync` and answers every call directly, so the store does too.
 */
export interface SqlDriver extends SqlSession {
  readonly sync: boolean;
  /**
   * Set when the driver bounds each statement of a transaction on the server (PostgreSQL `SET LOCAL
   * statement_timeout`): the store then runs each single writing statement as a transaction of its own, so that a
   * write the caller gave up on is cancelled by the server instead of committing later.
   */
  readonly boundedWrites?: boolean;
  /**
   * Runs `work` in one transaction on one connection: commits what it returns, rolls back and rethrows what it
   * throws. A synchronous driver calls `work` synchronously and returns its result.
   */
  transaction<T>(work: (session: SqlSession) => MaybePromise<T>): MaybePromise<T>;
}
