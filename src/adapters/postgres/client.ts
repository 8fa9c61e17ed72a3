import { SignupError } from "../../errors/signup-error.js";
import type { Row, SqlDriver, SqlResult, SqlSession } from "../sql/driver.js";

export type { Row };

/** A query as node-postgres takes it; `name` makes it a prepared statement, parsed once per connection. */
export interface PgQueryConfig {
  /** The SQL text with `$1`-style parameters. */
  text: string;
  /** The parameter values. */
  values?: unknown[];
  /** A statement name: prepared once per connection. */
  name?: string;
}

/** What a query resolves to, in both drivers: rows, and the count of rows written (pg `rowCount`, PGlite `affectedRows`). */
export interface QueryResultLike {
  /** The rows returned. */
  rows: Row[];
  /** Rows written (node-postgres). */
  rowCount?: number | null;
  /** Rows written (PGlite). */
  affectedRows?: number;
}

/** The part of a `pg.PoolClient` the store uses (a connection checked out of a pool). */
export interface PgPoolClientLike {
  /** Runs one query on this connection. */
  query(config: PgQueryConfig): Promise<QueryResultLike>;
  /** `release(true)` destroys the connection instead of returning it to the pool. */
  release(destroy?: boolean | Error): void;
  /** The store listens for `'error'` (a lost connection) while it holds the connection. */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** Removes the store's listener when the connection goes back to the pool healthy. */
  removeListener(event: "error", listener: (error: Error) => void): unknown;
}

/** The part of a `pg.Pool` the store uses. */
export interface PgPoolLike {
  /** Runs one query on any pooled connection. */
  query(config: PgQueryConfig): Promise<QueryResultLike>;
  /** Checks out one connection (for a transaction). */
  connect(): Promise<PgPoolClientLike>;
  /** Connections open now. */
  readonly totalCount: number;
}

/** The part of a connected `pg.Client` the store uses. */
export interface PgClientLike {
  /** Runs one query. */
  query(config: PgQueryConfig): Promise<QueryResultLike>;
}

/** The part of a PGlite transaction the store uses. */
export interface PGliteTransactionLike {
  /** Runs one query inside the transaction. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
}

/** The part of a PGlite instance (`@electric-sql/pglite`) the store uses. */
export interface PGliteLike {
  /** Runs one query. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  /** Runs several statements. */
  exec(text: string): Promise<unknown>;
  /** Runs `callback` in one transaction. */
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

/** How {@link toDatabase} bounds statements. */
export interface DatabaseOptions {
  /** Server-side bound of each statement in a transaction or single write, in ms; undefined for none. */
  statementTimeoutMs?: number | undefined;
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

/** `BEGIN`, with `SET LOCAL statement_timeout` in the same round trip when a bound is set. */
function beginOf(statementTimeoutMs: number | undefined): PgQueryConfig {
  return statementTimeoutMs === undefined
    ? BEGIN
    : { text: `BEGIN; SET LOCAL statement_timeout = ${Math.floor(statementTimeoutMs)}` };
}

/** BEGIN, work, COMMIT on one pg connection; on failure ROLLBACK, and `onBroken` when even that fails. */
async function pgTransaction<T>(
  connection: PgClientLike,
  begin: PgQueryConfig,
  work: Work<T>,
  onBroken: () => void,
): Promise<T> {
  try {
    await connection.query(begin);
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

/**
 * Transactions on a checked-out connection. pg-pool removes its own `'error'` listener at checkout, so a connection
 * lost meanwhile (backend terminated, server restart, failover, TCP reset) would emit an unhandled `'error'` and end
 * the process: the store listens for the whole checkout and destroys a broken connection (`release(true)`) instead
 * of returning it to the pool. Its listener stays on a destroyed connection, which may still report errors.
 */
function fromPool(pool: PgPoolLike, options: DatabaseOptions): Database {
  const begin = beginOf(options.statementTimeoutMs);
  return {
    ...pgSession(pool),
    sync: false,
    boundedWrites: options.statementTimeoutMs !== undefined,
    async transaction(work) {
      const connection = await pool.connect();
      let broken = false;
      const onError = () => {
        broken = true;
      };
      connection.on("error", onError);
      try {
        return await pgTransaction(connection, begin, work, onError);
      } finally {
        if (!broken) connection.removeListener("error", onError);
        connection.release(broken);
      }
    },
  };
}

function fromClient(client: PgClientLike, options: DatabaseOptions): Database {
  const exclusive = serial();
  const session = pgSession(client);
  const begin = beginOf(options.statementTimeoutMs);
  return {
    sync: false,
    boundedWrites: options.statementTimeoutMs !== undefined,
    run: (statement, values) => exclusive(async () => session.run(statement, values)),
    transaction: (work) => exclusive(() => pgTransaction(client, begin, work, () => undefined)),
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
 * connection of its own (always released; destroyed when it was lost or even ROLLBACK failed). A single
 * `pg.Client` runs one operation at a time. With a statement timeout, every transaction opens with
 * `BEGIN; SET LOCAL statement_timeout = N` and the store runs single writes as transactions of their own. PGlite
 * queues queries and transactions itself, in this process only: nothing else can hold its locks, so its statements
 * are not bounded.
 */
export function toDatabase(client: PostgresClient, options: DatabaseOptions = {}): Database {
  if (typeof client !== "object" || client === null || typeof client.query !== "function") {
    throw new SignupError("invalid_config", {
      message: "createPostgresStore needs a pg.Pool, a connected pg.Client or a PGlite instance.",
    });
  }
  if (isPGlite(client)) return fromPGlite(client);
  if (isPool(client)) return fromPool(client, options);
  return fromClient(client, options);
}
