import { SignupError } from "../../errors/signup-error.js";

/** Where the store's tables live. */
export interface PostgresStoreOptions {
  /** Schema of the tables; created by `migrate()` when it is not `public`. Default `public`. */
  schema?: string;
  /** Prefix of every table, constraint and index name, e.g. `signupkit_`. Default none. */
  tablePrefix?: string;
  /**
   * Send node-postgres named (prepared) statements, parsed once per connection. Default true. Turn it off behind
   * a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21). PGlite ignores it.
   */
  prepare?: boolean;
}

/** Every name the store uses: quoted, qualified table names and the raw constraint names. */
export interface PostgresNames {
  schema: string;
  /** `"schema"."users"`, ready to splice into SQL. */
  users: string;
  claims: string;
  tokens: string;
  /** Unique constraints of the users table, as PostgreSQL reports them on a 23505 violation. */
  constraints: { id: string; email: string; username: string };
  /** Other constraint and index names, unquoted. */
  local: Record<"claimsPkey" | "claimsEmail" | "tokensPkey" | "tokensSubject" | "tokensExpiry", string>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** PostgreSQL truncates longer identifiers, which would break the constraint-name mapping. */
const MAX_IDENTIFIER = 63;

function identifier(what: string, value: string): string {
  if (!IDENTIFIER.test(value) || value.length > MAX_IDENTIFIER) {
    throw new SignupError("invalid_config", {
      message: `${what} must be 1..${MAX_IDENTIFIER} letters, digits or underscores, not starting with a digit.`,
    });
  }
  return value;
}

/** `"name"`: every identifier was validated, so quoting is only for case and reserved words. */
export function quote(name: string): string {
  return `"${name}"`;
}

/** Validates the options and derives every name; throws `invalid_config` for an unusable schema or prefix. */
export function resolveNames(options: PostgresStoreOptions = {}): PostgresNames {
  const schema = identifier("schema", options.schema ?? "public");
  const prefix = options.tablePrefix ?? "";
  if (prefix !== "") identifier("tablePrefix", prefix);
  const name = (suffix: string) => identifier(`tablePrefix + "${suffix}"`, prefix + suffix);
  const table = (suffix: string) => `${quote(schema)}.${quote(name(suffix))}`;
  return {
    schema,
    users: table("users"),
    claims: table("claims"),
    tokens: table("tokens"),
    constraints: {
      id: name("users_pkey"),
      email: name("users_email_key"),
      username: name("users_username_key"),
    },
    local: {
      claimsPkey: name("claims_pkey"),
      claimsEmail: name("claims_email_idx"),
      tokensPkey: name("tokens_pkey"),
      tokensSubject: name("tokens_subject_key"),
      tokensExpiry: name("tokens_expires_idx"),
    },
  };
}

/**
 * The DDL of the store's three tables, idempotent (`CREATE ... IF NOT EXISTS`), for your migration tool; or call
 * `store.migrate()`. Needs PostgreSQL 11 or later (or PGlite).
 *
 * - `users`: primary key `id` (unique across tenants) and unique `(tenant, email_key)`, `(tenant, username_key)`;
 *   metadata as `jsonb`, times as `timestamptz`.
 * - `claims`: pending signups (confirm-before-create), the user record as `jsonb`, `created_at` in ms.
 * - `tokens`: digests of mailed tokens, at most one per `(purpose, subject)`, times in ms, and the wrong
 *   passwords tried with each (`failed_attempts`; added to a table made by an earlier version).
 *
 * @example
 * import { postgresSchema } from "signupkit/postgres";
 * await fs.writeFile("migrations/001_signupkit.sql", postgresSchema({ tablePrefix: "signupkit_" }));
 */
export function postgresSchema(options: PostgresStoreOptions = {}): string {
  const n = resolveNames(options);
  const q = quote;
  const createSchema = n.schema === "public" ? "" : `CREATE SCHEMA IF NOT EXISTS ${q(n.schema)};\n\n`;
  return `${createSchema}CREATE TABLE IF NOT EXISTS ${n.users} (
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
);

CREATE TABLE IF NOT EXISTS ${n.claims} (
  id text NOT NULL,
  tenant text NOT NULL,
  email_key text,
  username_key text,
  user_record jsonb NOT NULL,
  created_at bigint NOT NULL,
  CONSTRAINT ${q(n.local.claimsPkey)} PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${q(n.local.claimsEmail)} ON ${n.claims} (tenant, email_key);

CREATE TABLE IF NOT EXISTS ${n.tokens} (
  hash text NOT NULL,
  purpose text NOT NULL,
  tenant text NOT NULL,
  subject text NOT NULL,
  issued_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  CONSTRAINT ${q(n.local.tokensPkey)} PRIMARY KEY (hash),
  CONSTRAINT ${q(n.local.tokensSubject)} UNIQUE (purpose, subject)
);
CREATE INDEX IF NOT EXISTS ${q(n.local.tokensExpiry)} ON ${n.tokens} (expires_at);
ALTER TABLE ${n.tokens} ADD COLUMN IF NOT EXISTS failed_attempts integer NOT NULL DEFAULT 0;
`;
}
