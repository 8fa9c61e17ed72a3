import type { UniqueField } from "../../ports/user-store.js";
import type { SqlDialect } from "../sql/dialect.js";
import type { SqlStatement } from "../sql/driver.js";
import type { SqlNames } from "../sql/names.js";

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const code = (error: unknown): unknown =>
  typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;

/** Two FNV-1a rounds: a stable statement name per SQL text, so stores with other tables never share one. */
function nameOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return `signupkit_${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}`;
}

/** node-postgres named statements: parsed once per connection. */
export const preparedStatement = (text: string): SqlStatement => ({ text, name: nameOf(text) });

function createTables(n: SqlNames): string[] {
  const q = (name: string) => `"${name}"`;
  return [
    `CREATE TABLE IF NOT EXISTS ${n.users} (
  id text NOT NULL,
  tenant text NOT NULL,
  email text,
  email_key text,
  username text,
  username_key text,
  email_verified boolean NOT NULL,
  phone_number text,
  given_name text,
  family_name text,
  name text,
  nickname text,
  picture text,
  metadata jsonb NOT NULL,
  client_cert_user boolean NOT NULL,
  enabled boolean NOT NULL,
  password_hash text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  etag text NOT NULL,
  CONSTRAINT ${q(n.constraints.id)} PRIMARY KEY (id),
  CONSTRAINT ${q(n.constraints.email)} UNIQUE (tenant, email_key),
  CONSTRAINT ${q(n.constraints.username)} UNIQUE (tenant, username_key)
)`,
    `CREATE TABLE IF NOT EXISTS ${n.claims} (
  id text NOT NULL,
  tenant text NOT NULL,
  email_key text,
  username_key text,
  user_record jsonb NOT NULL,
  created_at bigint NOT NULL,
  CONSTRAINT ${q(n.local.claimsPkey)} PRIMARY KEY (id)
)`,
    `CREATE INDEX IF NOT EXISTS ${q(n.local.claimsEmail)} ON ${n.claims} (tenant, email_key)`,
    `CREATE TABLE IF NOT EXISTS ${n.tokens} (
  hash text NOT NULL,
  purpose text NOT NULL,
  tenant text NOT NULL,
  subject text NOT NULL,
  issued_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  CONSTRAINT ${q(n.local.tokensPkey)} PRIMARY KEY (hash),
  CONSTRAINT ${q(n.local.tokensSubject)} UNIQUE (purpose, subject)
)`,
    `CREATE INDEX IF NOT EXISTS ${q(n.local.tokensExpiry)} ON ${n.tokens} (expires_at)`,
  ];
}

/**
 * PostgreSQL (11 or later, PGlite, and the PostgreSQL-compatible distributed databases): `$n` placeholders,
 * `ON CONFLICT DO NOTHING`, row locks with `FOR UPDATE`, unique violations (23505) mapped by constraint name,
 * serialization failures (40001) and deadlocks (40P01) retried.
 */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  quote: (identifier) => `"${identifier}"`,
  placeholders(text) {
    let i = 0;
    return text.replace(/\?/g, () => `$${++i}`);
  },
  forUpdate: " FOR UPDATE",
  insertIgnore: (columns) => ["INSERT INTO", ` ON CONFLICT (${columns}) DO NOTHING`],
  jsonText: (column) => `${column}::text`,
  isoTime: (column) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`,
  exactText: (column) => column,
  bool: (value) => value,
  conflictOf(error, names): UniqueField | undefined {
    if (code(error) !== "23505") return undefined;
    const constraint = (error as { constraint?: unknown }).constraint;
    const { id, email, username } = names.constraints;
    if (constraint === id) return "id";
    if (constraint === email) return "email";
    if (constraint === username) return "username";
    return undefined;
  },
  retryable: (error) => code(error) === "40001" || code(error) === "40P01",
  /** Concurrent CREATE ... IF NOT EXISTS: a catalog unique violation, or the object existing by then. */
  migrationRace: (error) => ["23505", "42P07", "42710", "42P06"].includes(String(code(error))),
  now: "(extract(epoch from now()) * 1000)::bigint",
  versionTable: (n) => [
    ...(n.schema === undefined || n.schema === "public" ? [] : [`CREATE SCHEMA IF NOT EXISTS "${n.schema}"`]),
    `CREATE TABLE IF NOT EXISTS ${n.version} (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)`,
  ],
  tableExists: (n) => ({
    text:
      "SELECT table_name AS name FROM information_schema.tables " +
      "WHERE table_schema = coalesce($1::text, current_schema()) AND table_name IN ($2, $3, $4)",
    values: [n.schema ?? null, n.raw.users, n.raw.claims, n.raw.tokens],
  }),
  verify: (n) => ({
    text:
      "SELECT count(*)::int AS found FROM pg_constraint WHERE " +
      "(conrelid = to_regclass($1) AND conname IN ($2, $3, $4)) OR (conrelid = to_regclass($5) AND conname = $6)",
    values: [
      n.users,
      n.constraints.id,
      n.constraints.email,
      n.constraints.username,
      n.tokens,
      n.local.tokensSubject,
    ],
    expected: 4,
  }),
  migrations: (n) => [
    { version: 1, description: "users, claims and tokens tables", statements: createTables(n) },
    {
      version: 2,
      description: "tokens.failed_attempts (wrong passwords tried with a mailed link)",
      statements: [
        `ALTER TABLE ${n.tokens} ADD COLUMN IF NOT EXISTS failed_attempts integer NOT NULL DEFAULT 0`,
      ],
    },
  ],
};
