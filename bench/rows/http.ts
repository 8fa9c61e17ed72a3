import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { AUTH0_TARGET, BETTER_AUTH_TARGET, type LoadTarget, NEC_TARGET } from "../http/requests.js";
import type { BenchContext } from "../lib/context.js";
import { atLeast, atMost, info, type RowResult } from "../lib/report.js";
import { median } from "../lib/stats.js";

/** The servers measured, each with what it is sent. `bare` and `better-auth` are the references. */
const KINDS: [kind: string, target: LoadTarget][] = (
  [
    ["bare", NEC_TARGET],
    ["nec", NEC_TARGET],
    ["auth0", AUTH0_TARGET],
    ["nec-hand", NEC_TARGET],
    ["better-auth", BETTER_AUTH_TARGET],
  ] as [string, LoadTarget][]
).filter(([kind]) => !process.env.HTTP_BENCH_KINDS || process.env.HTTP_BENCH_KINDS.split(",").includes(kind));

const CHILD = fileURLToPath(new URL("../http/server-child.ts", import.meta.url));

interface Load {
  rps: number;
  p99: number;
  failed: number;
  /** Server CPU time per answered request, µs. */
  cpu: number;
}

interface Server {
  url: string;
  child: ChildProcess;
  /** The server process's CPU time so far, µs. */
  cpu(): Promise<number>;
}

async function startServer(kind: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, kind], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let text = "";
  const waiters: (() => void)[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  const next = (pattern: RegExp) =>
    new Promise<number>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text);
        if (match) {
          text = text.slice((match.index ?? 0) + match[0].length);
          resolve(Number(match[1]));
        } else if (child.exitCode !== null) reject(new Error(`http bench server ${kind} exited`));
        else waiters.push(check);
      };
      check();
    });
  const port = await next(/port (\d+)/);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    cpu() {
      child.stdin?.write("cpu\n");
      return next(/cpu (\d+)/);
    },
  };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** 64 connections of distinct signups for `seconds`; counts every non-2xx answer as a failure. */
async function load(
  server: Server,
  target: LoadTarget,
  seconds: number,
  first: { i: number },
): Promise<Load> {
  const cpuBefore = await server.cpu();
  const result = await autocannon({
    url: `${server.url}${target.path}`,
    connections: 64,
    duration: seconds,
    method: "POST",
    headers: target.headers,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: target.body(first.i++) }),
      },
    ],
  });
  const cpuAfter = await server.cpu();
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    cpu: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
  };
}

/** One round: every kind in turn, each on a fresh server with a warm-up. */
async function round(ctx: BenchContext): Promise<Map<string, Load>> {
  const out = new Map<string, Load>();
  for (const [kind, target] of KINDS) {
    const server = await startServer(kind);
    try {
      const counter = { i: 0 };
      await load(server, target, ctx.pick(3, 2), counter);
      out.set(kind, await load(server, target, ctx.pick(8, 3), counter));
    } finally {
      await stopServer(server.child);
    }
  }
  return out;
}

/**
 * HTTP end to end: signups through signupkit/node ÷ a bare node:http server that reads and parses the same JSON,
 * and ÷ Better Auth's `toNodeHandler` email sign-up, on the same setup (memory stores, no-op hashers, 64
 * connections, autocannon on 127.0.0.1, servers in child processes). Ratios are taken per round, then the median.
 */
