import { hrtime } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, fillStore, validInput } from "../lib/fixtures.js";
import { fullGc, settledMemory } from "../lib/gc.js";
import { createMemoryStore, type UserStore } from "../lib/kit.js";
import { atLeast, info, type RowResult } from "../lib/report.js";
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
 * Row 5: signup speed on a memory store pre-filled (through `insertUser`, with realistic records) to 1,000 and to
 * 1,000,000 users, and the memory each stored user takes. Order: small, large, small again (after the large store is
 * dropped), so drift between the phases shows up in the small rounds instead of in the ratio.
 */
export async function scaleRow(ctx: BenchContext): Promise<RowResult> {
  const large = ctx.pick(1_000_000, 100_000);
  const count = ctx.pick(20_000, 5_000);
  const rounds = ctx.pick(3, 2);
  const small: number[] = [];
  const big: number[] = [];
  let tag = 0;

  const smallRounds = async () => {
    for (let r = 0; r < rounds; r++) {
      const store = createMemoryStore();
      await fillStore(store, SMALL);
      small.push(await signupRate(store, count, `s${tag++}`));
    }
  };
  // Warm-up on throwaway stores (as many signups as the timed rounds of one size: with a single round the first
  // small rounds ran measurably slower than the ones after the large store), then the first small rounds.
  for (let r = 0; r < rounds; r++) await signupRate(createMemoryStore(), count, `warm${r}`);
  await smallRounds();

  const before = settledMemory();
  let store: UserStore | undefined = createMemoryStore();
  const fillRate = await fillStore(store, large, 10_000_000);
  const after = settledMemory();
  const perUser = (after - before) / large;
  ctx.log(`  scale: filled ${fmt(large)} users at ${fmt(fillRate)}/s, ${perUser.toFixed(0)} B/user`);
  for (let r = 0; r < rounds; r++) big.push(await signupRate(store, count, `b${tag++}`));
  ctx.log(
    `  scale: rounds at ${fmt(large)}: ${big.map((x) => fmt(x)).join(", ")}; at ${fmt(SMALL)} so far: ${small.map((x) => fmt(x)).join(", ")}`,
  );
  store = undefined;
  fullGc();
  await smallRounds();

  const ratio = median(big) / median(small);
  return {
    id: "5",
    title: "Scale",
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
        `Speed at ${fmt(large)} ÷ speed at ${fmt(SMALL)}`,
        ratio,
        "",
        1 / 1.3,
        `${ratio.toFixed(2)} (1/${(1 / ratio).toFixed(2)})`,
      ),
      info(
        "Memory per stored user (heap + array buffers, after gc ÷ count)",
        perUser,
        "B",
        `${fmt(perUser)} B`,
      ),
      info("Fill speed through insertUser (incl. building the records)", fillRate, "/s"),
    ],
    notes: [
      `${rounds} rounds of ${fmt(count)} sequential signups per size (no-op hasher); small rounds before and after the large store, a fresh ${fmt(SMALL)}-user store each.`,
    ],
  };
}
