import { SignupError } from "../../errors/signup-error.js";
import type { InsertUserResult, PeekTokenResult, UserStore } from "../../ports/user-store.js";
import { type PostgresClient, toDatabase } from "./client.js";
import { confirmClaim, verifyEmail } from "./redeem.js";
import { claimValues, toClaim, tokenValues, toTokenRecord, toUserRecord, userValues } from "./rows.js";
import { type PostgresStoreOptions, postgresSchema, resolveNames } from "./schema.js";
import { buildStatements } from "./statements.js";
import { conflictOf } from "./unique-violation.js";

/** A {@link UserStore} on PostgreSQL, plus its schema management. */
export interface PostgresStore extends UserStore {
  /**
   * Creates the schema (unless `public`), tables and indexes that are missing: {@link postgresSchema} run as one
   * transaction under an advisory lock, so concurrent starts are safe. Idempotent. Throws `invalid_config` when
   * a table of that name already existed without the store's unique constraints (another application's `users`).
   */
  migrate(): Promise<void>;
  /** The quoted, schema-qualified table names, for your own queries. */
  readonly tables: {
    /** The users table. */
    readonly users: string;
    /** The pending claims table. */
    readonly claims: string;
    /** The tokens table. */
    readonly tokens: string;
  };
}

/** The statement bound in ms (undefined: none); throws `invalid_config` for anything but a positive number or false. */
function statementTimeoutOf(value: number | false | undefined): number | undefined {
  if (value === false) return undefined;
  if (value === undefined) return 5_000;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1) {
    throw new SignupError("invalid_config", {
      message: "createPostgresStore: statementTimeout must be a positive number of ms, or false.",
    });
  }
  return value;
}

/** Serializes concurrent migrations (CREATE ... IF NOT EXISTS alone races on the system catalogs). */
const MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('signupkit.migrate', 0));\n";

/**
 * A `UserStore` on PostgreSQL. Pass a `pg.Pool` (recommended), a connected `pg.Client` (runs one operation at a
 * time) or a PGlite instance; neither driver is imported by this module. Every method is atomic across processes:
 * uniqueness comes from the unique constraints, redemptions consume the token row with `DELETE ... RETURNING`,
 * token issues are conditional statements. `insertUser` is one prepared INSERT (one round trip); a unique
 * violation (23505) maps by constraint name to the `id`, `email` or `username` conflict. Any other failure
 * (connection refused, timeout, serialization failure) is thrown as it is, after ROLLBACK, with pooled connections
 * released. Run `migrate()` once, or apply {@link postgresSchema} with your migration tool.
 *
 * @example
 * import pg from "pg";
 * import { createPostgresStore } from "signupkit/postgres";
 *
 * const store = createPostgresStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await store.migrate();
 * const service = createSignupService({ store, tenants: { app: { policy: baasPolicy() } } });
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite";
 * const store = createPostgresStore(new PGlite(), { schema: "signupkit" });
 */
export function createPostgresStore(
  client: PostgresClient,
  options: PostgresStoreOptions = {},
): PostgresStore {
  const names = resolveNames(options);
  const db = toDatabase(client, { statementTimeoutMs: statementTimeoutOf(options.statementTimeout) });
  const sql = buildStatements(names, options.prepare !== false);
  const schema = MIGRATION_LOCK + postgresSchema(options);
  const oneUser = async (statement: typeof sql.getUser, values: unknown[]) => {
    const [row] = await db.run(statement, values);
    return row === undefined ? null : toUserRecord(row);
  };

  return {
    tables: Object.freeze({ users: names.users, claims: names.claims, tokens: names.tokens }),
    async migrate() {
      await db.script(schema);
      const [row] = await db.run(sql.ownConstraints, [
        names.users,
        names.constraints.id,
        names.constraints.email,
        names.constraints.username,
        names.tokens,
        names.local.tokensSubject,
      ]);
      if (row?.found !== 4) {
        throw new SignupError("invalid_config", {
          message:
            `${names.users} or ${names.tokens} already existed without signupkit's unique constraints: ` +
            "choose another schema or tablePrefix.",
        });
      }
    },

    async insertUser(user): Promise<InsertUserResult> {
      try {
        await db.write(sql.insertUser, userValues(user));
        return { ok: true };
      } catch (error) {
        const conflict = conflictOf(error, names);
        if (conflict === undefined) throw error;
        return { ok: false, conflict };
      }
    },
    getUser: (id) => oneUser(sql.getUser, [id]),
    findUserByEmail: (tenant, emailKey) => oneUser(sql.userByEmail, [tenant, emailKey]),
    findUserByUsername: (tenant, usernameKey) => oneUser(sql.userByUsername, [tenant, usernameKey]),
    async replacePasswordHash(userId, expectedHash, newHash) {
      return (await db.run(sql.replacePasswordHash, [userId, expectedHash, newHash])).length === 1;
    },

    async insertClaim(claim, token, keep) {
      await db.write(sql.insertClaim, [...claimValues(claim, token), keep]);
    },
    async deleteClaim(claimId) {
      await db.write(sql.deleteClaim, [claimId]);
    },
    async findLiveClaims(tenant, emailKey, now, limit) {
      const rows = await db.run(sql.liveClaims, [tenant, emailKey, now, Math.max(limit, 0)]);
      return rows.map((row) => ({ claim: toClaim(row), token: toTokenRecord(row, "token_tenant") }));
    },
    async peekToken({ tokenHash, tenant, purpose, now }): Promise<PeekTokenResult> {
      const statement = purpose === "confirm" ? sql.peekConfirm : sql.peekVerify;
      const [row] = await db.run(statement, [tokenHash, tenant]);
      if (row === undefined) return { ok: false, reason: "invalid" };
      if (Number(row.expires_at) <= now) return { ok: false, reason: "expired" };
      if (row.found !== true) return { ok: false, reason: "invalid" };
      const passwordHash = typeof row.password_hash === "string" ? row.password_hash : null;
      return { ok: true, token: toTokenRecord(row, "token_tenant"), passwordHash };
    },
    async recordFailedAttempt(tokenHash, limit) {
      const [row] = await db.write(sql.countFailedAttempt, [tokenHash]);
      if (row === undefined) return 0;
      const count = Number(row.failed_attempts);
      if (count >= limit) await db.write(sql.dropExhaustedToken, [tokenHash, limit]);
      return count;
    },
    confirmClaim: (redemption) => confirmClaim(db, sql, names, redemption),

    async issueToken(token, replaces) {
      const rows =
        replaces === null
          ? await db.write(sql.firstToken, tokenValues(token))
          : await db.write(sql.replaceToken, [
              token.hash,
              token.tenant,
              token.issuedAt,
              token.expiresAt,
              token.purpose,
              token.subject,
              replaces,
              token.failedAttempts,
            ]);
      return rows.length === 1;
    },
    async latestToken(purpose, subject) {
      const [row] = await db.run(sql.latestToken, [purpose, subject]);
      return row === undefined ? null : toTokenRecord(row);
    },
    verifyEmail: (redemption) => verifyEmail(db, sql, redemption),

    async purgeExpired(now) {
      const [row] = await db.write(sql.purge, [now]);
      return { claims: Number(row?.claims ?? 0), tokens: Number(row?.tokens ?? 0) };
    },
  };
}
