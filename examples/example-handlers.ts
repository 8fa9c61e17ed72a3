/**
 * The signup service and the two dialect handlers every framework example mounts. Copy this next to an example
 * to reuse it; only the mounting differs between frameworks.
 */
import { auth0Policy, baasPolicy, createSignupService, type SignupServiceOptions } from "signupkit";
import { createAuth0Handler, createBaasHandler } from "signupkit/http";
import { createMemoryStore } from "signupkit/testing";

/** Fetch handler, as the dialects return it. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Credentials of the examples. Set APP_KEY / MASTER_KEY to override the defaults. */
export const EXAMPLE = {
  tenant: "example-tenant",
  appId: "example-app",
  appKey: process.env.APP_KEY ?? "example-app-key",
  masterKey: process.env.MASTER_KEY ?? "example-master-key",
  clientId: "example-client",
  connection: "Username-Password-Authentication",
} as const;

/** Builds one service (memory store, bcrypt cost 10) and both handlers over it; `extra` adds hooks and the like. */
export function createExampleHandlers(extra: Partial<SignupServiceOptions> = {}): {
  baas: FetchHandler;
  auth0: FetchHandler;
} {
  const service = createSignupService({
    ...extra,
    store: createMemoryStore(), // a real deployment passes a database-backed store here
    tenants: {
      [EXAMPLE.tenant]: { policy: baasPolicy() },
      [EXAMPLE.connection]: { policy: auth0Policy() },
    },
  });
  const baas = createBaasHandler(service, {
    apps: [
      { tenant: EXAMPLE.tenant, appId: EXAMPLE.appId, appKey: EXAMPLE.appKey, masterKey: EXAMPLE.masterKey },
    ],
  });
  const auth0 = createAuth0Handler(service, {
    clients: { [EXAMPLE.clientId]: { connections: [EXAMPLE.connection] } },
  });
  return { baas, auth0 };
}

/** `PORT` from the environment (0 picks a free port); 3000 by default. */
export function portFromEnv(): number {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0..65535, got ${process.env.PORT}`);
  return port;
}

/** Prints the ready line (tests wait for it) and a curl line per dialect. */
export function printReady(name: string, url: string): void {
  console.log(`${name} listening on ${url}`);
  console.log(
    `  curl -i -X POST ${url}/1/${EXAMPLE.tenant}/users -H 'Content-Type: application/json' ` +
      `-H 'X-Application-Id: ${EXAMPLE.appId}' -H 'X-Application-Key: ${EXAMPLE.appKey}' ` +
      `-d '{"email":"taro@example.com","password":"Passw0rd"}'`,
  );
  console.log(
    `  curl -i -X POST ${url}/dbconnections/signup -H 'Content-Type: application/json' ` +
      `-d '{"client_id":"${EXAMPLE.clientId}","connection":"${EXAMPLE.connection}","email":"ann@example.com","password":"Xy9!kL2#pQ"}'`,
  );
}
