import type { SqlDialect } from "./dialect.js";
import type { SqlStatement } from "./driver.js";
import type { SqlNames } from "./names.js";

/** The users columns in insert order; values come from `userValues()`. */
export const USER_INSERT_COLUMNS =
  "id, tenant, email, email_key, username, username_key, email_verified, phone_number, given_name, " +
  "family_name, name, nickname, picture, metadata, client_cert_user, enabled, password_hash, created_at, " +
  "updated_at, etag";

const TOKEN_COLUMNS = "hash, purpose, tenant, subject, issued_at, expires_at, failed_attempts";
/** The token columns of `t` as `toTokenRecord(row, "token_tenant")` reads them. */
const JOINED_TOKEN_COLUMNS =
  "t.hash, t.purpose, t.tenant AS token_tenant, t.subject, t.issued_at, t.expires_at, t.failed_attempts";
const CLAIM_COLUMNS = "id, tenant, email_key, username_key, user_record, created_at";
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * Every statement of the SQL store, written once in portable SQL with `?` placeholders; the dialect rewrites the
 * placeholders and supplies the few pieces that differ (row locks, insert-or-ignore, JSON and time selects).
 * `named` turns a text into a statement (PostgreSQL names it, so node-postgres prepares it once per connection).
 */
export function buildStatements(
  n: SqlNames,
  d: SqlDialect,
  named: (text: string) => SqlStatement = (text) => ({ text }),
) {
  const { users: U, claims: C, tokens: K } = n;
  const s = (text: string) => named(d.placeholders(text));
  const userColumns =
    "id, tenant, email, email_key, username, username_key, email_verified, phone_number, given_name, " +
    `family_name, name, nickname, picture, ${d.jsonText("metadata")} AS metadata, client_cert_user, enabled, ` +
    `password_hash, ${d.isoTime("created_at")} AS created_at, ${d.isoTime("updated_at")} AS updated_at, etag`;
  const [ignoreHead, ignoreTail] = d.insertIgnore("purpose, subject");
  return {
    insertUser: s(`INSERT INTO ${U} (${USER_INSERT_COLUMNS}) VALUES (${marks(20)})`),
    getUser: s(`SELECT ${userColumns} FROM ${U} WHERE id = ?`),
    userByEmail: s(`SELECT ${userColumns} FROM ${U} WHERE tenant = ? AND email_key = ?`),
    userByUsername: s(`SELECT ${userColumns} FROM ${U} WHERE tenant = ? AND username_key = ?`),
    /** Compare-and-set of a password hash: the row lock of the UPDATE decides between racing replacements. */
    replacePasswordHash: s(
      `UPDATE ${U} SET password_hash = ? WHERE id = ? AND ${d.exactText("password_hash")} = ?`,
    ),

    insertClaim: s(`INSERT INTO ${C} (${CLAIM_COLUMNS}) VALUES (${marks(6)})`),
    insertToken: s(`INSERT INTO ${K} (${TOKEN_COLUMNS}) VALUES (${marks(7)})`),
    /** The address's claims, newest first: `insertClaim` keeps the first `keep`. */
    claimsOfEmail: s(
      `SELECT id FROM ${C} WHERE tenant = ? AND email_key = ? ORDER BY created_at DESC, id DESC`,
    ),
    deleteClaim: s(`DELETE FROM ${C} WHERE id = ?`),
    deleteClaimTokens: s(`DELETE FROM ${K} WHERE purpose = 'confirm' AND subject = ?`),
    liveClaims: s(
      `SELECT c.id, c.tenant, c.email_key, c.username_key, ${d.jsonText("c.user_record")} AS user_record, ` +
        `c.created_at, ${JOINED_TOKEN_COLUMNS} FROM ${C} c JOIN ${K} t ON t.purpose = 'confirm' AND t.subject = c.id ` +
        "WHERE c.tenant = ? AND c.email_key = ? AND t.expires_at > ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?",
    ),
    /** A confirmation token and its claim's record (`claim_id` NULL: the claim is gone). */
    peekConfirm: s(
      `SELECT ${JOINED_TOKEN_COLUMNS}, c.id AS claim_id, ${d.jsonText("c.user_record")} AS user_record ` +
        `FROM ${K} t LEFT JOIN ${C} c ON c.id = t.subject WHERE t.hash = ? AND t.purpose = 'confirm' AND t.tenant = ?`,
    ),
    /** A verification token and its user's password hash (`user_id` NULL: the user is gone). */
    peekVerify: s(
      `SELECT ${JOINED_TOKEN_COLUMNS}, u.id AS user_id, u.password_hash ` +
        `FROM ${K} t LEFT JOIN ${U} u ON u.id = t.subject WHERE t.hash = ? AND t.purpose = 'verify' AND t.tenant = ?`,
    ),
    /** One more wrong password: an atomic increment (the row stays locked until the transaction ends). */
    countFailedAttempt: s(`UPDATE ${K} SET failed_attempts = failed_attempts + 1 WHERE hash = ?`),
    failedAttempts: s(`SELECT failed_attempts FROM ${K} WHERE hash = ?`),
    dropToken: s(`DELETE FROM ${K} WHERE hash = ?`),

    /** Confirmation, step 1 (no locks): the token, and the claim it names. */
    confirmLookup: s(
      `SELECT t.expires_at, c.id AS claim_id, c.tenant, c.email_key FROM ${K} t ` +
        `LEFT JOIN ${C} c ON c.id = t.subject WHERE t.hash = ? AND t.purpose = 'confirm' AND t.tenant = ?`,
    ),
    /** Step 2: lock every claim of the address in id order, so racing confirmations queue instead of deadlocking. */
    lockClaimsOfEmail: s(`SELECT id FROM ${C} WHERE tenant = ? AND email_key = ? ORDER BY id${d.forUpdate}`),
    lockClaim: s(`SELECT id FROM ${C} WHERE id = ?${d.forUpdate}`),
    /** Step 3: consume the token; no change when another call got there first. */
    consumeToken: s(`DELETE FROM ${K} WHERE hash = ? AND purpose = ? AND tenant = ? AND expires_at > ?`),
    claimRecord: s(`SELECT ${d.jsonText("user_record")} AS user_record FROM ${C} WHERE id = ?`),
    /** Step 5, after the user went in: the address's other claims and their tokens. */
    dropTokensOfEmail: s(
      `DELETE FROM ${K} WHERE purpose = 'confirm' AND subject IN (SELECT id FROM ${C} WHERE tenant = ? AND email_key = ?)`,
    ),
    dropClaimsOfEmail: s(`DELETE FROM ${C} WHERE tenant = ? AND email_key = ?`),
    savepoint: named("SAVEPOINT signupkit_insert_user"),
    rollbackToSavepoint: named("ROLLBACK TO SAVEPOINT signupkit_insert_user"),

    /** Compare-and-set when a token exists: one row lock decides between racing issues. */
    replaceToken: s(
      `UPDATE ${K} SET hash = ?, tenant = ?, issued_at = ?, expires_at = ?, failed_attempts = ? ` +
        "WHERE purpose = ? AND subject = ? AND hash = ?",
    ),
    /** Compare-and-set when none exists: the unique (purpose, subject) decides between racing issues. */
    firstToken: s(`${ignoreHead} ${K} (${TOKEN_COLUMNS}) VALUES (${marks(7)})${ignoreTail}`),
    latestToken: s(
      `SELECT ${TOKEN_COLUMNS} FROM ${K} WHERE purpose = ? AND subject = ? ORDER BY issued_at DESC LIMIT 1`,
    ),
    /** Verification, step 1: the token, locked. */
    verifyLookup: s(
      `SELECT subject, expires_at FROM ${K} WHERE hash = ? AND purpose = 'verify' AND tenant = ?${d.forUpdate}`,
    ),
    markVerified: s(`UPDATE ${U} SET email_verified = ?, updated_at = ?, etag = ? WHERE id = ?`),

    purgeClaims: s(
      `DELETE FROM ${C} WHERE NOT EXISTS (SELECT 1 FROM ${K} t WHERE t.purpose = 'confirm' ` +
        `AND t.subject = ${C}.id AND t.expires_at > ?)`,
    ),
    purgeTokens: s(`DELETE FROM ${K} WHERE expires_at <= ?`),
  };
}

/** The statements of one store. */
export type Statements = ReturnType<typeof buildStatements>;
