/**
 * One racer of test/postgres/two-process-race.test.ts, run as `node --import tsx test/postgres/race-worker.ts`.
 * Env: DATABASE_URL, RACE_SCHEMA, RACE_WORKER (0 or 1), RACE_COUNT. Prints `{"ready":true}`, waits for a line on
 * stdin, signs up RACE_COUNT addresses at once (its own case spelling of each), and prints a JSON summary.
 */
import { once } from "node:events";
import pg from "pg";
import { createPostgresStore } from "../../src/entries/postgres.js";
import { createInsecureTestHasher } from "../../src/entries/testing.js";
import { createSignupService, isSignupError } from "../../src/index.js";
import { baasPolicy } from "../../src/policies/baas-policy.js";

const worker = Number(process.env.RACE_WORKER);
const count = Number(process.env.RACE_COUNT ?? 1000);

/** Worker 0 and worker 1 spell every address differently; both spellings share one email key. */
function spelling(i: number, racer: number): string {
  const local = `racer${i}`;
  if (racer === 0) return i % 2 === 0 ? `${local}@example.com` : `${local.toUpperCase()}@example.com`;
  return i % 3 === 0 ? `${local}@EXAMPLE.COM` : `Racer${i}@Example.Com`;
}

/** 0..count-1 in an order of this racer's own (seeded), so the two racers meet all over the range. */
function order(seed: number): number[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const items = Array.from({ length: count }, (_, i) => i);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
  return items;
}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const store = createPostgresStore(pool, { schema: process.env.RACE_SCHEMA as string });
  const service = createSignupService({
    store,
    hasher: createInsecureTestHasher(),
    tenants: { race: { policy: baasPolicy() } },
    maxConcurrentHashes: 8,
    maxQueuedHashes: 2 * count,
    onError: () => undefined,
  });
  // Open every pooled connection before the start signal, so neither racer starts behind.
  await Promise.all(Array.from({ length: 10 }, () => pool.query("SELECT pg_sleep(0.01)")));
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await once(process.stdin, "data");

  const created: string[] = [];
  const failures: Record<string, number> = {};
  await Promise.all(
    order(worker + 1).map(async (i) => {
      try {
        const result = await service.signup(
          { email: spelling(i, worker), password: "Correct-Horse-9" },
          { tenant: "race" },
        );
        if (result.status === "created") created.push(`racer${i}@example.com`);
      } catch (error) {
        const key = isSignupError(error) ? `${error.status} ${error.code}` : "500 unexpected";
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }),
  );
  await pool.end();
  process.stdout.write(`${JSON.stringify({ worker, created, failures })}\n`);
  process.stdin.destroy();
}

await main();
