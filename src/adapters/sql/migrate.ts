import { SignupError } from "../../errors/signup-error.js";
import type { Migration, SqlDialect } from "./dialect.js";
import type { SqlDriver } from "./driver.js";
import type { SqlNames } from "./names.js";
import { createRunner, type Operation, type Step } from "./runner.js";
import { USER_INSERT_COLUMNS } from "./statements.js";

/** How `migrate()` reports and what it does. */
export interface MigrateOptions {
  /** Called with one line per step: the version found, each migration applied, the version reached. */
  onProgress?: (line: string) => void;
}

/** What `migrate()` did. */
export interface MigrateResult {
  /** The schema version before. */
  from: number;
  /** The schema version after. */
  to: number;
  /** The migrations applied, oldest first. */
  applied: Migration[];
}

/** The latest schema version a dialect knows. */
export function latestVersion(migrations: Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Every migration of a dialect as one SQL script for an external migration tool: the version table, each
 * migration's statements, and the row that records its version. Idempotent like the migrations themselves.
 */
export function migrationScript(d: SqlDialect, n: SqlNames, after = 0): string {
  const lines = d.versionTable(n).map((statement) => `${statement};`);
  for (const m of d.migrations(n)) {
    if (m.version <= after) continue;
    lines.push(`\n-- version ${m.version}: ${m.description}`);
    for (const statement of m.statements) lines.push(`${statement};`);
    const [head, tail] = d.insertIgnore("version");
    lines.push(`${head} ${n.version} (version, applied_at) VALUES (${m.version}, ${d.now})${tail};`);
  }
  return `${lines.join("\n")}\n`;
}

const PROBE_COLUMNS: Record<"users" | "claims" | "tokens", string> = {
  users: USER_INSERT_COLUMNS,
  claims: "id, tenant, email_key, username_key, user_record, created_at",
  /** Without `failed_attempts`: tables of the first version lack it, and a later version adds it. */
  tokens: "hash, purpose, tenant, subject, issued_at, expires_at",
};

/** Refuses (invalid_config) when a table of the store's name exists with other columns or constraints. */
async function refuseForeignTables(driver: SqlDriver, d: SqlDialect, n: SqlNames): Promise<void> {
  const query = d.tableExists(n);
  const existing = new Set((await driver.run({ text: query.text }, query.values)).rows.map((r) => r.name));
  for (const table of ["users", "claims", "tokens"] as const) {
    if (!existing.has(n.raw[table])) continue;
    const ours = await Promise.resolve()
      .then(() => driver.run({ text: `SELECT ${PROBE_COLUMNS[table]} FROM ${n[table]} WHERE 1 = 0` }))
      .then(
        () => true,
        () => false,
      );
    if (!ours) {
      throw new SignupError("invalid_config", {
        message:
          `${n[table]} already existed without signupkit's columns and unique constraints: it belongs to ` +
          "another application. Choose another schema or tablePrefix.",
      });
    }
  }
}

async function currentVersion(driver: SqlDriver, n: SqlNames): Promise<number> {
  const { rows } = await driver.run({ text: `SELECT max(version) AS version FROM ${n.version}` });
  return Number(rows[0]?.version ?? 0);
}

/** The version of a database, or 0 when it has no version table yet (reads only). */
export async function readVersion(driver: SqlDriver, n: SqlNames): Promise<number> {
  try {
    return await currentVersion(driver, n);
  } catch {
    return 0;
  }
}

/** What `migrate()` would run on this database: its version, the latest, and the SQL in between (reads only). */
export async function pendingScript(
  driver: SqlDriver,
  d: SqlDialect,
  n: SqlNames,
): Promise<{ version: number; latest: number; sql: string }> {
  const version = await readVersion(driver, n);
  return { version, latest: latestVersion(d.migrations(n)), sql: migrationScript(d, n, version) };
}

async function migrateOnce(
  driver: SqlDriver,
  d: SqlDialect,
  n: SqlNames,
  progress: (line: string) => void,
): Promise<MigrateResult> {
  for (const statement of d.versionTable(n)) await driver.run({ text: statement });
  const from = await currentVersion(driver, n);
  progress(`schema version ${from}`);
  if (from === 0) await refuseForeignTables(driver, d, n);
  const applied: Migration[] = [];
  const [head, tail] = d.insertIgnore("version");
  const record = {
    text: d.placeholders(`${head} ${n.version} (version, applied_at) VALUES (?, ${d.now})${tail}`),
  };
  // One runner for every driver, so a synchronous driver runs the whole migration inside its transaction.
  // No retries here: `migrate` retries the whole pass.
  const run = createRunner(driver, () => false);
  for (const migration of d.migrations(n)) {
    if (migration.version <= from) continue;
    progress(`applying version ${migration.version}: ${migration.description}`);
    function* apply(): Operation<void> {
      for (const text of migration.statements) yield { statement: { text } } satisfies Step;
      yield { statement: record, values: [migration.version] };
    }
    await run(apply, "transaction");
    applied.push(migration);
  }
  if (d.verify !== undefined) {
    const check = d.verify(n);
    const { rows } = await driver.run({ text: check.text }, check.values);
    if (Number(rows[0]?.found) !== check.expected) {
      throw new SignupError("invalid_config", {
        message:
          `${n.users} or ${n.tokens} already existed without signupkit's unique constraints: ` +
          "choose another schema or tablePrefix.",
      });
    }
  }
  const to = await currentVersion(driver, n);
  progress(`schema version ${to}${applied.length === 0 ? " (up to date)" : ""}`);
  return { from, to, applied };
}

/**
 * Brings the schema up to the dialect's latest version: creates the version table, refuses a foreign table of
 * the same name, then applies each missing migration in a transaction of its own (DDL is transactional on
 * PostgreSQL and SQLite; on MySQL every statement is idempotent instead) and records its version. Concurrent
 * migrations of one schema are safe without advisory locks: the loser of a race on a new object retries, then
 * finds the version recorded.
 */
export async function migrate(
  driver: SqlDriver,
  d: SqlDialect,
  n: SqlNames,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const progress = options.onProgress ?? (() => undefined);
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(driver, d, n, progress);
    } catch (error) {
      if (attempt >= 8 || !(d.migrationRace(error) || d.retryable(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
