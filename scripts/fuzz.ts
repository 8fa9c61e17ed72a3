/**
 * `npm run fuzz`: the hardening properties of test/hardening at volume. Runs the signup property (a sequence of
 * signups, confirmations, verifications and resends with arbitrary input against a fresh service, every invariant
 * checked after each step) and the HTTP property (arbitrary requests to both handlers), 100,000 runs each by
 * default, and prints how many ran and what they produced. Exits 1 on the first violation, with fast-check's
 * counterexample and seed for replay.
 *
 *   npm run fuzz                                  100,000 signup runs and 100,000 HTTP requests
 *   npm run fuzz -- --runs 20000 --http-runs 0    fewer, or skip a part
 *   npm run fuzz -- --seed 42                     replay
 *   npm run fuzz -- --keys                        also check the canonical keys over every Unicode code point
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { emailKey, usernameKey } from "../src/index.js";
import { checkRequest, createHttpWorld, requestArb } from "../test/hardening/http-properties.js";
import { checkRun, runArb, type Tally } from "../test/hardening/signup-properties.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    "http-runs": { type: "string", default: "100000" },
    seed: { type: "string" },
    keys: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const httpRuns = Number(values["http-runs"]);
const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x100000000) : Number(values.seed);
const settings = (numRuns: number) => ({ numRuns, seed });
const format = (n: number) => n.toLocaleString("en-US");
const progress = (label: string, done: number, total: number) => {
  if (done % 10_000 === 0) process.stdout.write(`  ${label}: ${format(done)} / ${format(total)}\n`);
};

console.log(`signupkit fuzz, seed ${seed}`);
let failed = false;

if (runs > 0) {
  const started = performance.now();
  const tally: Tally = {};
  let done = 0;
  let operations = 0;
  const result = await fc.check(
    fc.asyncProperty(runArb, async (ops) => {
      await checkRun(ops, tally);
      operations += ops.length;
      progress("signup runs", ++done, runs);
    }),
    settings(runs),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `signup property: ${format(result.numRuns)} runs, ${format(operations)} operations in ${seconds} s`,
  );
  console.log(`  outcomes: ${JSON.stringify(tally)}`);
  if (result.failed) {
    failed = true;
    console.error(fc.defaultReportMessage(result));
  }
}

if (!failed && httpRuns > 0) {
  const started = performance.now();
  const statuses: Record<number, number> = {};
  let world = createHttpWorld();
  let done = 0;
  const result = await fc.check(
    fc.asyncProperty(requestArb, async (spec) => {
      // A fresh service now and then, so that the store does not only grow.
      if (done % 500 === 0) world = createHttpWorld();
      const status = await checkRequest(world, spec);
      statuses[status] = (statuses[status] ?? 0) + 1;
      progress("HTTP requests", ++done, httpRuns);
    }),
    settings(httpRuns),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`HTTP property: ${format(result.numRuns)} requests in ${seconds} s`);
  console.log(`  statuses: ${JSON.stringify(statuses)}`);
  if (result.failed) {
    failed = true;
    console.error(fc.defaultReportMessage(result));
  }
}

if (!failed && values.keys) {
  const started = performance.now();
  let checked = 0;
  const problems: string[] = [];
  for (let cp = 0; cp <= 0x10ffff && problems.length < 20; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    for (const text of [c, `x${c}y@ex${c}.com`]) {
      for (const key of [emailKey, usernameKey]) {
        const k = key(text);
        const variants = [
          k,
          text.toUpperCase(),
          text.toLowerCase(),
          text.normalize("NFD"),
          text.normalize("NFKC"),
        ];
        if (variants.some((variant) => key(variant) !== k))
          problems.push(`U+${cp.toString(16).toUpperCase()} in ${JSON.stringify(text)}`);
        checked++;
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`canonical keys: ${format(checked)} strings over every code point in ${seconds} s`);
  if (problems.length > 0) {
    failed = true;
    console.error(`  not stable under case, normalization or re-keying:\n  ${problems.join("\n  ")}`);
  }
}

console.log(failed ? "FAILED" : "ok");
process.exit(failed ? 1 : 0);
