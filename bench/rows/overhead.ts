import { monotonicFactory } from "ulid";
import * as v from "valibot";
import { concurrentRate, hrtime, msSince, sequentialRate } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, noopHasher, validInput } from "../lib/fixtures.js";
import { settledMemory } from "../lib/gc.js";
import { atLeast, info, type RowResult } from "../lib/report.js";
import { median } from "../lib/stats.js";

const PRINTABLE = /^[\x20-\x7e]*$/;
const EMAIL = /^[\w.-]+@(?:[\w-]+\.)+[\w-]+$/;

/** A valibot schema equivalent to the NEC policy's fields, for the hand-rolled floor. */
const floorSchema = v.strictObject({
  id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100), v.regex(PRINTABLE))),
  username: v.optional(
    v.pipe(v.string(), v.minLength(1), v.maxLength(100), v.regex(/^[\x20-\x39\x3b-\x7e]*$/)),
  ),
  email: v.pipe(v.string(), v.minLength(1), v.maxLength(100), v.regex(EMAIL)),
  password: v.pipe(v.string(), v.minLength(8), v.maxLength(100), v.regex(PRINTABLE)),
  metadata: v.optional(v.record(v.string(), v.unknown())),
  clientCertUser: v.optional(v.boolean()),
});

/**
 * The hand-rolled signup the library is compared with: validate, await the same no-op hasher, a monotonic ULID
 * (`monotonicFactory()`, as the library's default ids), one Map insert.
 */
function handRolled(): (input: unknown) => Promise<void> {
  const byEmail = new Map<string, unknown>();
  const ulid = monotonicFactory();
  return async (input) => {
    const result = v.safeParse(floorSchema, input);
    if (!result.success) throw new Error("invalid");
    const email = result.output.email.toLowerCase();
    if (byEmail.has(email)) throw new Error("exists");
    const passwordHash = await noopHasher.hash(result.output.password);
    byEmail.set(email, { id: ulid(), ...result.output, password: undefined, passwordHash });
  };
}

/**
 * Row 1: the library's own cost per signup (memory store, no-op hasher, NEC policy), sequential and with 64 in
 * flight, against the hand-rolled floor measured in the same rounds. Each round uses a fresh store.
 */
export async function overheadRow(ctx: BenchContext): Promise<RowResult> {
  const rounds = ctx.pick(7, 3);
  const ms = ctx.pick(800, 250);
  const seq: number[] = [];
  const conc: number[] = [];
  const floor: number[] = [];
  const ratios: number[] = [];
  const cpu: number[] = [];
  // Warm-up: JIT every path before anything is timed.
  await sequentialRate(runner(), ctx.pick(1000, 300));
  await sequentialRate(floorRunner(), ctx.pick(500, 200));
  for (let r = 0; r < rounds; r++) {
    const f = await sequentialRate(floorRunner(), ms);
    const c0 = process.cpuUsage();
    const t0 = hrtime();
    const s = await sequentialRate(runner(), ms);
    const used = process.cpuUsage(c0);
    // CPU time of the whole process (GC threads included) per signup: steadier than wall time on a busy machine.
    cpu.push((used.user + used.system) / ((s * msSince(t0)) / 1000));
    const c = await concurrentRate(runner(), 64, ms);
    floor.push(f);
    seq.push(s);
    conc.push(c);
    ratios.push(s / f);
    ctx.log(
      `  overhead round ${r + 1}/${rounds}: seq ${Math.round(s)}/s, 64 ${Math.round(c)}/s, floor ${Math.round(f)}/s`,
    );
  }
  const kept = await memoryPerSignup(ctx.pick(100_000, 20_000));
  const seqRate = median(seq);
  const ratio = median(ratios);
  return {
    id: "1",
    title: "Overhead path",
    seconds: 0,
    metrics: [
      atLeast("Signups/s, sequential (memory store, no-op hasher, NEC)", seqRate, "/s", 50_000),
      info("Signups/s, 64 concurrent", median(conc), "/s"),
      info("µs per signup (sequential, wall)", 1e6 / seqRate, "µs"),
      info("  CPU µs per signup (process CPU time incl. GC threads)", median(cpu), "µs"),
      info(
        "  memory kept per signup (memory store: heap + array buffers, after gc)",
        kept,
        "B",
        `${Math.round(kept)} B`,
      ),
      info(
        "Hand-rolled floor: safeParse + same hasher await + monotonic ULID + Map, /s",
        median(floor),
        "/s",
      ),
      info("Library ÷ hand-rolled floor (median of per-round ratios)", ratio, "×", `${ratio.toFixed(2)} ×`),
    ],
    notes: [`${rounds} rounds of ${ms} ms per phase, a fresh store per phase; medians.`],
  };

  /** Memory the store keeps per user signed up: the growth over `count` signups, after full collections. */
  async function memoryPerSignup(count: number): Promise<number> {
    const { service, store } = benchService();
    const before = settledMemory();
    for (let i = 0; i < count; i++) await service.signup(validInput(i, "heap"), CONTEXT);
    const after = settledMemory();
    if ((await store.findUserByEmail(CONTEXT.tenant, "user0.heap@example.com")) === null) {
      throw new Error("memory: the store lost its users");
    }
    return (after - before) / count;
  }
  function runner(): (i: number) => Promise<unknown> {
    const { service } = benchService();
    const tag = Math.random().toString(36).slice(2, 8);
    return (i) => service.signup(validInput(i, tag), CONTEXT);
  }
  function floorRunner(): (i: number) => Promise<unknown> {
    const signup = handRolled();
    const tag = Math.random().toString(36).slice(2, 8);
    return (i) => signup(validInput(i, tag));
  }
}
