import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { auth0Policy, baasPolicy, createSignupService, type SignupContext } from "signupkit";
import { createAuth0Handler, createBaasHandler, type FetchHandler } from "signupkit/http";
import { createInsecureTestHasher, createMemoryStore } from "signupkit/testing";

export const APP = { tenant: "t1", appId: "app-1", appKey: "key-1" } as const;
export const CLIENT = { clientId: "client-1", connection: "Username-Password-Authentication" } as const;

/** A service with one NEC tenant and one Auth0 connection, both handlers (2 KiB body limit) and the meta the hooks saw. */
export function createWorld(basePath = ""): {
  baas: FetchHandler;
  auth0: FetchHandler;
  seen: SignupContext["meta"][];
} {
  const seen: SignupContext["meta"][] = [];
  const service = createSignupService({
    store: createMemoryStore(),
    hasher: createInsecureTestHasher(),
    tenants: { [APP.tenant]: { policy: baasPolicy() }, [CLIENT.connection]: { policy: auth0Policy() } },
    beforeCreate: (_signup, context) => {
      seen.push(context.meta);
      return undefined;
    },
  });
  const maxBodyBytes = 2048;
  return {
    baas: createBaasHandler(service, { apps: [APP], maxBodyBytes, basePath }),
    auth0: createAuth0Handler(service, {
      clients: { [CLIENT.clientId]: { connections: [CLIENT.connection] } },
      maxBodyBytes,
      basePath,
    }),
    seen,
  };
}

/** Listens on 127.0.0.1 (a free port) and returns the base URL. */
export async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes a server and its keep-alive connections. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
}

const JSON_TYPE = { "Content-Type": "application/json" };
const NEC = { ...JSON_TYPE, "X-Application-Id": APP.appId, "X-Application-Key": APP.appKey };

/** Fetch with a 5 s bound: a request the adapter never answers fails the test instead of hanging it. */
export function send(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
}

/** A NEC signup. */
export function necSignup(base: string, email: string, init: Partial<RequestInit> = {}): Promise<Response> {
  return send(`${base}/1/${APP.tenant}/users`, {
    method: "POST",
    headers: NEC,
    body: JSON.stringify({ email, password: "Passw0rd" }),
    ...init,
  });
}

/** An Auth0 signup. */
export function auth0Signup(base: string, email: string): Promise<Response> {
  return send(`${base}/dbconnections/signup`, {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify({
      client_id: CLIENT.clientId,
      connection: CLIENT.connection,
      email,
      password: "Xy9!kL2#pQ",
    }),
  });
}

/** NEC headers with another Content-Type. */
export function necHeaders(contentType: string): Record<string, string> {
  return { ...NEC, "Content-Type": contentType };
}
