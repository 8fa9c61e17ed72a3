import type { FetchHandler } from "./handler-options.js";

/**
 * What a handler serves, for server adapters that mount it next to other routes (`signupkit/node`): a path test
 * for middleware (pass on everything else) and route patterns in the `:param` syntax Express, Koa and Fastify share.
 */
export interface HandlerRoutes {
  /** Whether a request path (no query) is one of the handler's routes (under its `basePath`). */
  matches(pathname: string): boolean;
  /** The handler's routes, `basePath` included, e.g. `["/1/:tenantId/users", "/1/:tenantId/users/confirm"]`. */
  patterns: readonly string[];
}

/** A registered symbol, so copies of the library (ESM and CommonJS builds) agree on it. */
const ROUTES: unique symbol = Symbol.for("signupkit.handlerRoutes");

/** Records on `handler` which routes it serves, and returns it. */
export function withRoutes(handler: FetchHandler, routes: HandlerRoutes): FetchHandler {
  Object.defineProperty(handler, ROUTES, { value: routes });
  return handler;
}

/** The routes a handler from `createBaasHandler` / `createAuth0Handler` serves; `undefined` for any other function. */
export function routesOf(handler: FetchHandler): HandlerRoutes | undefined {
  return (handler as { [ROUTES]?: HandlerRoutes })[ROUTES];
}

/** The path below `basePath` (starting with "/"), or `undefined` when the path is outside it. */
export function belowBase(pathname: string, basePath: string): string | undefined {
  if (basePath === "") return pathname;
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  return pathname.slice(basePath.length);
}
