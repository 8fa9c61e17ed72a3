import { hrtime } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, validInput } from "../lib/fixtures.js";
import type { UserStore } from "../lib/kit.js";
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

/**
 * One round: `count` signups through the service on the Postgres store, and the same rows INSERTed again with one
 * plain parameterized statement per row through the same client (a named, prepared statement on pg), at the same
 * concurrency. Each phase starts on empty tables. Odd rounds run the raw phase first, with the rows of the previous
 * round, so neither phase always runs second. Returns the rows the signups wrote.
 */
async function round(
  store: PostgresStoreLike,
  query: Query,
  count: number,
  concurrency: number,
  tag: string,
  previous: Row[] | undefined,
): Promise<Phase & { rows: Row[] }> {
  const empty = `TRUNCATE ${store.tables.users}, ${store.tables.claims}, ${store.tables.tokens}`;
  const { service } = benchService({ store });
  const signupPhase = async () => {
    await query(empty);
    const rate_ = await rate(count, concurrency, (i) => service.signup(validInput(i, tag), CONTEXT));
    const rows = await query(`SELECT * FROM ${store.tables.users}`);
    if (rows.length !== count) throw new Error(`postgres: expected ${count} rows, found ${rows.length}`);
    return { rate: rate_, rows };
  };
  const rawPhase = async (rows: Row[]) => {
    const columns = Object.keys(rows[0] as Row);
    const insert =
      `INSERT INTO ${store.tables.users} (${columns.map((c) => `"${c}"`).join(", ")}) ` +
      `VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
    await query(empty);
    return rate(rows.length, concurrency, (i) =>
      query(
        insert,
        columns.map((c) => (rows[i] as Row)[c]),
        "bench_raw_insert",
      ),
    );
  };
  if (previous !== undefined && previous.length === count) {
    const raw = await rawPhase(previous);
    const signups = await signupPhase();
    return { signups: signups.rate, raw, rows: signups.rows };
  }
  const signups = await signupPhase();
  return { signups: signups.rate, raw: await rawPhase(signups.rows), rows: signups.rows };
}

async function measure(
  ctx: BenchContext,
  label: string,
  store: PostgresStoreLike,
  query: Query,
  concurrency: number,
): Promise<Metric[]> {
  await store.migrate();
  // In flight, a phase of 2,000 rows lasts 0.2 s, short enough for one slow moment of a shared machine to decide a
  // round: more rows and more rounds there.
  const parallel = concurrency > 1;
  const count = parallel ? ctx.pick(6000, 800) : ctx.pick(2000, 400);
  const tag = `${label.replace(/[^a-z0-9]/gi, "").toLowerCase()}${concurrency}`;
  const rounds = parallel ? ctx.pick(6, 2) : ctx.pick(4, 2);
  let previous = (await round(store, query, count, concurrency, `${tag}w`, undefined)).rows;
  const phases: Phase[] = [];
  for (let r = 0; r < rounds; r++) {
    const result = await round(
      store,
      query,
      count,
      concurrency,
      `${tag}r${r}`,
      r % 2 === 1 ? previous : undefined,
    );
    previous = result.rows;
    phases.push(result);
  }
  const share = median(phases.map((p) => p.signups / p.raw)) * 100;
  ctx.log(`  postgres ${label}: ${phases.map((p) => `${fmt(p.signups)} vs ${fmt(p.raw)}`).join(", ")}`);
  return [
    info(
      `${label}: signups/s (no-op hasher) / raw INSERTs/s`,
      median(phases.map((p) => p.signups)),
      "/s",
      `${fmt(median(phases.map((p) => p.signups)))} / ${fmt(median(phases.map((p) => p.raw)))} /s`,
    ),
    atLeast(`${label}: signups ÷ raw INSERTs`, share, "%", 80, `${share.toFixed(1)} %`),
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
    "each round: signups into empty tables and the same rows re-INSERTed one statement per row into empty tables, the order alternating by round; medians of per-round ratios.",
  );
  return { id: "6", title: "Postgres store", seconds: 0, metrics, notes };
}
