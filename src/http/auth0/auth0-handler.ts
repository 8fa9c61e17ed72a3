import { SignupError } from "../../errors/signup-error.js";
import type { SignupContext } from "../../model/signup-input.js";
import type { SignupService } from "../../service/service-types.js";
import {
  type CommonHandlerOptions,
  type FetchHandler,
  pathSegments,
  resolveCommon,
} from "../handler-options.js";
import { belowBase, withRoutes } from "../handler-routes.js";
import { HttpProblem, requireMethod } from "../http-problem.js";
import { openApiRoute } from "../openapi-route.js";
import { createLinkPages } from "../pages/link-pages.js";
import { readJsonObject } from "../read-body.js";
import { signupMeta } from "../request-meta.js";
import { jsonResponse } from "../responses.js";
import { requireServedTenants } from "../served-tenants.js";
import { handleTokenRoute } from "../token-route.js";
import { toModelInput } from "../wire-input.js";
import { auth0ErrorResponse } from "./auth0-errors.js";
import { AUTH0_ENVELOPE, AUTH0_FIELDS, toAuth0User } from "./auth0-wire.js";

/** One Auth0 application (client) and the database connections it may sign users up to. */
export interface Auth0Client {
  /** Connection names; each must be a tenant id of the service (the connection IS the tenant). */
  connections: readonly string[];
}

/** Options of {@link createAuth0Handler}. */
export interface Auth0HandlerOptions extends CommonHandlerOptions {
  /** Known clients by `client_id`. A signup names one client and one of its connections, else 400 `invalid_signup`. */
  clients: Readonly<Record<string, Auth0Client>>;
}

function invalidSignup(): HttpProblem {
  return new HttpProblem("invalid_signup", "Invalid sign up");
}

function readClients(clients: Auth0HandlerOptions["clients"] | undefined): Map<string, ReadonlySet<string>> {
  if (typeof clients !== "object" || clients === null)
    throw new TypeError("createAuth0Handler needs `clients`.");
  const map = new Map<string, ReadonlySet<string>>();
  for (const [clientId, client] of Object.entries(clients)) {
    const connections = client?.connections;
    if (
      !Array.isArray(connections) ||
      !connections.every((name) => typeof name === "string" && name !== "")
    ) {
      throw new TypeError(`clients["${clientId}"].connections must be an array of connection names.`);
    }
    map.set(clientId, new Set(connections));
  }
  return map;
}

/**
 * Auth0 database-connection signup over HTTP, as a Fetch handler:
 * - `POST {basePath}/dbconnections/signup`: Auth0's signup. `client_id` must be a known client and `connection`
 *   one of its connections (the connection name is the service's tenant id), else 400 `invalid_signup`. 200 with
 *   `_id`, `email_verified`, `email` and every profile field the user has.
 *   (A connection configured with NEC-style confirmation mail creates nothing yet and answers 200 `{}`; Auth0
 *   connections normally use verification mail instead.)
 * - `GET {basePath}/dbconnections/verify?connection=…&token=…`: a page whose button POSTs the token; consumes
 *   nothing. `POST` (form field `token`, `connection` kept in the query) marks the address verified.
 *
 * Point the connection's `mail.verificationUrl` at
 * `https://<host>{basePath}/dbconnections/verify?connection=<name>` (the token is appended).
 *
 * Throws `SignupError("invalid_config")` when a client names a connection the service has no tenant for, or one
 * whose policy is not `auth0Policy()`.
 *
 * @example
 * const handler = createAuth0Handler(service, {
 *   clients: { "my-client-id": { connections: ["Username-Password-Authentication"] } },
 * });
 */
export function createAuth0Handler(service: SignupService, options: Auth0HandlerOptions): FetchHandler {
  const common = resolveCommon(options);
  const pages = createLinkPages(options?.pages, "verification", (tenant) => service.tenantLocale(tenant));
  const clients = readClients(options?.clients);
  const served = new Set([...clients.values()].flatMap((connections) => [...connections]));
  requireServedTenants(
    service,
    "auth0",
    [...clients].flatMap(([id, connections]) =>
      [...connections].map((c) => [c, `client "${id}"`] as [string, string]),
    ),
  );

  async function signup(request: Request): Promise<Response> {
    requireMethod(request.method, ["POST"]);
    const body = await readJsonObject(request, common.maxBodyBytes);
    const clientId = body.client_id;
    const connection = body.connection;
    const connections = typeof clientId === "string" ? clients.get(clientId) : undefined;
    if (connections === undefined || typeof connection !== "string" || !connections.has(connection)) {
      throw invalidSignup();
    }
    if (!service.hasTenant(connection)) throw invalidSignup();
    const context: SignupContext = { tenant: connection };
    const meta = signupMeta(request, common.meta);
    if (meta !== undefined) context.meta = meta;
    const result = await service.signup(toModelInput(body, AUTH0_FIELDS, AUTH0_ENVELOPE).input, context);
    return jsonResponse(result.status === "created" ? toAuth0User(result.user) : {}, 200);
  }

  const handler: FetchHandler = async (request) => {
    const report = (error: unknown) => common.report(error, request);
    try {
      const url = new URL(request.url);
      const document = openApiRoute(request, url, common);
      if (document !== undefined) return document;
      const segments = pathSegments(url, common.basePath);
      const [group, action, ...rest] = segments ?? [];
      if (group !== "dbconnections" || rest.length > 0) throw new HttpProblem("not_found", "Not found.");
      if (action === "signup") return await signup(request);
      if (action !== "verify") throw new HttpProblem("not_found", "Not found.");
      requireMethod(request.method, ["GET", "POST"]);
      const connection = url.searchParams.get("connection") ?? "";
      const route = {
        tenant: served.has(connection) && service.hasTenant(connection) ? connection : "",
        pages,
        report,
        redeem: async (token: string, password: string | undefined) => {
          if (!served.has(connection)) throw new SignupError("unknown_tenant");
          const context = password === undefined ? { tenant: connection } : { tenant: connection, password };
          return service.verifyEmail(token, context);
        },
      };
      return await handleTokenRoute(request, url, route, "verified");
    } catch (error) {
      return auth0ErrorResponse(error, report);
    }
  };
  return withRoutes(handler, {
    matches: (pathname) => belowBase(pathname, common.basePath)?.startsWith("/dbconnections/") === true,
    patterns: ["signup", "verify"].map((action) => `${common.basePath}/dbconnections/${action}`),
  });
}
