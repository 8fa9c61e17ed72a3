import { hrtime } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, fillStore, validInput } from "../lib/fixtures.js";
import { fullGc, settledMemory } from "../lib/gc.js";
import { createMemoryStore, type UserStore } from "../lib/kit.js";
import { atLeast, atMost, info, type RowResult } from "../lib/report.js";
import { fmt, median } from "../lib/stats.js";

const SMALL = 1_000;

/** Sequential signups/s of `count` signups on a service over `store` (no-op hasher). */
async function signupRate(store: UserStore, count: number, tag: string): Promise<number> {
  const { service } = benchService({ store });
  // Every timed round starts from the same GC state: no garbage left over from the fill or the previous round.
  fullGc();
  const start = hrtime();
  for (let i = 0; i < count; i++) await service.signup(validInput(i, tag), CONTEXT);
  return count / (Number(hrtime() - start) / 1e9);
}

/**
 * Row 5: the memory store (`createMemoryStore`, for tests and demos) at size: signup speed on a memory store pre-filled (through `insertUser`, with realistic records) to 1,000 and to
 * 1,000,000 users, and the memory each stored user takes. The large store is filled once; then each round times
 * one run on a fresh 1,000-user store and one on the large store, back to back (which goes first alternates), and
 * the ratio is the median of the rounds' ratios, so load changes on a shared machine fall on both sides of a ratio.
 */
export async function memoryRow(ctx: BenchContext): Promise<RowResult> {
  const large = ctx.pick(1_000_000, 100_000);
  const count = ctx.pick(20_000, 5_000);
  const rounds = ctx.pick(7, 3);
  const small: number[] = [];
  const big: number[] = [];
  const ratios: number[] = [];

  // Warm-up on throwaway stores, so that no timed round compiles anything.
  for (let r = 0; r < 2; r++) await signupRate(createMemoryStore(), count, `warm${r}`);

  const before = settledMemory();
  const store = createMemoryStore();
  const fillRate = await fillStore(store, large, 10_000_000);
  const after = settledMemory();
  const perUser = (after - before) / large;
  ctx.log(`  scale: filled ${fmt(large)} users at ${fmt(fillRate)}/s, ${perUser.toFixed(0)} B/user`);
  for (let r = 0; r < rounds; r++) {
    const fresh = createMemoryStore();
    await fillStore(fresh, SMALL);
    const runSmall = () => signupRate(fresh, count, `s${r}`);
    const runLarge = () => signupRate(store, count, `b${r}`);
    let s: number;
    let b: number;
    if (r % 2 === 0) {
      s = await runSmall();
      b = await runLarge();
    } else {
      b = await runLarge();
      s = await runSmall();
    }
    small.push(s);
    big.push(b);
    ratios.push(b / s);
    ctx.log(`  scale round ${r + 1}/${rounds}: ${fmt(SMALL)} ${fmt(s)}/s, ${fmt(large)} ${fmt(b)}/s`);
  }

  const ratio = median(ratios);
  return {
    id: "5",
    title: "Memory store",
    seconds: 0,
    metrics: [
      info(`Signups/s at ${fmt(SMALL)} users`, median(small), "/s"),
      info(`Signups/s at ${fmt(large)} users`, median(big), "/s"),
      info(
        `  rounds at ${fmt(large)}: slowest / fastest`,
        Math.min(...big),
        "/s",
        `${fmt(Math.min(...big))} / ${fmt(Math.max(...big))} /s`,
      ),
      atLeast(
        `Speed at ${fmt(large)} ÷ speed at ${fmt(SMALL)} (median of per-round ratios)`,
        ratio,
        "",
        1 / 1.3,
        `${ratio.toFixed(2)} (1/${(1 / ratio).toFixed(2)})`,
      ),
      atMost(
        `Memory per stored user at ${fmt(large)} users (heap + array buffers, after gc ÷ count)`,
        perUser,
        "B",
        1024,
        `${fmt(perUser)} B`,
      ),
      info("Fill speed through insertUser (incl. building the records)", fillRate, "/s"),
    ],
    notes: [
      `${rounds} rounds, each ${fmt(count)} sequential signups (no-op hasher) on a fresh ${fmt(SMALL)}-user store and ${fmt(count)} on the large one; the large store grows by ${fmt(count)} a round.`,
    ],
  };
}
