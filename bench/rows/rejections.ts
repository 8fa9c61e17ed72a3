import { Bench, hrtimeNow, type Task } from "tinybench";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, expectRejection, TENANT } from "../lib/fixtures.js";
import { atLeast, info, type RowResult } from "../lib/report.js";
import { median } from "../lib/stats.js";

/** One kind of invalid signup. */
export interface RejectionCase {
  name: string;
  input: unknown;
  /** The `SignupError` code it must get. */
  code: string;
  context?: { tenant: string };
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let d = 1; d < depth; d++) value = { child: value };
  return value;
}

/** One input per kind of violation of the NEC policy (and the two context refusals). */
export function rejectionCases(): RejectionCase[] {
  const ok = { email: "taro@example.com", password: "Passw0rd!" };
  return [
    { name: "bad email", input: { ...ok, email: "not-an-email" }, code: "invalid_input" },
    { name: "email not a string", input: { ...ok, email: 42 }, code: "invalid_input" },
    { name: "short password", input: { ...ok, password: "short" }, code: "invalid_input" },
    { name: "non-ASCII password", input: { ...ok, password: "パスワードです1234" }, code: "invalid_input" },
    { name: "missing password", input: { email: ok.email }, code: "invalid_input" },
    { name: "unknown field", input: { ...ok, favouriteColour: "blue" }, code: "invalid_input" },
    { name: "server-owned field", input: { ...ok, emailVerified: true }, code: "invalid_input" },
    { name: "too-long username", input: { ...ok, username: "u".repeat(101) }, code: "invalid_input" },
    { name: "username with ':'", input: { ...ok, username: "taro:admin" }, code: "invalid_input" },
    { name: "non-object (string)", input: "email=taro@example.com", code: "invalid_input" },
    { name: "non-object (array)", input: [ok], code: "invalid_input" },
    { name: "null body", input: null, code: "invalid_input" },
    {
      name: "metadata too big",
      input: { ...ok, metadata: { bio: "x".repeat(17_000) } },
      code: "invalid_input",
    },
    { name: "metadata too deep", input: { ...ok, metadata: nested(9) }, code: "invalid_input" },
    {
      name: "metadata __proto__ key",
      input: { ...ok, metadata: JSON.parse('{"__proto__":{"admin":true}}') as unknown },
      code: "invalid_input",
    },
    { name: "id without master key", input: { ...ok, id: "my-own-id" }, code: "forbidden" },
    { name: "unknown tenant", input: ok, code: "unknown_tenant", context: { tenant: `${TENANT}-nope` } },
  ];
}

/** Calls per second of a finished tinybench task: 1,000 ÷ its mean latency in ms (each call awaited alone). */
function callsPerSecond(task: Task): number {
  const result = task.result;
  if (result.state !== "completed") throw new Error(`rejections: task "${task.name}" ended ${result.state}`);
  return 1000 / result.period;
}

/**
 * Row 2: invalid signups refused per second, one tinybench task per kind of violation, then all kinds round-robin.
 * Each round is one tinybench run of every task in turn (`ms` per task, each call awaited before the next); the rate
 * of a kind is the median over the rounds, so a slow moment on the machine falls on few of its samples. The store
 * stays empty (nothing is ever inserted), so tasks do not influence each other.
 */
export async function rejectionsRow(ctx: BenchContext): Promise<RowResult> {
  const cases = rejectionCases();
  const { service } = benchService();
  for (const c of cases) {
    const code = await expectRejection(service.signup(c.input, c.context ?? CONTEXT));
    if (code !== c.code) throw new Error(`rejections: "${c.name}" got ${code}, expected ${c.code}`);
  }
  const reject = (c: RejectionCase) => service.signup(c.input, c.context ?? CONTEXT).catch(() => undefined);
  let next = 0;
  const roundRobin = () => reject(cases[next++ % cases.length] as RejectionCase);
  const ROUND_ROBIN = "all kinds round-robin";

  const rounds = ctx.pick(5, 3);
  const ms = ctx.pick(150, 60);
  const samples = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    // The first round warms every task up (the JIT compiles each path); later rounds start measuring at once.
    const bench = new Bench({ now: hrtimeNow, time: ms, warmup: r === 0, warmupTime: ms });
    for (const c of cases) bench.add(c.name, () => reject(c), { async: true });
    bench.add(ROUND_ROBIN, roundRobin, { async: true });
    await bench.run();
    for (const task of bench.tasks) {
      const list = samples.get(task.name) ?? [];
      list.push(callsPerSecond(task));
      samples.set(task.name, list);
    }
  }
  const rateOf = (name: string) => median(samples.get(name) ?? []);
  const rates = cases.map((c) => ({ name: c.name, rate: rateOf(c.name) }));
  const slowest = rates.reduce((a, b) => (b.rate < a.rate ? b : a));
  return {
    id: "2",
    title: "Rejections",
    seconds: 0,
    metrics: [
      atLeast("Rejections/s, all kinds round-robin", rateOf(ROUND_ROBIN), "/s", 100_000),
      atLeast(`Rejections/s, slowest kind (${slowest.name})`, slowest.rate, "/s", 100_000),
      ...rates.map((r) => info(`  rejections/s: ${r.name}`, r.rate, "/s")),
    ],
    notes: [
      `${cases.length} kinds, tinybench, ${rounds} rounds of ${ms} ms per task; medians of the rounds' 1,000 ÷ mean latency (ms). Every case checked for its code first.`,
    ],
  };
}
