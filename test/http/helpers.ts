import {
  auth0Policy,
  baasPolicy,
  createSignupService,
  type MailMessage,
  type SignupService,
  type SignupServiceOptions,
} from "signupkit";
import { createAuth0Handler, createBaasHandler, type FetchHandler } from "signupkit/http";
import { auth0OpenApi, baasOpenApi } from "signupkit/openapi";
import {
  createInsecureTestHasher,
  createMemoryMailer,
  createMemoryStore,
  type MemoryMailer,
  type MemoryStore,
} from "signupkit/testing";
import { ResponseChecker } from "../support/openapi-check.js";

export const ORIGIN = "https://api.example";
export const APP = { appId: "app-1", appKey: "app-key-1", masterKey: "master-key-1" } as const;
export const CONFIRM_URL = `${ORIGIN}/1/confirming/users/confirm`;
export const VERIFY_URL = `${ORIGIN}/dbconnections/verify?connection=Username-Password-Authentication`;
export const CONNECTION = "Username-Password-Authentication";
export const CLIENT_ID = "client-1";

/** Tenants: `direct` (NEC, no mail), `confirming` (NEC, confirmation mail), `locked` (NEC, no anonymous create),
 * the Auth0 connection (verification mail) and `plain-auth0` (Auth0, no mail, usernames required). */
export interface Harness {
  service: SignupService;
  store: MemoryStore;
  mailer: MemoryMailer;
  baas: FetchHandler;
  auth0: FetchHandler;
  errors: unknown[];
  /** `METHOD path status` of every response checked against each dialect's OpenAPI document. */
  checked: { baas: ReadonlySet<string>; auth0: ReadonlySet<string> };
}

/** The harness's tenants (a test may pass its own in `overrides.tenants`). */
export const TENANTS: SignupServiceOptions["tenants"] = {
  direct: { policy: baasPolicy() },
  confirming: { policy: baasPolicy(), mail: { confirmation: true, confirmationUrl: CONFIRM_URL } },
  locked: { policy: baasPolicy(), allowAnonymousSignup: false },
  [CONNECTION]: { policy: auth0Policy(), mail: { verification: true, verificationUrl: VERIFY_URL } },
  "plain-auth0": { policy: auth0Policy({ requireUsername: true }) },
};

const NEC_TENANTS = ["direct", "confirming", "locked"];
const CLIENTS = {
  [CLIENT_ID]: { connections: [CONNECTION, "plain-auth0"] },
  other: { connections: ["plain-auth0"] },
};

export function createHarness(overrides: Partial<SignupServiceOptions> = {}): Harness {
  const store = createMemoryStore();
  const mailer = createMemoryMailer();
  const errors: unknown[] = [];
  const tenants = overrides.tenants ?? TENANTS;
  const service = createSignupService({
    store,
    mailer,
    hasher: createInsecureTestHasher(),
    onError: () => undefined,
    tenants,
    ...overrides,
  });
  const onError = (error: unknown) => {
    errors.push(error);
  };
  // Every response of both handlers is checked against the OpenAPI document of the same tenants.
  const necTenants = Object.fromEntries(Object.entries(tenants).filter(([id]) => NEC_TENANTS.includes(id)));
  const baasChecker = new ResponseChecker(baasOpenApi({ tenants: necTenants }));
  const auth0Checker = new ResponseChecker(auth0OpenApi({ tenants, clients: CLIENTS }));
  const baas = baasChecker.wrap(
    createBaasHandler(service, {
      onError,
      apps: NEC_TENANTS.map((tenant) => ({ tenant, ...APP })),
    }),
  );
  const auth0 = auth0Checker.wrap(createAuth0Handler(service, { onError, clients: CLIENTS }));
  const checked = { baas: baasChecker.seen, auth0: auth0Checker.seen };
  return { service, store, mailer, baas, auth0, errors, checked };
}

/** A JSON POST. `body` is serialized unless it is already a string. */
export function jsonPost(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** NEC application headers: the app key, or the master key with `master`. */
export function appHeaders(master = false): Record<string, string> {
  return { "X-Application-Id": APP.appId, "X-Application-Key": master ? APP.masterKey : APP.appKey };
}

/** A form POST to a token route. */
export function formPost(url: string, fields: Record<string, string>): Request {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The link in a mail (fails the test when there is none). */
export function linkOf(message: MailMessage | undefined): URL {
  const link = message?.text.match(/https:\/\/\S+token=[A-Za-z0-9_-]{43}/)?.[0];
  if (link === undefined) throw new Error(`no link in mail: ${message?.text ?? "(no mail)"}`);
  return new URL(link);
}

/** Status, headers and parsed JSON body of a response. */
export async function read(response: Response): Promise<{ status: number; headers: Headers; body: unknown }> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}
