/**
 * `npm run bench`: measures the rows of BENCHMARKS.md, prints one markdown table and writes the numbers as JSON.
 * It builds the package first and imports `signupkit` through the package's own names, which bench/tsconfig.json
 * (no `paths`) leaves to Node: the built `dist`, as users run it, not `src`.
 *
 *   npm run bench -- [--quick] [--only=1,3,overload] [--out=bench/results/latest.json] [--strict]
 *
 * --quick   short phases and smaller sizes (a smoke run, well under a minute)
 * --only    row numbers or names (overhead, rejections, bcrypt, overload, memory, postgres, enumeration, cold-start,
 *           http, bundle)
 * --out     where the JSON goes (default bench/results/latest.json)
 * --strict  exit with status 1 when a target is missed (a crashed row always exits 1)
 *
 * Progress goes to stderr, the table to stdout. Set DATABASE_URL to add the real-server Postgres rows.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext } from "./lib/context.js";
import { markdown, type RowResult } from "./lib/report.js";
import { bcryptRow } from "./rows/bcrypt.js";
import { bundleSizeRow } from "./rows/bundle-size.js";
import { coldStartRow } from "./rows/cold-start.js";
import { enumerationRow } from "./rows/enumeration.js";
import { httpRow } from "./rows/http.js";
import { memoryRow } from "./rows/memory.js";
import { overheadRow } from "./rows/overhead.js";
import { overloadRow } from "./rows/overload.js";
import { postgresRow } from "./rows/postgres.js";
import { rejectionsRow } from "./rows/rejections.js";

const ROWS: [id: string, name: string, run: (ctx: BenchContext) => Promise<RowResult>][] = [
  ["1", "overhead", overheadRow],
  ["2", "rejections", rejectionsRow],
  ["3", "bcrypt", bcryptRow],
  ["4", "overload", overloadRow],
  ["5", "memory", memoryRow],
  ["6", "postgres", postgresRow],
  ["7", "enumeration", enumerationRow],
  ["8", "cold-start", coldStartRow],
  ["9", "http", httpRow],
  ["10", "bundle", bundleSizeRow],
];

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const unknown = args.filter((a) => !/^--(quick|strict|only=.+|out=.+)$/.test(a));
if (unknown.length > 0) {
  console.error(`bench: unknown argument(s) ${unknown.join(" ")}; see the header of bench/run.ts`);
  process.exit(2);
}

const quick = flag("quick");
const only = option("only")
  ?.split(",")
  .map((s) => s.trim().toLowerCase());
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(root, option("out") ?? "bench/results/latest.json");
const ctx: BenchContext = {
  quick,
  log: (message) => console.error(message),
  pick: (full, fast) => (quick ? fast : full),
};

const selected = ROWS.filter(([id, name]) => only === undefined || only.includes(id) || only.includes(name));
if (selected.length === 0) {
  console.error(
    `bench: --only matched no row; rows: ${ROWS.map(([id, name]) => `${id}=${name}`).join(", ")}`,
  );
  process.exit(2);
}

const started = Date.now();
const results: RowResult[] = [];
let crashed = false;
for (const [id, name, run] of selected) {
  const t = Date.now();
  ctx.log(`row ${id} (${name})…`);
  try {
    const result = await run(ctx);
    result.seconds = (Date.now() - t) / 1000;
    results.push(result);
  } catch (error) {
    crashed = true;
    console.error(error);
    const reason = `crashed: ${error instanceof Error ? error.message : String(error)}`.replace(/\|/g, "/");
    results.push({
      id,
      title: name,
      metrics: [],
      notes: [],
      skipped: reason,
      seconds: (Date.now() - t) / 1000,
    });
  }
  ctx.log(`row ${id} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
const seconds = (Date.now() - started) / 1000;

const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: cpus()[0]?.model ?? "unknown",
  cores: availableParallelism(),
  loadavg: loadavg().map((l) => Number(l.toFixed(2))),
  uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
};
console.log(
  `## signupkit benchmarks${quick ? " (--quick)" : ""}\n\n` +
    `Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), load ${machine.loadavg.join(" / ")}, ` +
    `${new Date().toISOString()}, ${seconds.toFixed(0)} s\n\n${markdown(results)}`,
);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), quick, seconds, machine, rows: results }, null, 2)}\n`,
);
console.error(`bench: wrote ${out}`);

const missed = results.some((r) => r.metrics.some((m) => m.pass === false));
process.exitCode = crashed || (flag("strict") && missed) ? 1 : 0;
