import type { UniqueField } from "../../ports/user-store.js";
import type { SqlDialect } from "../sql/dialect.js";
import type { SqlNames } from "../sql/names.js";

const field = (error: unknown, key: "errno" | "message"): unknown =>
  typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;

/**
 * Key columns are VARBINARY: they compare byte for byte, so uniqueness is decided by signupkit's canonical keys,
 * never by a collation (even `utf8mb4_bin` is PAD SPACE on MariaDB: "a" and "a " would collide). The driver decodes
 * them back to text.
 */
const key = (bytes: number) => `VARBINARY(${bytes})`;
const TABLE = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

function createTables(n: SqlNames): string[] {
  const q = (name: string) => `\`${name}\``;
  return [
    `CREATE TABLE IF NOT EXISTS ${n.users} (
  id ${key(255)} NOT NULL,
  tenant ${key(255)} NOT NULL,
  email TEXT,
  email_key ${key(1024)},
  username TEXT,
  username_key ${key(1024)},
  email_verified TINYINT(1) NOT NULL,
  phone_number TEXT,
  given_name TEXT,
  family_name TEXT,
  name TEXT,
  nickname TEXT,
  picture TEXT,
  metadata LONGTEXT NOT NULL,
  client_cert_user TINYINT(1) NOT NULL,
  enabled TINYINT(1) NOT NULL,
  password_hash TEXT,
  created_at VARCHAR(32) NOT NULL,
  updated_at VARCHAR(32) NOT NULL,
  etag VARCHAR(255) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY ${q(n.constraints.email)} (tenant, email_key),
  UNIQUE KEY ${q(n.constraints.username)} (tenant, username_key)
) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS ${n.claims} (
  id ${key(255)} NOT NULL,
  tenant ${key(255)} NOT NULL,
  email_key ${key(1024)},
  username_key ${key(1024)},
  user_record LONGTEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ${q(n.local.claimsEmail)} (tenant, email_key)
) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS ${n.tokens} (
  hash ${key(128)} NOT NULL,
  purpose ${key(16)} NOT NULL,
  tenant ${key(255)} NOT NULL,
  subject ${key(255)} NOT NULL,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  failed_attempts INT NOT NULL DEFAULT 0,
  PRIMARY KEY (hash),
  UNIQUE KEY ${q(n.local.tokensSubject)} (purpose, subject),
  KEY ${q(n.local.tokensExpiry)} (expires_at)
) ${TABLE}`,
  ];
}

/**
 * MySQL 8 and MariaDB 10.5 or later (InnoDB): `?` placeholders, `INSERT IGNORE`, row locks with `FOR UPDATE`,
 * VARBINARY key columns (byte-for-byte uniqueness), duplicate-key errors (1062) mapped by key name, deadlocks (1213) retried.
 * DDL commits implicitly here, so every migration statement is idempotent on its own.
 */
export const mysqlDialect: SqlDialect = {
  name: "mysql",
  quote: (identifier) => `\`${identifier}\``,
  placeholders: (text) => text,
  forUpdate: " FOR UPDATE",
  insertIgnore: () => ["INSERT IGNORE INTO", ""],
  jsonText: (column) => column,
  isoTime: (column) => column,
  // utf8mb4_bin still pads trailing spaces in MariaDB: compare the bytes.
  exactText: (column) => `CAST(${column} AS BINARY)`,
  bool: (value) => (value ? 1 : 0),
  conflictOf(error, names): UniqueField | undefined {
    if (field(error, "errno") !== 1062) return undefined;
    // MariaDB: "... for key 'name'"; MySQL 8: "... for key 'table.name'".
    const match = /for key '(?:[^']*\.)?([^'.]+)'$/.exec(String(field(error, "message") ?? ""));
    const key = match?.[1];
    if (key === "PRIMARY") return "id";
    if (key === names.constraints.email) return "email";
    if (key === names.constraints.username) return "username";
    return undefined;
  },
  /** 1213 deadlock, 1020 a row changed since the snapshot read it (MariaDB's snapshot isolation). */
  retryable: (error) => field(error, "errno") === 1213 || field(error, "errno") === 1020,
  /** 1050: a concurrent migration created the table first. */
  migrationRace: (error) => field(error, "errno") === 1050,
  now: "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS UNSIGNED)",
  versionTable: (n) => [
    `CREATE TABLE IF NOT EXISTS ${n.version} (version INT NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL) ${TABLE}`,
  ],
  tableExists: (n) => ({
    text:
      "SELECT table_name AS name FROM information_schema.tables " +
      "WHERE table_schema = COALESCE(?, DATABASE()) AND table_name IN (?, ?, ?)",
    values: [n.schema ?? null, n.raw.users, n.raw.claims, n.raw.tokens],
  }),
  migrations: (n) => [
    { version: 1, description: "users, claims and tokens tables", statements: createTables(n) },
  ],
};
