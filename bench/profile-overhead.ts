/**
 * The overhead path alone (memory store, no-op hasher, NEC policy, sequential signups), for CPU profiling:
 *
 *   node --cpu-prof --cpu-prof-dir=.tmp/profiles --import tsx bench/profile-overhead.ts [seconds] [rejections]
 *   node --import tsx bench/top-self-time.ts .tmp/profiles/<file>.cpuprofile
 *
 * With `rejections` as the second argument it profiles invalid signups (row 2) instead.
 */
import { sequentialRate } from "./lib/clock.js";
import { benchService, CONTEXT, validInput } from "./lib/fixtures.js";
import { rejectionCases } from "./rows/rejections.js";

const seconds = Number(process.argv[2] ?? 5);
const rejections = process.argv[3] === "rejections";
const cases = rejectionCases();
let rate = 0;
for (let elapsed = 0; elapsed < seconds; elapsed++) {
  // A fresh store every second, as in row 1.
  const { service } = benchService();
  const tag = `p${elapsed}`;
  rate = await sequentialRate(
    rejections
      ? (i) =>
          service
            .signup(cases[i % cases.length]?.input, cases[i % cases.length]?.context ?? CONTEXT)
            .catch(() => undefined)
      : (i) => service.signup(validInput(i, tag), CONTEXT),
    1000,
  );
}
console.log(`${rejections ? "rejections" : "signups"}/s in the last second: ${Math.round(rate)}`);
