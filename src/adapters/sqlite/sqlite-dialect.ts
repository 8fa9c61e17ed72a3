import type { UniqueField } from "../../ports/user-store.js";
import type { SqlDialect } from "../sql/dialect.js";
import type { SqlNames } from "../sql/names.js";

const text = (error: unknown, key: "message" | "code"): string =>
  typeof error === "object" && error !== null ? String((error as Record<string, unknown>)[key] ?? "") : "";

function createTables(n: SqlNames): string[] {
  const q = (name: string) => `"${name}"`;
  return [
    `CREATE TABLE IF NOT EXISTS ${n.users} (
  id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  email TEXT,
  email_key TEXT,
  username TEXT,
  username_key TEXT,
  email_verified INTEGER NOT NULL,
  phone_number TEXT,
  given_name TEXT,
  family_name TEXT,
  name TEXT,
  nickname TEXT,
  picture TEXT,
  metadata TEXT NOT NULL,
  client_cert_user INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  password_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  etag TEXT NOT NULL,
  CONSTRAINT ${q(n.constraints.id)} PRIMARY KEY (id),
  CONSTRAINT ${q(n.constraints.email)} UNIQUE (tenant, email_key),
  CONSTRAINT ${q(n.constraints.username)} UNIQUE (tenant, username_key)
)`,
    `CREATE TABLE IF NOT EXISTS ${n.claims} (
  id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  email_key TEXT,
  username_key TEXT,
  user_record TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT ${q(n.local.claimsPkey)} PRIMARY KEY (id)
)`,
    `CREATE INDEX IF NOT EXISTS ${q(n.local.claimsEmail)} ON ${n.claims} (tenant, email_key)`,
    `CREATE TABLE IF NOT EXISTS ${n.tokens} (
  hash TEXT NOT NULL,
  purpose TEXT NOT NULL,
  tenant TEXT NOT NULL,
  subject TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT ${q(n.local.tokensPkey)} PRIMARY KEY (hash),
  CONSTRAINT ${q(n.local.tokensSubject)} UNIQUE (purpose, subject)
)`,
    `CREATE INDEX IF NOT EXISTS ${q(n.local.tokensExpiry)} ON ${n.tokens} (expires_at)`,
  ];
}

/**
 * SQLite 3.24 or later (better-sqlite3, node:sqlite, bun:sqlite, libSQL): `?` placeholders, `ON CONFLICT DO
 * NOTHING`, no row locks (a write transaction, `BEGIN IMMEDIATE`, holds the database's one write lock), TEXT keys
 * compared byte for byte (the BINARY collation), unique violations mapped by the columns SQLite names.
 */
export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  quote: (identifier) => `"${identifier}"`,
  placeholders: (sql) => sql,
  forUpdate: "",
  insertIgnore: (columns) => ["INSERT INTO", ` ON CONFLICT (${columns}) DO NOTHING`],
  jsonText: (column) => column,
  isoTime: (column) => column,
  exactText: (column) => column,
  bool: (value) => (value ? 1 : 0),
  conflictOf(error, names): UniqueField | undefined {
    // "UNIQUE constraint failed: signupkit_users.tenant, signupkit_users.email_key" in every driver.
    const match = /UNIQUE constraint failed: (.+)$/.exec(text(error, "message"));
    if (match === null) return undefined;
    const columns = (match[1] as string).split(", ");
    const table = `${names.raw.users}.`;
    if (!columns.every((column) => column.startsWith(table))) return undefined;
    const key = columns.map((column) => column.slice(table.length)).join(",");
    if (key === "id") return "id";
    if (key === "tenant,email_key") return "email";
    if (key === "tenant,username_key") return "username";
    return undefined;
  },
  /** Another connection held the write lock past the busy timeout. */
  retryable: (error) =>
    /^SQLITE_BUSY/.test(text(error, "code")) || /database is locked/.test(text(error, "message")),
  migrationRace: () => false,
  now: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
  versionTable: (n) => [
    `CREATE TABLE IF NOT EXISTS ${n.version} (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)`,
  ],
  tableExists: (n) => ({
    text: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)",
    values: [n.raw.users, n.raw.claims, n.raw.tokens],
  }),
  migrations: (n) => [
    { version: 1, description: "users, claims and tokens tables", statements: createTables(n) },
  ],
};
