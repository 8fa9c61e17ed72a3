import {
  constantTimeEqualSync,
  createAuth0Handler,
  createBaasHandler,
  type FetchHandler,
  type ResolveBaasApp,
} from "../../src/entries/http.js";
import {
  createInsecureTestHasher,
  createMemoryMailer,
  createMemoryStore,
} from "../../src/entries/testing.js";
import { auth0Policy, baasPolicy, createSignupService } from "../../src/index.js";
import { CONNECTION, type RequestSpec } from "./http-requests.js";
import { leakedInternal } from "./internals.js";

export { type RequestSpec, requestArb } from "./http-requests.js";

/**
 * The HTTP property, shared by the vitest suite and `scripts/fuzz.ts`: any method, path, headers and body sent to
 * either handler gets a documented status (never a 500 for client garbage, nothing reported to `onError`) and a
 * JSON body in the dialect's shape; only the mailed-link routes answer HTML. No response echoes the password sent.
 */

const ORIGIN = "https://api.example";
const APPS = [
  { tenant: "t1", appId: "app-1", appKey: "key-1", masterKey: "master-1" },
  { tenant: "t2", appId: "app-2", appKey: "key-2" },
  { tenant: "ghost", appId: "app-3", appKey: "key-3" },
];

/** Credentials checked by a callback: a static `apps` list naming `ghost`, which the service lacks, fails at creation. */
const resolveApp: ResolveBaasApp = (tenant, appId, appKey) => {
  const app = APPS.find((candidate) => candidate.tenant === tenant && candidate.appId === appId);
  if (app === undefined) return null;
  if (app.masterKey !== undefined && constantTimeEqualSync(appKey, app.masterKey)) return "master";
  return constantTimeEqualSync(appKey, app.appKey) ? "app" : null;
};

/** Statuses each dialect documents (src/http/*-errors.ts); 503 only comes from a failing port, never from input. */
const BAAS_STATUSES = new Set([200, 400, 401, 403, 404, 405, 409, 413, 415, 429]);
const AUTH0_STATUSES = new Set([200, 400, 403, 404, 405, 409, 413, 415, 429]);

/** Both handlers over one fresh service, and the failures they reported. */
export function createHttpWorld() {
  const reported: unknown[] = [];
  const service = createSignupService({
    store: createMemoryStore(),
    mailer: createMemoryMailer(),
    hasher: createInsecureTestHasher(),
    onError: (error) => reported.push(error),
    tenants: {
      t1: {
        policy: baasPolicy(),
        mail: { confirmation: true, confirmationUrl: `${ORIGIN}/1/t1/users/confirm` },
      },
      t2: { policy: baasPolicy() },
      [CONNECTION]: {
        policy: auth0Policy(),
        mail: {
          verification: true,
          verificationUrl: `${ORIGIN}/dbconnections/verify?connection=${CONNECTION}`,
        },
      },
      plain: { policy: auth0Policy({ requireUsername: true }) },
    },
  });
  const onError = (error: unknown) => void reported.push(error);
  const handlers: Record<RequestSpec["dialect"], FetchHandler> = {
    baas: createBaasHandler(service, { resolveApp, onError }),
    auth0: createAuth0Handler(service, {
      clients: { "client-1": { connections: [CONNECTION, "plain"] } },
      onError,
    }),
  };
  return { handlers, reported };
}

function bodyText(body: RequestSpec["body"]): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : new TextDecoder().decode(body);
}

/** Sends one request and checks the response; returns its status. Throws an Error describing any violation. */
export async function checkRequest(
  world: ReturnType<typeof createHttpWorld>,
  spec: RequestSpec,
): Promise<number> {
  const noBody = spec.method === "GET" || spec.method === "HEAD";
  const request = new Request(`${ORIGIN}${spec.path.startsWith("/") ? spec.path : `/${spec.path}`}`, {
    method: spec.method,
    headers: spec.headers,
    ...(noBody || spec.body === undefined ? {} : { body: spec.body as BodyInit }),
  });
  const before = world.reported.length;
  const response = await world.handlers[spec.dialect](request);
  const text = await response.text();
  const fail = (why: string) => new Error(`${why}: ${response.status} ${text.slice(0, 300)}`);
  const statuses = spec.dialect === "baas" ? BAAS_STATUSES : AUTH0_STATUSES;
  if (!statuses.has(response.status)) throw fail("undocumented status");
  if (world.reported.length !== before) throw fail(`onError was called: ${String(world.reported[before])}`);
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("text/html")) {
    if (
      !/\/(users\/confirm|dbconnections\/verify)(\?|$)/.test(
        new URL(request.url).pathname + new URL(request.url).search.slice(0, 1),
      )
    ) {
      throw fail("HTML outside a mailed-link route");
    }
  } else {
    if (!type.startsWith("application/json")) throw fail(`content-type ${type}`);
    const body = JSON.parse(text) as Record<string, unknown>;
    const sentBody = bodyText(spec.body);
    const sent = [spec.path, ...spec.headers.map(([, value]) => value), sentBody].join("\n");
    const leaked = leakedInternal(text, sent, sentBody);
    if (leaked !== undefined) throw fail(`internals in the body (${leaked})`);
    if (response.status !== 200) {
      const shaped =
        spec.dialect === "baas"
          ? typeof body.error === "string"
          : body.statusCode === response.status && typeof body.code === "string";
      if (!shaped) throw fail("error body not in the dialect's shape");
    }
  }
  const password =
    typeof spec.body === "string" ? /"password":("(?:[^"\\]|\\.){6,}")/.exec(spec.body)?.[1] : undefined;
  if (password !== undefined) {
    const plain = JSON.parse(password) as string;
    if (plain.length >= 6 && text.includes(JSON.stringify(plain).slice(1, -1)))
      throw fail("the password is echoed");
  }
  return response.status;
}
