/**
 * `signupkit/http`: the NEC BaaS and Auth0 signup endpoints as Web-standard Fetch handlers, `(request: Request) => Promise<Response>`.
 * They use only Web APIs, so they run on Node (node:http through a small adapter, Express, Fastify, Hono), Bun,
 * Deno and edge runtimes.
 *
 * - {@link createBaasHandler}: NEC BaaS `POST /1/{tenantId}/users` and the confirmation link
 *   `GET|POST /1/{tenantId}/users/confirm`.
 * - {@link createAuth0Handler}: Auth0 `POST /dbconnections/signup` and the verification link
 *   `GET|POST /dbconnections/verify?connection=…`.
 *
 * @example
 * import { createBaasHandler } from "signupkit/http";
 *
 * const handler = createBaasHandler(service, { apps: [{ tenant: "t1", appId: "app", appKey: "secret" }] });
 * Deno.serve(handler);
 *
 * @module
 */
export type { Auth0ErrorBody } from "../http/auth0/auth0-errors.js";
export {
  type Auth0Client,
  type Auth0HandlerOptions,
  createAuth0Handler,
} from "../http/auth0/auth0-handler.js";
export type { Auth0UserBody } from "../http/auth0/auth0-wire.js";
export type { BaasApp, BaasKeyKind, ResolveBaasApp } from "../http/baas/baas-apps.js";
export type { BaasErrorBody } from "../http/baas/baas-errors.js";
export { type BaasHandlerOptions, createBaasHandler } from "../http/baas/baas-handler.js";
export type { BaasUserBody } from "../http/baas/baas-wire.js";
export { constantTimeEqualSync } from "../http/constant-time.js";
export type { CommonHandlerOptions, FetchHandler } from "../http/handler-options.js";
export type { LinkPage, LinkPageOptions } from "../http/pages/link-pages.js";
export type { LinkFlow, LinkOutcome, RetryReason } from "../http/pages/page-text.js";
export { DEFAULT_MAX_BODY_BYTES } from "../http/read-body.js";
