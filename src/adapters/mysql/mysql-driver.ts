import { SignupError } from "../../errors/signup-error.js";
import type { Row, SqlDriver, SqlResult, SqlSession } from "../sql/driver.js";

/** What `query` resolves to in mysql2's promise API: rows for a SELECT, a result header for a write. */
export type MysqlQueryResult = [unknown, unknown];

/** The part of a mysql2 promise connection the store uses. */
export interface MysqlConnectionLike {
  /** Runs one statement on this connection. */
  query(sql: string, values?: unknown[]): Promise<MysqlQueryResult>;
  /** Starts a transaction. */
  beginTransaction(): Promise<void>;
  /** Commits the transaction. */
  commit(): Promise<void>;
  /** Rolls the transaction back. */
  rollback(): Promise<void>;
  /** Returns the connection to the pool. */
  release(): void;
  /** Closes the connection instead of returning it to the pool. */
  destroy(): void;
}

/** The part of a mysql2 promise pool (`mysql2/promise` `createPool`, or `pool.promise()`) the store uses. */
export interface MysqlPoolLike {
  /** Runs one statement on any pooled connection. */
  query(sql: string, values?: unknown[]): Promise<MysqlQueryResult>;
  /** Checks out one connection (for a transaction). */
  getConnection(): Promise<MysqlConnectionLike>;
}

const utf8 = new TextDecoder();

/** VARBINARY key columns arrive as bytes: decode them to the text they were written as. */
export function decodeKeys(row: Row): Row {
  for (const column in row) {
    const value = row[column];
    if (value instanceof Uint8Array) row[column] = utf8.decode(value);
  }
  return row;
}

function toResult([result]: MysqlQueryResult): SqlResult {
  if (Array.isArray(result)) return { rows: (result as Row[]).map(decodeKeys), changes: 0 };
  return { rows: [], changes: Number((result as { affectedRows?: number }).affectedRows ?? 0) };
}

const session = (target: Pick<MysqlPoolLike, "query">): SqlSession => ({
  async run(statement, values = []) {
    return toResult(await target.query(statement.text, [...values]));
  },
});

/**
 * An asynchronous driver over a mysql2 pool: single statements on any connection, each transaction on a connection
 * of its own (released afterwards; destroyed when even ROLLBACK failed, so a broken connection never returns to
 * the pool).
 */
export function mysqlDriver(pool: MysqlPoolLike): SqlDriver {
  if (typeof pool?.query !== "function" || typeof pool.getConnection !== "function") {
    throw new SignupError("invalid_config", {
      message: "createMysqlStore needs a mysql2 promise Pool (mysql2/promise createPool, or pool.promise()).",
    });
  }
  return {
    sync: false,
    ...session(pool),
    async transaction(work) {
      const connection = await pool.getConnection();
      let broken = false;
      try {
        await connection.beginTransaction();
        const result = await work(session(connection));
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback().catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        if (broken) connection.destroy();
        else connection.release();
      }
    },
  };
}
