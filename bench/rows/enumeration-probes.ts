import { hrtime, sleep } from "../lib/clock.js";
import type { BenchContext } from "../lib/context.js";
import { benchService, CONTEXT, noopHasher, realisticRecords } from "../lib/fixtures.js";
import { createBcryptHasher, createMemoryMailer, type PasswordHasher, type UserStore } from "../lib/kit.js";
import { atMost, type Metric } from "../lib/report.js";
import { median } from "../lib/stats.js";

/** Users stored before probing; a taken-address probe uses one of them. */
const EXISTING = 200;
const PASSWORD = "Passw0rd!";

/** One probe an attacker can send: what it does for the `i`-th new address and for a taken one. */
interface Probe {
  name: string;
  /** Work to do before timing (a pending claim per address for a resend). */
  prepare?(service: Service, pairs: number, tag: string): Promise<void>;
  run(service: Service, email: string, i: number, tag: string): Promise<unknown>;
  /** The address a "new" probe `i` uses. */
  fresh(i: number, tag: string): string;
}

type Service = ReturnType<typeof benchService>["service"];

/** The services' clock: a resend probe moves it by a resend interval first, so that no resend is throttled. */
let clock = Date.now();

const taken = (i: number) => `member.${i % EXISTING}@example.com`;

const PROBES: Probe[] = [
  {
    name: "signup",
    fresh: (i, tag) => `probe${i}.${tag}@example.com`,
    run: (service, email) => service.signup({ email, password: PASSWORD }, CONTEXT),
  },
  {
    name: "signup, clientCertUser body",
    fresh: (i, tag) => `probe${i}.${tag}@example.com`,
    run: (service, email, i, tag) =>
      service.signup({ email, username: `cert${i}${tag}${email.length}`, clientCertUser: true }, CONTEXT),
  },
  {
    name: "resendConfirmation",
    fresh: (i, tag) => `pending${i}.${tag}@example.com`,
    async prepare(service, pairs, tag) {
      for (let i = 0; i < pairs + 20; i++) {
        await service.signup({ email: `pending${i}.${tag}@example.com`, password: PASSWORD }, CONTEXT);
      }
    },
    run(service, email) {
      clock += 61_000;
      return service.resendConfirmation({ ...CONTEXT, password: PASSWORD }, email);
    },
  },
];

/** A concealing confirm-first tenant on `store` with `EXISTING` users; anonymous client-certificate signups on. */
async function concealing(store: UserStore, hasher: PasswordHasher) {
  const mailer = createMemoryMailer();
  const failures: unknown[] = [];
  const { service } = benchService({
    store,
    hasher,
    mailer,
    onError: (error) => failures.push(error),
    now: () => new Date(clock),
    tenant: {
      allowAnonymousClientCertUser: true,
      mail: { confirmation: true, concealExisting: true, confirmationUrl: "https://app.example.com/confirm" },
    },
  });
  for (const record of realisticRecords(0, EXISTING)) await store.insertUser(record);
  return { service, mailer, failures };
}

/** Waits until the background work of resends has sent its mails: no new mail for half a second (at most 2 min). */
async function drained(mailer: ReturnType<typeof createMemoryMailer>): Promise<void> {
  const end = Date.now() + 120_000;
  let seen = -1;
  while (seen !== mailer.messages.length && Date.now() < end) {
    seen = mailer.messages.length;
    await sleep(500);
  }
}

/** Alternating pairs (which goes first alternates too) of a new and a taken address; ms per call. */
async function pairs(service: Service, probe: Probe, count: number, tag: string) {
  await probe.prepare?.(service, count, tag);
  const time = async (email: string, i: number) => {
    const start = hrtime();
    await probe.run(service, email, i, tag);
    return Number(hrtime() - start) / 1e6;
  };
  for (let i = 0; i < Math.min(count, 20); i++) {
    await time(probe.fresh(count + i, `${tag}w`), i);
    await time(taken(i), i);
  }
  const fresh: number[] = [];
  const takenTimes: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      fresh.push(await time(probe.fresh(i, tag), i));
      takenTimes.push(await time(taken(i), i));
    } else {
      takenTimes.push(await time(taken(i), i));
      fresh.push(await time(probe.fresh(i, tag), i));
    }
  }
  return { fresh, taken: takenTimes };
}

/**
 * How often one request tells a new address from a taken one: the threshold is the pooled median, each side is
 * guessed by where the medians lie; in %, 50 is a coin toss.
 */
export function classifierAccuracy(fresh: readonly number[], takenTimes: readonly number[]): number {
  const threshold = median([...fresh, ...takenTimes]);
  const takenAbove = median(takenTimes) >= median(fresh);
  let right = 0;
  for (const t of fresh) if (takenAbove ? t < threshold : t > threshold) right++;
  for (const t of takenTimes) if (takenAbove ? t > threshold : t < threshold) right++;
  return (100 * right) / (fresh.length + takenTimes.length);
}

/** The metrics of every probe on one store, with the no-op hasher and with bcrypt cost 10. */
export async function probeStore(
  ctx: BenchContext,
  label: string,
  makeStore: (phase: string) => Promise<UserStore>,
): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const hashers: [string, PasswordHasher, number][] = [
    ["no-op hash", noopHasher, ctx.pick(400, 60)],
    ["bcrypt 10", createBcryptHasher({ cost: 10 }), ctx.pick(30, 8)],
  ];
  for (const [hasherName, hasher, count] of hashers) {
    for (const [p, probe] of PROBES.entries()) {
      const phase = `${hasherName === "bcrypt 10" ? "b" : "n"}${p}`;
      ctx.log(`  enumeration: ${label}, ${hasherName}, ${probe.name}`);
      const { service, mailer, failures } = await concealing(await makeStore(phase), hasher);
      const { fresh, taken: takenTimes } = await pairs(service, probe, count, phase);
      await drained(mailer);
      if (failures.length > 0)
        ctx.log(`  enumeration: ${failures.length} background failures: ${String(failures[0])}`);
      const a = median(fresh);
      const b = median(takenTimes);
      const gap = (Math.abs(a - b) / Math.min(a, b)) * 100;
      const accuracy = classifierAccuracy(fresh, takenTimes);
      const name = `  ${label}, ${hasherName}, ${probe.name}`;
      const shown = `${(a * 1000).toFixed(0)} / ${(b * 1000).toFixed(0)} µs`;
      metrics.push(
        atMost(`${name}: medians new / taken, difference`, gap, "%", 5, `${shown}: ${gap.toFixed(1)} %`),
      );
      metrics.push(
        atMost(`${name}: one-request classifier right`, accuracy, "%", 60, `${accuracy.toFixed(1)} %`),
      );
    }
  }
  return metrics;
}
