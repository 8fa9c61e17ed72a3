import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext } from "../lib/context.js";
import { atMost, info, type RowResult } from "../lib/report.js";
import { median } from "../lib/stats.js";

const CHILD = resolve(dirname(fileURLToPath(import.meta.url)), "../cold-start-child.mjs");

/** Wall milliseconds of one fresh `node` process running `args` to its end (throws when it fails). */
function run(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`cold start: node ${args.join(" ")} failed: ${result.stderr}`);
  return ms;
}

/**
 * Row 8: a fresh process importing `signupkit` and `signupkit/http` (the built dist, through the package's own
 * names), creating a service on a memory store and completing the first signup (no-op hasher, so bcrypt's own
 * cost stays out), against a fresh `node -e 0` — alternated, so a busy moment falls on both; medians of each and of
 * the per-pair differences.
 */
export async function coldStartRow(ctx: BenchContext): Promise<RowResult> {
  const pairs = ctx.pick(21, 5);
  const bare: number[] = [];
  const first: number[] = [];
  const extra: number[] = [];
  run(["-e", "0"]);
  run([CHILD]);
  for (let k = 0; k < pairs; k++) {
    const order = k % 2 === 0;
    const a = order ? run(["-e", "0"]) : 0;
    const b = run([CHILD]);
    const c = order ? a : run(["-e", "0"]);
    bare.push(c);
    first.push(b);
    extra.push(b - c);
  }
  const ratio = median(first) / median(bare);
  ctx.log(
    `  cold start: node -e 0 ${median(bare).toFixed(1)} ms, first signup ${median(first).toFixed(1)} ms`,
  );
  return {
    id: "8",
    title: "Cold start",
    seconds: 0,
    metrics: [
      info("Fresh `node -e 0`", median(bare), "ms", `${median(bare).toFixed(1)} ms`),
      info(
        "Fresh process: import + createSignupService + first signup",
        median(first),
        "ms",
        `${median(first).toFixed(1)} ms`,
      ),
      info(
        "  added by signupkit (median of per-pair differences)",
        median(extra),
        "ms",
        `${median(extra).toFixed(1)} ms`,
      ),
      atMost("First signup process ÷ `node -e 0`", ratio, "×", 3, `${ratio.toFixed(2)} ×`),
    ],
    notes: [`${pairs} alternating pairs of fresh processes; the child is bench/cold-start-child.mjs.`],
  };
}
