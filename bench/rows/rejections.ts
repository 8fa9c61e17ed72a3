import { sequentialRate } from "../lib/clock.js";
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

/**
 * Row 2: invalid signups refused per second, one phase per kind of violation, then all kinds round-robin. The
 * store stays empty (nothing is ever inserted), so phases do not influence each other.
 */
export async function rejectionsRow(ctx: BenchContext): Promise<RowResult> {
  const cases = rejectionCases();
  const { service } = benchService();
  for (const c of cases) {
    const code = await expectRejection(service.signup(c.input, c.context ?? CONTEXT));
    if (code !== c.code) throw new Error(`rejections: "${c.name}" got ${code}, expected ${c.code}`);
  }
  const reject = (c: RejectionCase) => service.signup(c.input, c.context ?? CONTEXT).catch(() => undefined);
  await sequentialRate((i) => reject(cases[i % cases.length] as RejectionCase), ctx.pick(1000, 300));

  const rounds = ctx.pick(5, 3);
  const ms = ctx.pick(150, 60);
  const perCase = cases.map((c) => {
    const samples: number[] = [];
    return { c, samples };
  });
  const mixed: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const { c, samples } of perCase) samples.push(await sequentialRate(() => reject(c), ms));
    mixed.push(await sequentialRate((i) => reject(cases[i % cases.length] as RejectionCase), ms));
  }
  const rates = perCase.map(({ c, samples }) => ({ name: c.name, rate: median(samples) }));
  const slowest = rates.reduce((a, b) => (b.rate < a.rate ? b : a));
  return {
    id: "2",
    title: "Rejections",
    seconds: 0,
    metrics: [
      atLeast("Rejections/s, all kinds round-robin", median(mixed), "/s", 100_000),
      atLeast(`Rejections/s, slowest kind (${slowest.name})`, slowest.rate, "/s", 100_000),
      ...rates.map((r) => info(`  rejections/s: ${r.name}`, r.rate, "/s")),
    ],
    notes: [
      `${cases.length} kinds, ${rounds} rounds of ${ms} ms each; medians. Every case checked for its code first.`,
    ],
  };
}
