import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { PostgresDialect } from "kysely";
import pg from "pg";

/** A Better Auth signup in its own schema, through its Kysely adapter on a pg.Pool, and how to drop it all. */
export interface BetterAuthReference {
  signup(email: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Better Auth with email and password on PostgreSQL, set up as its docs show (a Kysely `PostgresDialect` over a
 * pg.Pool of `max` connections, tables made by its own migrations in a fresh schema), with a no-op password hash as
 * the library side has, and no sign-in after signup (no session row), so both sides write one signup's rows.
 */
export async function betterAuthReference(
  url: string,
  schema: string,
  max: number,
): Promise<BetterAuthReference> {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${schema}` });
  const auth = betterAuth({
    database: { dialect: new PostgresDialect({ pool }), type: "postgres" },
    secret: "bench-secret-bench-secret-bench-secret!!",
    baseURL: "http://127.0.0.1",
    logger: { disabled: true },
    rateLimit: { enabled: false },
    emailAndPassword: {
      enabled: true,
      autoSignIn: false,
      password: { hash: async () => "x", verify: async () => true },
    },
  });
  await (await getMigrations(auth.options)).runMigrations();
  return {
    signup: (email) => auth.api.signUpEmail({ body: { email, password: "Passw0rd!", name: "" } }),
    async close() {
      await pool.end();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}
