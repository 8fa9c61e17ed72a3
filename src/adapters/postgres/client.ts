import { SignupError } from "../../errors/signup-error.js";

/** A row as both drivers return it (default row mode: an object per row). */
/** One row of a query result, by column name. */
export type Row = Record<string, unknown>;

/** A query as node-postgres takes it; `name` makes it a prepared statement, parsed once per connection. */
export interface PgQueryConfig {
  /** The SQL text with `$1`-style parameters. */
  text: string;
  /** The parameter values. */
  values?: unknown[];
  /** A statement name: prepared once per connection. */
  name?: string;
}

/** What a query resolves to, in both drivers. */
export interface QueryResultLike {
  /** The rows returned. */
  rows: Row[];
}

/** The part of a `pg.PoolClient` the store uses (a connection checked out of a pool). */
export interface PgPoolClientLike {
  /** Runs one query on this connection. */
  query(config: PgQueryConfig): Promise<QueryResultLike>;
  /** `release(true)` destroys the connection instead of returning it to the pool. */
  release(destroy?: boolean | Error): void;
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
  /** Runs several statements (the schema). */
  exec(text: string): Promise<unknown>;
  /** Runs `callback` in one transaction. */
  transaction<T>(callback: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
}

/** A database handle the store accepts: a `pg.Pool`, a connected `pg.Client`, or a PGlite instance. */
export type PostgresClient = PgPoolLike | PgClientLike | PGliteLike;

/** A statement the store runs; named statements are prepared once per pg connection. */
export interface Statement {
  text: string;
  name?: string;
}

/** One connection's worth of querying (a pool, a client, or the inside of a transaction). */
export interface Session {
  run(statement: Statement, values?: unknown[]): Promise<Row[]>;
}

/** What the store runs on, whichever client it was given. */
export interface Database extends Session {
  /** Runs `work` in BEGIN ... COMMIT on one connection; ROLLBACK (and rethrow) when anything in it throws. */
  transaction<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script without parameters, as one implicit transaction. */
  script(text: string): Promise<void>;
}

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
      const config: PgQueryConfig = { text: statement.text, values: values ?? [] };
      if (statement.name !== undefined) config.name = statement.name;
      return (await connection.query(config)).rows;
    },
  };
}

/** BEGIN, work, COMMIT on one pg connection; on failure ROLLBACK, and `onBroken` when even that fails. */
async function pgTransaction<T>(
  connection: PgClientLike,
  work: (session: Session) => Promise<T>,
  onBroken: () => void,
): Promise<T> {
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
    async script(text) {
      await pool.query({ text });
    },
  };
}

function fromClient(client: PgClientLike): Database {
  const exclusive = serial();
  const session = pgSession(client);
  return {
    run: (statement, values) => exclusive(() => session.run(statement, values)),
    transaction: (work) => exclusive(() => pgTransaction(client, work, () => undefined)),
    script: (text) => exclusive(async () => void (await client.query({ text }))),
  };
}

function fromPGlite(db: PGliteLike): Database {
  return {
    async run(statement, values) {
      return (await db.query(statement.text, values ?? [])).rows;
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({ run: async (statement, values) => (await tx.query(statement.text, values ?? [])).rows }),
      );
    },
    async script(text) {
      await db.exec(text);
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
