import type { Statement } from "./client.js";
import type { PostgresNames } from "./schema.js";

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

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The users columns in insert order; values come from `userValues()`. */
const USER_INSERT_COLUMNS =
  "id, tenant, email, email_key, username, username_key, email_verified, phone_number, given_name, " +
  "family_name, name, nickname, picture, metadata, client_cert_user, enabled, password_hash, created_at, " +
  "updated_at, etag";

/** The users columns as `toUserRecord()` reads them: times formatted in SQL, metadata as JSON text. */
const USER_COLUMNS =
  "id, tenant, email, email_key, username, username_key, email_verified, phone_number, given_name, " +
  "family_name, name, nickname, picture, metadata::text AS metadata, client_cert_user, enabled, " +
  `password_hash, to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, ` +
  `to_char(updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at, etag`;

const TOKEN_COLUMNS = "hash, purpose, tenant, subject, issued_at, expires_at, failed_attempts";

/** The token columns of `t` as `toTokenRecord(row, "token_tenant")` reads them. */
const JOINED_TOKEN_COLUMNS =
  "t.hash, t.purpose, t.tenant AS token_tenant, t.subject, t.issued_at, t.expires_at, t.failed_attempts";

/** Every statement of the store, for one set of table names; named (prepared on pg) unless `prepare` is false. */
export function buildStatements(n: PostgresNames, prepare = true) {
  const { users: U, claims: C, tokens: K } = n;
  const named = (text: string): Statement => (prepare ? { text, name: nameOf(text) } : { text });
  return {
    insertUser: named(
      `INSERT INTO ${U} (${USER_INSERT_COLUMNS}) VALUES ` +
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
    ),
    getUser: named(`SELECT ${USER_COLUMNS} FROM ${U} WHERE id = $1`),
    userByEmail: named(`SELECT ${USER_COLUMNS} FROM ${U} WHERE tenant = $1 AND email_key = $2`),
    userByUsername: named(`SELECT ${USER_COLUMNS} FROM ${U} WHERE tenant = $1 AND username_key = $2`),
    /** Compare-and-set of a password hash: the row lock of the UPDATE decides between racing rehashes. */
    replacePasswordHash: named(
      `UPDATE ${U} SET password_hash = $3 WHERE id = $1 AND password_hash = $2 RETURNING id`,
    ),

    /**
     * The claim, its token, and the address's older claims beyond the `keep - 1` newest (the new claim is the
     * `keep`th) removed with their tokens: one statement. A NULL email key matches no older claim.
     */
    insertClaim: named(
      `WITH claim AS (INSERT INTO ${C} (id, tenant, email_key, username_key, user_record, created_at) ` +
        `VALUES ($1, $2, $3, $4, $5, $6)), token AS (INSERT INTO ${K} (${TOKEN_COLUMNS}) ` +
        "VALUES ($7, $8, $9, $10, $11, $12, $13)), " +
        `old AS (SELECT id FROM ${C} WHERE tenant = $2 AND email_key = $3 ` +
        "ORDER BY created_at DESC, id DESC OFFSET GREATEST($14::int - 1, 0)), " +
        `dropped AS (DELETE FROM ${C} WHERE id IN (SELECT id FROM old) RETURNING id) ` +
        `DELETE FROM ${K} WHERE purpose = 'confirm' AND subject IN (SELECT id FROM dropped)`,
    ),
    deleteClaim: named(
      `WITH claim AS (DELETE FROM ${C} WHERE id = $1 RETURNING id) ` +
        `DELETE FROM ${K} WHERE purpose = 'confirm' AND subject IN (SELECT id FROM claim)`,
    ),
    liveClaims: named(
      "SELECT c.id, c.tenant, c.email_key, c.username_key, c.user_record::text AS user_record, c.created_at, " +
        `${JOINED_TOKEN_COLUMNS} FROM ${C} c JOIN ${K} t ON t.purpose = 'confirm' AND t.subject = c.id ` +
        "WHERE c.tenant = $1 AND c.email_key = $2 AND t.expires_at > $3 " +
        "ORDER BY c.created_at DESC, c.id DESC LIMIT $4",
    ),
    /** A confirmation token and its claim's password hash (`found` false: the claim is gone). */
    peekConfirm: named(
      `SELECT ${JOINED_TOKEN_COLUMNS}, c.id IS NOT NULL AS found, c.user_record->>'passwordHash' AS password_hash ` +
        `FROM ${K} t LEFT JOIN ${C} c ON c.id = t.subject WHERE t.hash = $1 AND t.purpose = 'confirm' AND t.tenant = $2`,
    ),
    /** A verification token and its user's password hash (`found` false: the user is gone). */
    peekVerify: named(
      `SELECT ${JOINED_TOKEN_COLUMNS}, u.id IS NOT NULL AS found, u.password_hash ` +
        `FROM ${K} t LEFT JOIN ${U} u ON u.id = t.subject WHERE t.hash = $1 AND t.purpose = 'verify' AND t.tenant = $2`,
    ),
    /** One more wrong password: an atomic increment. */
    countFailedAttempt: named(
      `UPDATE ${K} SET failed_attempts = failed_attempts + 1 WHERE hash = $1 RETURNING failed_attempts`,
    ),
    /** The token after its last allowed wrong password. */
    dropExhaustedToken: named(`DELETE FROM ${K} WHERE hash = $1 AND failed_attempts >= $2`),
    /** Confirmation, step 1 (no locks): the token, and the claim it names. */
    confirmLookup: named(
      `SELECT t.expires_at, c.id AS claim_id, c.tenant, c.email_key FROM ${K} t ` +
        `LEFT JOIN ${C} c ON c.id = t.subject WHERE t.hash = $1 AND t.purpose = 'confirm' AND t.tenant = $2`,
    ),
    /** Step 2: lock every claim of the address in id order, so racing confirmations queue instead of deadlocking. */
    lockClaimsOfEmail: named(
      `SELECT id FROM ${C} WHERE tenant = $1 AND email_key = $2 ORDER BY id FOR UPDATE`,
    ),
    lockClaim: named(`SELECT id FROM ${C} WHERE id = $1 FOR UPDATE`),
    /** Step 3: consume the token and take its claim; no row when another call got there first. */
    consumeClaim: named(
      `WITH token AS (DELETE FROM ${K} WHERE hash = $1 AND purpose = 'confirm' AND tenant = $2 ` +
        `AND expires_at > $3 RETURNING subject) DELETE FROM ${C} WHERE id = (SELECT subject FROM token) ` +
        "RETURNING user_record::text AS user_record",
    ),
    /** Step 5, after the user went in: the address's other claims and their tokens. */
    dropClaimsOfEmail: named(
      `WITH claim AS (DELETE FROM ${C} WHERE tenant = $1 AND email_key = $2 RETURNING id) ` +
        `DELETE FROM ${K} WHERE purpose = 'confirm' AND subject IN (SELECT id FROM claim)`,
    ),

    /** Compare-and-set when a token exists: one row lock decides between racing issues. */
    replaceToken: named(
      `UPDATE ${K} SET hash = $1, tenant = $2, issued_at = $3, expires_at = $4, failed_attempts = $8 ` +
        "WHERE purpose = $5 AND subject = $6 AND hash = $7 RETURNING hash",
    ),
    /** Compare-and-set when none exists: the unique (purpose, subject) decides between racing issues. */
    firstToken: named(
      `INSERT INTO ${K} (${TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ` +
        "ON CONFLICT (purpose, subject) DO NOTHING RETURNING hash",
    ),
    latestToken: named(
      `SELECT ${TOKEN_COLUMNS} FROM ${K} WHERE purpose = $1 AND subject = $2 ORDER BY issued_at DESC LIMIT 1`,
    ),
    /** One statement: consume the token, update its user, and say why nothing happened if it did not. */
    verifyEmail: named(
      `WITH token AS (DELETE FROM ${K} WHERE hash = $1 AND purpose = 'verify' AND tenant = $2 ` +
        "AND expires_at > $3 RETURNING subject), " +
        `verified AS (UPDATE ${U} SET email_verified = true, updated_at = $4, etag = $5 ` +
        `WHERE id = (SELECT subject FROM token) RETURNING ${USER_COLUMNS}) ` +
        "SELECT (SELECT count(*) FROM token)::int AS consumed, " +
        `(SELECT expires_at FROM ${K} WHERE hash = $1 AND purpose = 'verify' AND tenant = $2) AS token_expires_at, ` +
        "verified.* FROM (VALUES (1)) AS one LEFT JOIN verified ON true",
    ),
    /** After a migration: are the unique constraints the store relies on there, on the right tables? */
    ownConstraints: named(
      "SELECT count(*)::int AS found FROM pg_constraint WHERE " +
        "(conrelid = to_regclass($1) AND conname IN ($2, $3, $4)) OR (conrelid = to_regclass($5) AND conname = $6)",
    ),
    /** Skips rows a running confirmation or issue holds, so purging never waits on (or deadlocks with) them. */
    purge: named(
      `WITH dead AS (SELECT c.id FROM ${C} c WHERE NOT EXISTS (SELECT 1 FROM ${K} t ` +
        "WHERE t.purpose = 'confirm' AND t.subject = c.id AND t.expires_at > $1) FOR UPDATE OF c SKIP LOCKED), " +
        `purged_claims AS (DELETE FROM ${C} WHERE id IN (SELECT id FROM dead) RETURNING 1), ` +
        `expired AS (SELECT hash FROM ${K} WHERE expires_at <= $1 FOR UPDATE SKIP LOCKED), ` +
        `purged_tokens AS (DELETE FROM ${K} WHERE hash IN (SELECT hash FROM expired) RETURNING 1) ` +
        "SELECT (SELECT count(*) FROM purged_claims)::int AS claims, (SELECT count(*) FROM purged_tokens)::int AS tokens",
    ),
  };
}

/** The statements of one store. */
export type Statements = ReturnType<typeof buildStatements>;
