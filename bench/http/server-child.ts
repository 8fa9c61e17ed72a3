/**
 * One HTTP server of the `http` bench row, in its own process so the load generator does not share its event loop.
 *
 *   node --import tsx bench/http/server-child.ts <kind>
 *
 * Prints `port <n>` once listening on 127.0.0.1, and `cpu <µs>` for each line read on stdin. Kinds: `bare` (node:http reads and parses the JSON itself and
 * answers a JSON object), `nec` and `auth0` (the handlers through signupkit/node), `nec-hand` (the NEC handler
 * through a hand-written `new Request()` + Web stream bridge, to compare bridges), `better-auth` (Better Auth's
 * email sign-up through its `toNodeHandler`). All on a memory store with a no-op hasher.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { auth0Policy, baasPolicy, createSignupService, type PasswordHasher } from "signupkit";
import { createAuth0Handler, createBaasHandler } from "signupkit/http";
import { toNodeListener } from "signupkit/node";
import { createMemoryStore } from "signupkit/testing";
import { handleNode } from "./hand-bridge.js";
import { BENCH_APP, BENCH_CLIENT } from "./requests.js";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const noopHasher: PasswordHasher = { hash: async () => "x", verify: async () => true };

function bare(): Listener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { email?: string };
      const out = JSON.stringify({ objectId: "x", email: body.email, createDate: new Date().toISOString() });
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(out);
    });
  };
}

function signupkit(kind: string): Listener {
  const service = createSignupService({
    store: createMemoryStore(),
    hasher: noopHasher,
    tenants: {
      [BENCH_APP.tenant]: { policy: baasPolicy() },
      [BENCH_CLIENT.connection]: { policy: auth0Policy() },
    },
  });
  if (kind === "auth0") {
    const clients = { [BENCH_CLIENT.clientId]: { connections: [BENCH_CLIENT.connection] } };
    return toNodeListener(createAuth0Handler(service, { clients }));
  }
  const baas = createBaasHandler(service, { apps: [BENCH_APP] });
  if (kind === "nec-hand") return (req, res) => void handleNode(baas, req, res);
  return toNodeListener(baas);
}

async function betterAuth(): Promise<Listener> {
  const { betterAuth } = await import("better-auth");
  const { memoryAdapter } = await import("better-auth/adapters/memory");
  const { toNodeHandler } = await import("better-auth/node");
  const auth = betterAuth({
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    secret: "bench-secret-bench-secret-bench-secret",
    baseURL: "http://127.0.0.1",
    rateLimit: { enabled: false },
    logger: { disabled: true },
    emailAndPassword: { enabled: true, password: { hash: async () => "x", verify: async () => true } },
  });
  return toNodeHandler(auth) as Listener;
}

const kind = process.argv[2] ?? "bare";
const listener = kind === "bare" ? bare() : kind === "better-auth" ? await betterAuth() : signupkit(kind);
const server = createServer(listener);
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  console.log(`port ${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => process.exit(0));
// A line on stdin asks for the CPU time used so far (µs, user + system): the parent turns it into CPU per request,
// which shared cores disturb less than requests per second.
process.stdin.on("data", () => {
  const { user, system } = process.cpuUsage();
  console.log(`cpu ${user + system}`);
});
