/**
 * One racer of the multi-process races (test/storage/*-race.test.ts), run as `node --import tsx race-worker.ts`.
 * Env: RACE_ENGINE (postgres, sqlite, libsql, mysql), RACE_TARGET (URL or file), RACE_SCHEMA (postgres),
 * RACE_WORKER (0..3), RACE_COUNT. Prints `{"ready":true}`, waits for a line on stdin, signs up RACE_COUNT addresses
 * at once (each in a case spelling of its own), and prints a JSON summary.
 */
import { once } from "node:events";
import { createInsecureTestHasher } from "../../src/entries/testing.js";
import { createSignupService, isSignupError } from "../../src/index.js";
import { baasPolicy } from "../../src/policies/baas-policy.js";
import type { UserStore } from "../../src/ports/user-store.js";
import { openStore } from "./engines.js";

const worker = Number(process.env.RACE_WORKER);
const count = Number(process.env.RACE_COUNT ?? 1000);

/** A seeded generator, so every racer has its own order and spellings. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(worker * 7919 + 1);
/** Every letter of the address upper- or lower-cased at random: all spellings share one email key. */
const spelling = (i: number) =>
  [...`racer${i}@example.com`].map((c) => (next() < 0.5 ? c.toUpperCase() : c)).join("");

function order(): number[] {
  const items = Array.from({ length: count }, (_, i) => i);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
  return items;
}

async function main(): Promise<void> {
  const { store, close, warm } = await openStore(process.env.RACE_ENGINE as string, {
    target: process.env.RACE_TARGET as string,
    schema: process.env.RACE_SCHEMA,
  });
  const service = createSignupService({
    store: store as UserStore,
    hasher: createInsecureTestHasher(),
    tenants: { race: { policy: baasPolicy() } },
    maxConcurrentHashes: 8,
    maxQueuedHashes: 2 * count,
    timeouts: { store: 60_000 },
    onError: (error) => void (process.env.RACE_DEBUG && console.error(error)),
  });
  await warm();
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await once(process.stdin, "data");

  const created: string[] = [];
  const failures: Record<string, number> = {};
  await Promise.all(
    order().map(async (i) => {
      try {
        const result = await service.signup(
          { email: spelling(i), password: "Correct-Horse-9" },
          { tenant: "race" },
        );
        if (result.status === "created") created.push(`racer${i}@example.com`);
      } catch (error) {
        const key = isSignupError(error) ? `${error.status} ${error.code}` : "500 unexpected";
        if (process.env.RACE_DEBUG && key !== "409 email_exists") console.error(error);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }),
  );
  await close();
  process.stdout.write(`${JSON.stringify({ worker, created, failures })}\n`);
  process.stdin.destroy();
}

await main();
