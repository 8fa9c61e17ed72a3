import { SignupError } from "../../errors/signup-error.js";
import type { Row, SqlDriver, SqlResult, SqlSession } from "../sql/driver.js";

/** A value libSQL binds. */
export type LibsqlValue = null | string | number | bigint | boolean | Uint8Array | ArrayBuffer | Date;

/** What `execute` resolves to in `@libsql/client`. */
export interface LibsqlResultLike {
  /** The rows returned. */
  rows: unknown[];
  /** Rows inserted, updated or deleted. */
  rowsAffected: number;
}

/** The part of a `@libsql/client` transaction the store uses. */
export interface LibsqlTransactionLike {
  /** Runs one statement inside the transaction. */
  execute(statement: { sql: string; args: LibsqlValue[] }): Promise<LibsqlResultLike>;
  /** Commits the transaction. */
  commit(): Promise<void>;
  /** Rolls the transaction back. */
  rollback(): Promise<void>;
  /** Frees the transaction (after commit or rollback). */
  close(): void;
}

/** The part of a `@libsql/client` Client (`createClient({ url: "file:…" })`) the store uses. */
export interface LibsqlClientLike {
  /** Runs one statement. */
  execute(statement: { sql: string; args: LibsqlValue[] }): Promise<LibsqlResultLike>;
  /** Opens a transaction; `write` takes the write lock up front (BEGIN IMMEDIATE). */
  transaction(mode: "write"): Promise<LibsqlTransactionLike>;
}

const READS = /^\s*SELECT\b/i;

/** A libSQL row keeps its columns as named properties; copy them into a plain object. */
function toResult(result: LibsqlResultLike, text: string): SqlResult {
  const rows = (result.rows as Row[]).map((row) => ({ ...row }));
  return { rows, changes: READS.test(text) ? 0 : result.rowsAffected };
}

/** An asynchronous driver over `@libsql/client`: each transaction is a `write` transaction (BEGIN IMMEDIATE). */
export function libsqlDriver(client: LibsqlClientLike): SqlDriver {
  if (typeof client?.execute !== "function" || typeof client.transaction !== "function") {
    throw new SignupError("invalid_config", { message: "createLibsqlStore needs a @libsql/client Client." });
  }
  const session = (target: Pick<LibsqlClientLike, "execute">): SqlSession => ({
    async run(statement, values = []) {
      return toResult(
        await target.execute({ sql: statement.text, args: values as LibsqlValue[] }),
        statement.text,
      );
    },
  });
  return {
    sync: false,
    ...session(client),
    async transaction(work) {
      const tx = await client.transaction("write");
      try {
        const result = await work(session(tx));
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      } finally {
        tx.close();
      }
    },
  };
}
