import type { CompiledQuery, Kysely } from "kysely";
import { SignupError } from "../../errors/signup-error.js";
import { mysqlDialect } from "../mysql/mysql-dialect.js";
import { decodeKeys } from "../mysql/mysql-driver.js";
import { postgresDialect } from "../postgres/postgres-dialect.js";
import type { SqlDialect } from "../sql/dialect.js";
import type { Row, SqlDriver, SqlSession } from "../sql/driver.js";
import { sqliteDialect } from "../sqlite/sqlite-dialect.js";

/** The engines by name. */
export const DIALECTS: Partial<Record<string, SqlDialect>> = {
  postgres: postgresDialect,
  mysql: mysqlDialect,
  sqlite: sqliteDialect,
};

const BY_ADAPTER: Record<string, SqlDialect> = {
  PostgresAdapter: postgresDialect,
  MysqlAdapter: mysqlDialect,
  SqliteAdapter: sqliteDialect,
};

/**
 * The engine behind a Kysely instance, from its adapter class or the Kysely adapter it extends (this module
 * imports nothing of Kysely at run time, so it loads without it).
 */
export function dialectOf(db: Kysely<unknown>): SqlDialect {
  for (
    let proto = Object.getPrototypeOf(db.getExecutor().adapter);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const dialect = BY_ADAPTER[(proto.constructor as { name?: string } | undefined)?.name ?? ""];
    if (dialect !== undefined) return dialect;
  }
  throw new SignupError("invalid_config", {
    message:
      "createKyselyStore supports Kysely's PostgreSQL, MySQL and SQLite dialects; pass `dialect` for another.",
  });
}

/** What Kysely's `CompiledQuery.raw(text, values)` builds: a raw SQL node with a query id of its own. */
function raw(text: string, values: readonly unknown[]): CompiledQuery {
  return {
    sql: text,
    parameters: values,
    query: { kind: "RawNode", sqlFragments: [text], parameters: [] },
    queryId: { queryId: "signupkit" },
  } as unknown as CompiledQuery;
}

/**
 * A driver over a Kysely instance: statements go through `executeQuery` (so Kysely's own driver, pool and logging
 * see them). A transaction opens one with `db.transaction()`; when `db` is itself a transaction (the host's),
 * everything runs inside it and the host commits or rolls back.
 */
export function kyselyDriver(db: Kysely<unknown>, dialect: SqlDialect): SqlDriver {
  const decode = dialect.name === "mysql" ? (rows: Row[]) => rows.map(decodeKeys) : (rows: Row[]) => rows;
  const session = (target: Kysely<unknown>): SqlSession => ({
    async run(statement, values = []) {
      const result = await target.executeQuery(raw(statement.text, values));
      return { rows: decode(result.rows as Row[]), changes: Number(result.numAffectedRows ?? 0n) };
    },
  });
  return {
    sync: false,
    ...session(db),
    transaction(work) {
      if (db.isTransaction) return Promise.resolve(work(session(db)));
      return db.transaction().execute((trx) => Promise.resolve(work(session(trx))));
    },
  };
}
