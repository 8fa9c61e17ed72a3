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
import { toModelInput, type WireInput } from "../wire-input.js";
import { type BaasApp, type ResolveBaasApp, staticAppResolver } from "./baas-apps.js";
import { baasErrorResponse } from "./baas-errors.js";
import { BAAS_FIELDS, toBaasUser } from "./baas-wire.js";

/** Options of {@link createBaasHandler}: exactly one of `apps` and `resolveApp`. */
export interface BaasHandlerOptions extends CommonHandlerOptions {
  /** A static registry of applications and their keys. */
  apps?: readonly BaasApp[];
  /** Or a callback that checks `X-Application-Id` / `X-Application-Key` for a tenant (compare in constant time). */
  resolveApp?: ResolveBaasApp;
}

function unauthorized(): HttpProblem {
  return new HttpProblem("unauthorized", "Application authentication failed.");
}

function resolverOf(
  service: SignupService,
  options: BaasHandlerOptions | undefined,
): {
  resolve: ResolveBaasApp;
  serves: (tenant: string) => boolean;
} {
  const apps = options?.apps;
  const resolveApp = options?.resolveApp;
  if ((apps === undefined) === (resolveApp === undefined)) {
    throw new TypeError("createBaasHandler needs exactly one of `apps` and `resolveApp`.");
  }
  if (resolveApp !== undefined) return { resolve: resolveApp, serves: () => true };
  const registry = staticAppResolver(apps ?? []);
  requireServedTenants(
    service,
    "baas",
    (apps ?? []).map((app, index) => [app.tenant, `apps[${index}]`] as [string, string]),
  );
  return { resolve: registry.resolve, serves: (tenant) => registry.tenants.has(tenant) };
}

/**
 * NEC BaaS signup over HTTP, as a Fetch handler:
 * - `POST {basePath}/1/{tenantId}/users`: NEC BaaS's signup. `X-Application-Id` and `X-Application-Key` are checked
 *   first (401, before the body is read or the tenant looked up, so an unauthenticated caller learns nothing about
 *   which tenants exist: no credentials are valid for an unknown tenant). A tenant the credentials accept but the
 *   service does not know is 404. Then `Content-Type` (415), size (413) and JSON (400). The master key may set
 *   `_id` and bypasses the anonymous-create ACL. 200 with the NEC BaaS user, or `{}` when the tenant mails a
 *   confirmation link first.
 * - `GET {basePath}/1/{tenantId}/users/confirm?token=…`: a page whose button POSTs the token; consumes nothing.
 * - `POST {basePath}/1/{tenantId}/users/confirm` (form field `token`): completes the signup and shows the result.
 *
 * Point the tenant's `mail.confirmationUrl` at `https://<host>{basePath}/1/{tenantId}/users/confirm`.
 *
 * Throws `SignupError("invalid_config")` when an entry of `apps` names a tenant the service does not have, or one
 * whose policy is not `baasPolicy()`.
 *
 * @example
 * const handler = createBaasHandler(service, {
 *   apps: [{ tenant: "tenant-1", appId: "app-1", appKey: process.env.APP_KEY!, masterKey: process.env.MASTER_KEY! }],
 * });
 * // Bun.serve({ fetch: handler }) · Deno.serve(handler) · app.all("/1/*", (c) => handler(c.req.raw)) in Hono
 */
export function createBaasHandler(service: SignupService, options: BaasHandlerOptions): FetchHandler {
  const common = resolveCommon(options);
  const pages = createLinkPages(options?.pages, "confirmation", (tenant) => service.tenantLocale(tenant));
  const apps = resolverOf(service, options);

  async function signup(request: Request, tenant: string, wire: { current?: WireInput }): Promise<Response> {
    requireMethod(request.method, ["POST"]);
    const appId = request.headers.get("x-application-id") ?? "";
    const appKey = request.headers.get("x-application-key") ?? "";
    if (appId === "" || appKey === "") throw unauthorized();
    const kind = await apps.resolve(tenant, appId, appKey);
    if (kind !== "app" && kind !== "master") throw unauthorized();
    if (!service.hasTenant(tenant)) throw new SignupError("unknown_tenant");

    const body = await readJsonObject(request, common.maxBodyBytes);
    wire.current = toModelInput(body, BAAS_FIELDS);
    const context: SignupContext = { tenant, master: kind === "master" };
    const meta = signupMeta(request, common.meta);
    if (meta !== undefined) context.meta = meta;
    const result = await service.signup(wire.current.input, context);
    return jsonResponse(result.status === "created" ? toBaasUser(result.user) : {}, 200);
  }

  const handler: FetchHandler = async (request) => {
    const wire: { current?: WireInput } = {};
    const report = (error: unknown) => common.report(error, request);
    try {
      const url = new URL(request.url);
      const document = openApiRoute(request, url, common);
      if (document !== undefined) return document;
      const segments = pathSegments(url, common.basePath);
      const [version, tenant, users, action, ...rest] = segments ?? [];
      if (version !== "1" || !tenant || users !== "users" || rest.length > 0) {
        throw new HttpProblem("not_found", "Not found.");
      }
      if (action === undefined) return await signup(request, tenant, wire);
      if (action !== "confirm") throw new HttpProblem("not_found", "Not found.");
      requireMethod(request.method, ["GET", "POST"]);
      const known = apps.serves(tenant) && service.hasTenant(tenant);
      const route = {
        tenant: known ? tenant : "",
        pages,
        report,
        redeem: async (token: string, password: string | undefined) => {
          if (!apps.serves(tenant)) throw new SignupError("unknown_tenant");
          return service.confirm(token, password === undefined ? { tenant } : { tenant, password });
        },
      };
      return await handleTokenRoute(request, url, route, "confirmed");
    } catch (error) {
      const context = wire.current ? { report, wireName: wire.current.wireName } : { report };
      return baasErrorResponse(error, context);
    }
  };
  return withRoutes(handler, {
    matches: (pathname) => /^\/1\/[^/]+\/users(?:\/|$)/.test(belowBase(pathname, common.basePath) ?? ""),
    patterns: ["", "/confirm"].map((tail) => `${common.basePath}/1/:tenantId/users${tail}`),
  });
}
