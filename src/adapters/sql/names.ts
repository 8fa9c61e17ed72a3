import { SignupError } from "../../errors/signup-error.js";

/** Where a SQL store's tables live. */
export interface SqlTableOptions {
  /**
   * Prefix of every table, constraint and index name. Default `signupkit_` (`signupkit_users`, `signupkit_claims`,
   * `signupkit_tokens`, `signupkit_schema_version`), so the tables never collide with an application's own.
   * Pass `""` for the unprefixed names of installs made before the prefix existed.
   */
  tablePrefix?: string;
  /** Schema (PostgreSQL) or database (MySQL) of the tables; default the connection's own. */
  schema?: string;
}

/** Every name a store uses: quoted, qualified table names and the raw constraint and index names. */
export interface SqlNames {
  /** The raw schema, or undefined for the connection's default. */
  schema: string | undefined;
  users: string;
  claims: string;
  tokens: string;
  version: string;
  /** Unquoted table names, as catalogs list them. */
  raw: { users: string; claims: string; tokens: string; version: string };
  /** Unique constraints of the users table, as the engine names them in a violation. */
  constraints: { id: string; email: string; username: string };
  /** Other constraint and index names, unquoted. */
  local: Record<"claimsPkey" | "claimsEmail" | "tokensPkey" | "tokensSubject" | "tokensExpiry", string>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** PostgreSQL truncates longer identifiers (MySQL refuses them), which would break the constraint-name mapping. */
const MAX_IDENTIFIER = 63;

function identifier(what: string, value: string): string {
  if (!IDENTIFIER.test(value) || value.length > MAX_IDENTIFIER) {
    throw new SignupError("invalid_config", {
      message: `${what} must be 1..${MAX_IDENTIFIER} letters, digits or underscores, not starting with a digit.`,
    });
  }
  return value;
}

/** The default prefix of new installs. */
export const DEFAULT_TABLE_PREFIX = "signupkit_";

/** Validates the options and derives every name; throws `invalid_config` for an unusable schema or prefix. */
export function resolveNames(options: SqlTableOptions, quote: (name: string) => string): SqlNames {
  const schema = options.schema === undefined ? undefined : identifier("schema", options.schema);
  const prefix = options.tablePrefix ?? DEFAULT_TABLE_PREFIX;
  if (prefix !== "") identifier("tablePrefix", prefix);
  const name = (suffix: string) => identifier(`tablePrefix + "${suffix}"`, prefix + suffix);
  const table = (suffix: string) =>
    schema === undefined ? quote(name(suffix)) : `${quote(schema)}.${quote(name(suffix))}`;
  return {
    schema,
    users: table("users"),
    claims: table("claims"),
    tokens: table("tokens"),
    version: table("schema_version"),
    raw: {
      users: name("users"),
      claims: name("claims"),
      tokens: name("tokens"),
      version: name("schema_version"),
    },
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
