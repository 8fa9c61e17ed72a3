import type { IncomingMessage, ServerResponse } from "node:http";
import type { FetchHandler } from "../http/handler-options.js";
import { routesOf } from "../http/handler-routes.js";
import { createNodeBridge, type NodeAdapterOptions } from "./node-bridge.js";

/** The parts of a Fastify instance the plugin uses. */
export interface FastifyInstanceLike {
  /** Removes Fastify's body parsers (the handler reads the body itself). */
  removeAllContentTypeParsers(): unknown;
  /** Adds a body parser (the plugin adds one that leaves the body unread). */
  addContentTypeParser(
    contentType: string,
    parser: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
  /** Routes every method of a path. */
  all(
    path: string,
    handler: (
      request: { raw: IncomingMessage; ip: string },
      reply: { raw: ServerResponse; hijack(): unknown },
    ) => Promise<void>,
  ): unknown;
}

/** Options of {@link toFastifyPlugin}. */
export interface FastifyAdapterOptions extends NodeAdapterOptions {
  /**
   * Route patterns to register. Default: the routes of a `createBaasHandler` / `createAuth0Handler` handler (with
   * its `basePath`); required for any other Fetch handler.
   */
  routes?: readonly string[];
}

/**
 * A Fastify plugin that registers the handler's routes. Register it without `fastify-plugin`: Fastify then keeps it
 * in its own encapsulated scope, so the pass-through body parser it installs there (the handler reads and checks the
 * raw body itself) leaves the app's JSON parser and other routes alone. Put the path prefix in the handler's
 * `basePath`, not in Fastify's `prefix`. The hooks' `meta.clientAddress` is `request.ip` (Fastify's `trustProxy`
 * applies). The reply is written by the plugin (`reply.hijack()`), so `onSend` hooks do not run for these routes.
 *
 * @example
 * import Fastify from "fastify";
 * import { toFastifyPlugin } from "signupkit/node";
 *
 * const app = Fastify();
 * await app.register(toFastifyPlugin(createBaasHandler(service, { apps })));
 * await app.register(toFastifyPlugin(createAuth0Handler(service, { clients })));
 */
export function toFastifyPlugin(
  handler: FetchHandler,
  options: FastifyAdapterOptions = {},
): (instance: FastifyInstanceLike) => Promise<void> {
  const routes = options.routes ?? routesOf(handler)?.patterns;
  if (routes === undefined || routes.length === 0) {
    throw new TypeError(
      "toFastifyPlugin needs `routes` for a Fetch handler that does not come from signupkit/http.",
    );
  }
  const serve = createNodeBridge(handler, options);
  return async (instance) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    for (const route of routes) {
      instance.all(route, (request, reply) => {
        reply.hijack();
        return serve({ req: request.raw, res: reply.raw, clientAddress: request.ip });
      });
    }
  };
}
