import { hash } from "@node-rs/bcrypt";
import { concurrentRate, sleep, withLoopDelay } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, validInput } from "../lib/fixtures.js";
import { atLeast, atMost, info, type RowResult } from "../lib/report.js";
import { median } from "../lib/stats.js";

const IN_FLIGHT = 64;
const PASSWORD = "Passw0rd!";

/**
 * Row 3: signups through the service's default hasher (bcrypt cost 10, `signupkit/bcrypt`, loaded lazily) with 64
 * in flight, as a share of raw `@node-rs/bcrypt` `hash(pw, {cost: 10})` with 64 in flight, phases alternating in the
 * same run; and the event-loop delay p99 of each phase minus the idle p99 measured just before.
 */
export async function bcryptRow(ctx: BenchContext): Promise<RowResult> {
  const rounds = ctx.pick(2, 1);
  const ms = ctx.pick(3500, 1200);
  // The default hasher: no `hasher` option, so the service loads createBcryptHasher() from signupkit/bcrypt.
  const { service } = benchService({ hasher: "default" });
  const tag = Math.random().toString(36).slice(2, 8);
  let n = 0;
  const signup = () => service.signup(validInput(n++, tag), CONTEXT);
  await signup();
  await hash(PASSWORD, { cost: 10 });

  const idle = await withLoopDelay(() => sleep(ctx.pick(1000, 500)));
  const raw: number[] = [];
  const lib: number[] = [];
  const shares: number[] = [];
  const rawDelay: number[] = [];
  const libDelay: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = await withLoopDelay(() => concurrentRate(() => hash(PASSWORD, { cost: 10 }), IN_FLIGHT, ms));
    const b = await withLoopDelay(() => concurrentRate(signup, IN_FLIGHT, ms));
    raw.push(a.result);
    lib.push(b.result);
    shares.push(b.result / a.result);
    rawDelay.push(a.p99Ms);
    libDelay.push(b.p99Ms);
    ctx.log(
      `  bcrypt round ${r + 1}/${rounds}: raw ${a.result.toFixed(1)}/s, service ${b.result.toFixed(1)}/s`,
    );
  }
  const share = median(shares) * 100;
  const extra = median(libDelay) - idle.p99Ms;
  return {
    id: "3",
    title: "bcrypt cost 10, 64 concurrent",
    seconds: 0,
    metrics: [
      info("Raw @node-rs/bcrypt hash(), 64 in flight", median(raw), "hashes/s"),
      info("Service signups (default hasher), 64 in flight", median(lib), "signups/s"),
      atLeast("Service ÷ raw throughput", share, "%", 95, `${share.toFixed(1)} %`),
      atMost("Event-loop delay p99 during signups − idle p99", extra, "ms", 5, `${extra.toFixed(2)} ms`),
      info(
        "  event-loop p99: idle / raw hash() / service",
        median(libDelay),
        "ms",
        `${idle.p99Ms.toFixed(2)} / ${median(rawDelay).toFixed(2)} / ${median(libDelay).toFixed(2)} ms`,
      ),
    ],
    notes: [
      `${rounds} alternating round(s) of ${ms} ms per phase (plus the drain of the last ${IN_FLIGHT}); libuv pool ${process.env.UV_THREADPOOL_SIZE ?? 4} threads.`,
    ],
  };
}