export async function httpRow(ctx: BenchContext): Promise<RowResult> {
  const rounds: Map<string, Load>[] = [];
  for (let r = 0; r < ctx.pick(3, 1); r++) {
    ctx.log(`  http round ${r + 1}`);
    rounds.push(await round(ctx));
  }
  const of = (results: Map<string, Load>, kind: string, pick: (load: Load) => number) => {
    const load = results.get(kind);
    return load === undefined ? Number.NaN : pick(load);
  };
  const ratio = (kind: string, reference: string, pick: (load: Load) => number) =>
    median(rounds.map((results) => of(results, kind, pick) / of(results, reference, pick)));
  const rps = (kind: string) => median(rounds.map((results) => of(results, kind, (l) => l.rps)));
  const failed = rounds.reduce(
    (sum, results) =>
      sum + [...results].reduce((s, [kind, load]) => s + (kind === "better-auth" ? 0 : load.failed), 0),
    0,
  );
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  const times = (value: number) => `${value.toFixed(2)}×`;
  const metrics = [
    info("bare node:http (reference)", rps("bare"), "req/s"),
    atLeast(
      "NEC signup ÷ bare, req/s",
      ratio("nec", "bare", (l) => l.rps),
      "",
      0.5,
      pct(ratio("nec", "bare", (l) => l.rps)),
    ),
    atMost(
      "NEC signup p99 ÷ bare p99",
      ratio("nec", "bare", (l) => l.p99),
      "",
      3,
      times(ratio("nec", "bare", (l) => l.p99)),
    ),
    atLeast(
      "Auth0 signup ÷ bare, req/s",
      ratio("auth0", "bare", (l) => l.rps),
      "",
      0.5,
      pct(ratio("auth0", "bare", (l) => l.rps)),
    ),
    atMost(
      "Auth0 signup p99 ÷ bare p99",
      ratio("auth0", "bare", (l) => l.p99),
      "",
      3,
      times(ratio("auth0", "bare", (l) => l.p99)),
    ),
    atLeast(
      "NEC signup ÷ Better Auth toNodeHandler, req/s",
      ratio("nec", "better-auth", (l) => l.rps),
      "",
      1,
      times(ratio("nec", "better-auth", (l) => l.rps)),
    ),
    info(
      "NEC p99 ÷ Better Auth p99",
      ratio("nec", "better-auth", (l) => l.p99),
      "",
      times(ratio("nec", "better-auth", (l) => l.p99)),
    ),
    info(
      "NEC via hand-written bridge ÷ bare, req/s",
      ratio("nec-hand", "bare", (l) => l.rps),
      "",
      pct(ratio("nec-hand", "bare", (l) => l.rps)),
    ),
    info(
      "CPU per request: bare ÷ NEC (the req/s share on idle cores)",
      ratio("bare", "nec", (l) => l.cpu),
      "",
      pct(ratio("bare", "nec", (l) => l.cpu)),
    ),
    info(
      "CPU per request: bare ÷ Auth0",
      ratio("bare", "auth0", (l) => l.cpu),
      "",
      pct(ratio("bare", "auth0", (l) => l.cpu)),
    ),
    info(
      "CPU per request: bare ÷ NEC via hand-written bridge",
      ratio("bare", "nec-hand", (l) => l.cpu),
      "",
      pct(ratio("bare", "nec-hand", (l) => l.cpu)),
    ),
    info(
      "CPU per request: Better Auth ÷ NEC",
      ratio("better-auth", "nec", (l) => l.cpu),
      "",
      times(ratio("better-auth", "nec", (l) => l.cpu)),
    ),
    atMost("non-2xx, errors and timeouts (signupkit and bare)", failed, "", 0),
  ];
  return {
    id: "http",
    title: "HTTP end to end (signupkit/node ÷ bare node:http, ÷ Better Auth)",
    metrics,
    notes: [
      `${rounds.length} round(s); req/s medians: ${KINDS.map(([kind]) => `${kind} ${Math.round(rps(kind))}`).join(", ")}.`,
      `server CPU µs per request, medians: ${KINDS.map(([kind]) => `${kind} ${Math.round(median(rounds.map((r) => of(r, kind, (l) => l.cpu))))}`).join(", ")}.`,
      "nec-hand is the NEC handler behind a hand-written `new Request()` + Web stream bridge: the reason signupkit/node uses @hono/node-server's bridge.",
    ],
    seconds: 0,
  };
}
