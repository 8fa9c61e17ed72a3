import { SignupError } from "../../errors/signup-error.js";
import type { Row, SqlDriver, SqlResult, SqlSession } from "../sql/driver.js";

/** A query as node-postgres takes it; `name` makes it a prepared statement, parsed once per connection. */
export interface PgQueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

/** What a query resolves to, in both drivers: rows, and the count of rows written (pg `rowCount`, PGlite `affectedRows`). */
export interface QueryResultLike {
  rows: Row[];
  rowCount?: number | null;
  affectedRows?: number;
}

/** The part of a `pg.PoolClient` the store uses (a connection checked out of a pool). */
export interface PgPoolClientLike {
  query(config: PgQueryConfig): Promise<QueryResultLike>;
  /** `release(true)` destroys the connection instead of returning it to the pool. */
  release(destroy?: boolean | Error): void;
}

/** The part of a `pg.Pool` the store uses. */
export interface PgPoolLike {
  query(config: PgQueryConfig): Promise<QueryResultLike>;
  connect(): Promise<PgPoolClientLike>;
  readonly totalCount: number;
}

/** The part of a connected `pg.Client` the store uses. */
export interface PgClientLike {
  query(config: PgQueryConfig): Promise<QueryResultLike>;
}

/** The part of a PGlite transaction the store uses. */
export interface PGliteTransactionLike {
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
}

/** The part of a PGlite instance (`@electric-sql/pglite`) the store uses. */
export interface PGliteLike {
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  exec(text: string): Promise<unknown>;
  transaction<T>(callback: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
}

/** A database handle the store accepts: a `pg.Pool`, a connected `pg.Client`, or a PGlite instance. */
export type PostgresClient = PgPoolLike | PgClientLike | PGliteLike;

type Session = SqlSession;
type Work<T> = (session: Session) => T | Promise<T>;

/** What the store runs on, whichever client it was given. */
export interface Database extends SqlDriver {
  /** Runs `work` in BEGIN ... COMMIT on one connection; ROLLBACK (and rethrow) when anything in it throws. */
  transaction<T>(work: Work<T>): Promise<T>;
}

const toResult = (result: QueryResultLike): SqlResult => ({
  rows: result.rows,
  changes: result.rowCount ?? result.affectedRows ?? 0,
});

const BEGIN = { text: "BEGIN" };
const COMMIT = { text: "COMMIT" };
const ROLLBACK = { text: "ROLLBACK" };

function isPGlite(client: PostgresClient): client is PGliteLike {
  const c = client as Partial<PGliteLike>;
  return typeof c.transaction === "function" && typeof c.exec === "function";
}

function isPool(client: PostgresClient): client is PgPoolLike {
  return typeof (client as Partial<PgPoolLike>).connect === "function" && "totalCount" in client;
}

function pgSession(connection: PgClientLike): Session {
  return {
    async run(statement, values) {
      const config: PgQueryConfig = { text: statement.text, values: (values ?? []) as unknown[] };
      if (statement.name !== undefined) config.name = statement.name;
      return toResult(await connection.query(config));
    },
  };
}

/** BEGIN, work, COMMIT on one pg connection; on failure ROLLBACK, and `onBroken` when even that fails. */
async function pgTransaction<T>(connection: PgClientLike, work: Work<T>, onBroken: () => void): Promise<T> {
  try {
    await connection.query(BEGIN);
  } catch (error) {
    onBroken();
    throw error;
  }
  try {
    const result = await work(pgSession(connection));
    await connection.query(COMMIT);
    return result;
  } catch (error) {
    await connection.query(ROLLBACK).catch(onBroken);
    throw error;
  }
}

/** Runs one task at a time: a single pg connection must not interleave a transaction with other queries. */
function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

function fromPool(pool: PgPoolLike): Database {
  return {
    ...pgSession(pool),
    sync: false,
    async transaction(work) {
      const connection = await pool.connect();
      let broken = false;
      try {
        return await pgTransaction(connection, work, () => {
          broken = true;
        });
      } finally {
        connection.release(broken);
      }
    },
  };
}

function fromClient(client: PgClientLike): Database {
  const exclusive = serial();
  const session = pgSession(client);
  return {
    sync: false,
    run: (statement, values) => exclusive(async () => session.run(statement, values)),
    transaction: (work) => exclusive(() => pgTransaction(client, work, () => undefined)),
  };
}

function fromPGlite(db: PGliteLike): Database {
  return {
    sync: false,
    async run(statement, values) {
      return toResult(await db.query(statement.text, (values ?? []) as unknown[]));
    },
    transaction(work) {
      return db.transaction(async (tx) =>
        work({
          run: async (statement, values) =>
            toResult(await tx.query(statement.text, (values ?? []) as unknown[])),
        }),
      );
    },
  };
}

/**
 * Wraps whichever client was given. A pool runs single statements on any connection and each transaction on a
 * connection of its own (always released; destroyed when even ROLLBACK failed). A single `pg.Client` runs one
 * operation at a time. PGlite queues queries and transactions itself.
 */
export function toDatabase(client: PostgresClient): Database {
  if (typeof client !== "object" || client === null || typeof client.query !== "function") {
    throw new SignupError("invalid_config", {
      message: "createPostgresStore needs a pg.Pool, a connected pg.Client or a PGlite instance.",
    });
  }
  if (isPGlite(client)) return fromPGlite(client);
  if (isPool(client)) return fromPool(client);
  return fromClient(client);
}
