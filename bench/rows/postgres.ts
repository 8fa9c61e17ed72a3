import { hrtime } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, validInput } from "../lib/fixtures.js";
import type { UserRecord, UserStore } from "../lib/kit.js";
import { atLeast, info, type Metric, type RowResult } from "../lib/report.js";
import { fmt, median } from "../lib/stats.js";

type Row = Record<string, unknown>;

/** The one call both drivers share in this row: run `text` with `values`, get the rows. */
type Query = (text: string, values?: unknown[], name?: string) => Promise<Row[]>;

/** The part of `PostgresStore` this row uses. */
interface PostgresStoreLike extends UserStore {
  migrate(): Promise<void>;
  readonly tables: { readonly users: string; readonly claims: string; readonly tokens: string };
}

interface Phase {
  signups: number;
  raw: number;
  /** The store's `insertUser` called directly with the same records: the adapter without the service. */
  store: number;
}

/** Runs `op(0..count-1)` with `concurrency` in flight; returns ops/s. */
async function rate(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const start = hrtime();
  const worker = async () => {
    while (next < count) await op(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / (Number(hrtime() - start) / 1e9);
}

/** A column value as read back, in the form a client sends it: `Date` as ISO text, a `jsonb` object as JSON text. */
function sqlValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return value;
}

/** What a round's signups wrote: the rows as `SELECT *` returns them, and the records as the store reads them back. */
interface Written {
  rows: Row[];
  records: UserRecord[];
}

/**
 * One round, three phases into empty tables at the same concurrency: `count` signups through the service on the
 * Postgres store; the same rows INSERTed again with one plain parameterized statement per row through the same
 * client (a named, prepared statement on pg); and the same records, as the store reads them back, through the
 * store's `insertUser` called directly. The order rotates by round, and a phase that runs before the round's
 * signups uses what the previous round wrote, so no phase always runs first. Returns what the signups wrote.
 */
async function round(
  store: PostgresStoreLike,
  query: Query,
  count: number,
  concurrency: number,
  tag: string,
  order: number,
  previous: Written | undefined,
): Promise<Phase & { written: Written }> {
  const empty = `TRUNCATE ${store.tables.users}, ${store.tables.claims}, ${store.tables.tokens}`;
  const { service } = benchService({ store });
  let written = previous;
  const phases = {
    async signups() {
      await query(empty);
      const result = await rate(count, concurrency, (i) => service.signup(validInput(i, tag), CONTEXT));
      const rows = await query(`SELECT * FROM ${store.tables.users}`);
      if (rows.length !== count) throw new Error(`postgres: expected ${count} rows, found ${rows.length}`);
      const records = await Promise.all(rows.map((row) => store.getUser(row.id as string)));
      written = { rows, records: records.filter((record) => record !== null) };
      return result;
    },
    async raw() {
      const source = (written as Written).rows;
      const columns = Object.keys(source[0] as Row);
      const insert =
        `INSERT INTO ${store.tables.users} (${columns.map((c) => `"${c}"`).join(", ")}) ` +
        `VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
      // Rows in the form the store sends its values (times as ISO text, JSON as text), so that the raw side pays no
      // conversion the store does not; like the store, it builds each row's parameter array inside the timed loop.
      const ready = source.map((row) => Object.fromEntries(columns.map((c) => [c, sqlValue(row[c])])));
      await query(empty);
      return rate(ready.length, concurrency, (i) =>
        query(
          insert,
          columns.map((c) => (ready[i] as Row)[c]),
          "bench_raw_insert",
        ),
      );
    },
    async store() {
      const { records } = written as Written;
      await query(empty);
      return rate(records.length, concurrency, async (i) => {
        const result = await store.insertUser(records[i] as UserRecord);
        if (!result.ok) throw new Error(`postgres: direct insert refused (${result.conflict})`);
      });
    },
  };
  const names = ["signups", "raw", "store"] as const;
  const rates: Partial<Phase> = {};
  for (let k = 0; k < names.length; k++) {
    const name = names[(order + k) % names.length] as (typeof names)[number];
    rates[name] = await phases[name]();
  }
  return { ...(rates as Phase), written: written as Written };
}

async function measure(
  ctx: BenchContext,
  label: string,
  store: PostgresStoreLike,
  query: Query,
  concurrency: number,
): Promise<Metric[]> {
  await store.migrate();
  // Many short rounds rather than a few long ones: on a shared machine a slow moment spoils the round it falls in,
  // and the median of many per-round ratios leaves it out. Rounds come in multiples of three, so each phase order
  // (rotating by round) comes up equally often.
  const parallel = concurrency > 1;
  const count = parallel ? ctx.pick(4000, 800) : ctx.pick(1000, 400);
  const tag = `${label.replace(/[^a-z0-9]/gi, "").toLowerCase()}${concurrency}`;
  const rounds = parallel ? ctx.pick(9, 3) : ctx.pick(12, 3);
  let previous = (await round(store, query, count, concurrency, `${tag}w`, 0, undefined)).written;
  const phases: Phase[] = [];
  for (let r = 0; r < rounds; r++) {
    const result = await round(store, query, count, concurrency, `${tag}r${r}`, r, previous);
    previous = result.written;
    phases.push(result);
  }
  const share = median(phases.map((p) => p.signups / p.raw)) * 100;
  const storeShare = median(phases.map((p) => p.store / p.raw)) * 100;
  ctx.log(
    `  postgres ${label}: ${phases.map((p) => `${fmt(p.signups)} vs ${fmt(p.raw)} (store ${fmt(p.store)})`).join(", ")}`,
  );
  return [
    info(
      `${label}: signups/s (no-op hasher) / raw INSERTs/s`,
      median(phases.map((p) => p.signups)),
      "/s",
      `${fmt(median(phases.map((p) => p.signups)))} / ${fmt(median(phases.map((p) => p.raw)))} /s`,
    ),
    atLeast(`${label}: signups ÷ raw INSERTs`, share, "%", 80, `${share.toFixed(1)} %`),
    info(`  ${label}: store.insertUser alone ÷ raw INSERTs`, storeShare, "%", `${storeShare.toFixed(1)} %`),
  ];
}

/**
 * Row 6: the Postgres store (`signupkit/postgres`) on in-memory PGlite, and on the server at DATABASE_URL when it is
 * set (a pg.Pool; sequential and 16 in flight): signups/s against raw INSERTs of the same rows.
 */
export async function postgresRow(ctx: BenchContext): Promise<RowResult> {
  let createPostgresStore: typeof import("signupkit/postgres").createPostgresStore;
  try {
    ({ createPostgresStore } = await import("signupkit/postgres"));
  } catch (error) {
    return {
      id: "6",
      title: "Postgres store",
      seconds: 0,
      metrics: [],
      notes: [],
      skipped: `signupkit/postgres is not loadable: ${String(error)}`,
    };
  }
  const metrics: Metric[] = [];
  const notes: string[] = [];

  const { PGlite } = await import("@electric-sql/pglite");
  const lite = new PGlite();
  try {
    const query: Query = async (text, values) => (await lite.query<Row>(text, values ?? [])).rows;
    metrics.push(
      ...(await measure(ctx, "PGlite (in-memory), sequential", createPostgresStore(lite), query, 1)),
    );
  } finally {
    await lite.close();
  }

  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    notes.push("DATABASE_URL is not set: the real-server rows were skipped.");
  } else {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: url, max: 16 });
    try {
      const schema = `signupkit_bench_${process.pid}`;
      const query: Query = async (text, values, name) =>
        (
          await pool.query<Row>(
            name === undefined ? { text, values: values ?? [] } : { text, values: values ?? [], name },
          )
        ).rows;
      const store = createPostgresStore(pool, { schema });
      metrics.push(...(await measure(ctx, "PostgreSQL (pg.Pool), sequential", store, query, 1)));
      metrics.push(...(await measure(ctx, "PostgreSQL (pg.Pool), 16 in flight", store, query, 16)));
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      notes.push(`real server: ${url.replace(/\/\/[^@]*@/, "//…@")}, schema ${schema} (dropped afterwards).`);
    } finally {
      await pool.end();
    }
  }
  notes.push(
    "each round: signups into empty tables, the same rows re-INSERTed one statement per row, and the same records through store.insertUser, each into empty tables, the order rotating by round; medians of per-round ratios.",
  );
  return { id: "6", title: "Postgres store", seconds: 0, metrics, notes };
}
