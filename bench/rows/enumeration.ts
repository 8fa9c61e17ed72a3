import { hrtime } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, expectRejection } from "../lib/fixtures.js";
import { auth0Policy, createMemoryStore } from "../lib/kit.js";
import { atMost, info, type Metric, type RowResult } from "../lib/report.js";
import { median } from "../lib/stats.js";
import { probeStore } from "./enumeration-probes.js";

const HOSTILE = 50_000;

/** Median µs to refuse `input` (which must be refused), over `count` calls. */
async function rejectUs(service: ReturnType<typeof benchService>["service"], input: unknown, count: number) {
  await expectRejection(service.signup(input, CONTEXT));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = hrtime();
    await service.signup(input, CONTEXT).catch(() => undefined);
    times.push(Number(hrtime() - start) / 1e3);
  }
  return median(times);
}

/** The probes on PostgreSQL at DATABASE_URL (one schema per phase, dropped afterwards), or a note why not. */
async function postgresProbes(ctx: BenchContext, notes: string[]): Promise<Metric[]> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    notes.push("DATABASE_URL is not set: the PostgreSQL probes were skipped.");
    return [];
  }
  const { createPostgresStore } = await import("signupkit/postgres");
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const schemas: string[] = [];
  try {
    return await probeStore(ctx, "PostgreSQL", async (phase) => {
      const schema = `signupkit_enum_${process.pid}_${phase}`;
      schemas.push(schema);
      const store = createPostgresStore(pool, { schema });
      await store.migrate();
      return store;
    });
  } finally {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

/**
 * Row 7 (hardening): with `concealExisting` + confirmation, one request for a new address next to one for a taken
 * address, for a signup with a password, a signup with a client-certificate body, and a resend, on the memory store
 * and on PostgreSQL, with the no-op hasher and bcrypt cost 10: the difference of the medians, and how often a
 * single request is classified right by a threshold at the pooled median. Then the time to refuse 50,000-character
 * fields under both policies.
 */
export async function enumerationRow(ctx: BenchContext): Promise<RowResult> {
  const notes: string[] = [];
  const probes = [
    ...(await probeStore(ctx, "memory", async () => createMemoryStore())),
    ...(await postgresProbes(ctx, notes)),
  ];
  const big = "a".repeat(HOSTILE);
  const ok = { email: "taro@example.com", password: "Passw0rd!" };
  const hostile: [string, unknown][] = [
    ["email", { ...ok, email: `${big.slice(12)}@example.com` }],
    ["username", { ...ok, username: big }],
    ["password", { ...ok, password: big }],
    ["metadata key", { ...ok, metadata: { [big]: "x" } }],
    ["unknown field name", { ...ok, [big]: "x" }],
  ];
  const reps = ctx.pick(300, 50);
  const baas = benchService().service;
  const auth0 = benchService({ tenant: { policy: auth0Policy({ requireUsername: true }) } }).service;
  const hostileMetrics: Metric[] = [];
  for (const [name, input] of hostile) {
    const a = await rejectUs(baas, input, reps);
    const b = await rejectUs(auth0, { username: "taro", ...(input as object) }, reps);
    hostileMetrics.push(
      atMost(
        `  refuse a 50,000-char ${name}: NEC / Auth0 policy`,
        Math.max(a, b),
        "µs",
        1000,
        `${a.toFixed(1)} / ${b.toFixed(1)} µs`,
      ),
    );
  }
  return {
    id: "7",
    title: "Enumeration timing and hostile sizes",
    seconds: 0,
    metrics: [
      info("Conceal: a new address next to a taken one, per probe", 0, ""),
      ...probes,
      ...hostileMetrics,
    ],
    notes: [
      ...notes,
      "pairs alternate which goes first; 200 stored users; memory mailer; resends carry the signup password and answer before their store and mail work (concealExisting). Hostile-size target (≤ 1 ms) is this benchmark's own bar.",
    ],
  };
}
