import pg from "pg";
import { baasPolicy, createSignupService, type SignupError, type TenantContext } from "signupkit";
import { createPostgresStore, type PostgresStoreOptions } from "signupkit/postgres";
import { createInsecureTestHasher, createMemoryMailer } from "signupkit/testing";
import { expect } from "vitest";
import { rejection } from "../support/rejection.js";
import { uniqueSchema } from "./database-url.js";

const PASSWORD = "Passw0rd-long";
const TOKEN = /token=([A-Za-z0-9_-]{43})/;

/**
 * A service on a fresh schema of the server at `url`: tenant `confirmFirst` (confirmation mail first) and `direct`
 * (users created at once), plus what the lock tests need: another session's table lock, the pid of a backend
 * waiting on it, row counts.
 */
export async function world(url: string, options: PostgresStoreOptions = {}, storeTimeoutMs = 20_000) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined); // the host's duty for idle connections; the store covers checked-out ones
  const schema = uniqueSchema("loss");
  const store = createPostgresStore(pool, { schema, ...options });
  await store.migrate();
  const mailer = createMemoryMailer();
  const service = createSignupService({
    store,
    mailer,
    hasher: createInsecureTestHasher(),
    timeouts: { store: storeTimeoutMs },
    tenants: {
      confirmFirst: {
        policy: baasPolicy(),
        mail: { confirmation: true, confirmationUrl: "https://app.example/confirm" },
      },
      direct: { policy: baasPolicy() },
    },
  });
  const relation = (name: string) => `signupkit_${name}`; // the store's default table prefix
  const table = (name: string) => `"${schema}"."${relation(name)}"`;
  const count = async (name: string, email: string) => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table(name)} WHERE email_key = $1`, [
      email,
    ]);
    return rows[0].n as number;
  };
  /** Another session holds `name` in ACCESS EXCLUSIVE mode until the returned release is called. */
  const lock = async (name: string) => {
    const locker = new pg.Client({ connectionString: url });
    locker.on("error", () => undefined);
    await locker.connect();
    await locker.query(`BEGIN; LOCK TABLE ${table(name)} IN ACCESS EXCLUSIVE MODE`);
    return async () => {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end().catch(() => undefined);
    };
  };
  /** Waits until a backend of this pool waits for a lock on `name`; returns its pid. */
  const waiter = async (name: string) => {
    for (let i = 0; i < 400; i++) {
      const { rows } = await pool.query(
        `SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE NOT l.granted AND n.nspname = $1 AND c.relname = $2`,
        [schema, relation(name)],
      );
      if (rows.length > 0) return rows[0].pid as number;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`nothing waited on ${name}`);
  };
  const pending = async (email: string) => {
    await service.signup({ email, password: PASSWORD }, { tenant: "confirmFirst" });
    const token = mailer.lastTo(email)?.text.match(TOKEN)?.[1];
    if (token === undefined) throw new Error("no confirmation mail");
    return token;
  };
  const confirm = (token: string) =>
    service.confirm(token, { tenant: "confirmFirst", password: PASSWORD } as TenantContext);
  const signup = (email: string) => service.signup({ email, password: PASSWORD }, { tenant: "direct" });
  const close = async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  };
  return { pool, service, count, lock, waiter, pending, confirm, signup, close };
}

export type World = Awaited<ReturnType<typeof world>>;

/** Settles with the call's rejection at once, so that no rejection waits unhandled while the test works. */
export const outcome = (call: Promise<unknown>) => rejection(call) as Promise<SignupError>;
export const unavailable = async (settled: Promise<SignupError>) => {
  const error = await settled;
  expect([error.status, error.code]).toEqual([503, "unavailable"]);
};
