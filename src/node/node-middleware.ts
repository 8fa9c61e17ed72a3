import type { IncomingMessage, ServerResponse } from "node:http";
import type { FetchHandler } from "../http/handler-options.js";
import { routesOf } from "../http/handler-routes.js";
import { createNodeBridge, type NodeAdapterOptions } from "./node-bridge.js";

/** A `(req, res)` listener for `http.createServer` (and anything else that hands over node's objects). */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Express 4/5 and Connect middleware. `req.body`, `req.ip` and `req.originalUrl` are used when present. */
export type NodeMiddleware = (
  req: IncomingMessage & { body?: unknown; ip?: unknown; originalUrl?: unknown },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** The parts of a Koa context the middleware uses. */
export interface KoaContextLike {
  /** The Node request. */
  req: IncomingMessage;
  /** The Node response. */
  res: ServerResponse;
  /** The request URL as received. */
  originalUrl: string;
  /** The client address. */
  ip: string;
  /** The Koa request. */
  request: {
    /** A body a Koa body parser already read; used like a raw one. */
    body?: unknown;
  };
  /** Set to false: the handler answered on `res` itself. */
  respond?: boolean;
}

/** Koa middleware. */
export type KoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/** Whether a handler serves a path: its recorded routes, or everything for a Fetch handler without any. */
function servesPath(handler: FetchHandler): (url: string) => boolean {
  const routes = routesOf(handler);
  return routes === undefined ? () => true : (url) => routes.matches(pathOf(url));
}

/**
 * A node:http listener that answers every request with `handler` (404 for paths it does not serve).
 * The hooks' `meta` carries `clientAddress` (the socket's peer address) and `nodeRequest`.
 *
 * @example
 * import { createServer } from "node:http";
 * import { toNodeListener } from "signupkit/node";
 *
 * createServer(toNodeListener(createBaasHandler(service, { apps }))).listen(3000);
 */
export function toNodeListener(handler: FetchHandler, options?: NodeAdapterOptions): NodeListener {
  const serve = createNodeBridge(handler, options);
  return (req, res) => serve({ req, res });
}

/**
 * Express 4/5 or Connect middleware: serves the handler's routes and passes every other request on with `next()`.
 * Works before or after `express.json()` / `express.urlencoded()`: a body they already parsed is handed to the
 * handler with the same `Content-Type`, size and JSON rules as a raw one. The hooks' `meta.clientAddress` is
 * `req.ip` (so Express's `trust proxy` setting applies) or the socket's address; `meta.nodeRequest` is `req`.
 *
 * @example
 * import express from "express";
 * import { toNodeMiddleware } from "signupkit/node";
 *
 * const app = express();
 * app.use(express.json());
 * app.use(toNodeMiddleware(createBaasHandler(service, { apps })));
 * app.use(toNodeMiddleware(createAuth0Handler(service, { clients })));
 */
export function toNodeMiddleware(handler: FetchHandler, options?: NodeAdapterOptions): NodeMiddleware {
  const serve = createNodeBridge(handler, options);
  const serves = servesPath(handler);
  return (req, res, next) => {
    const url = typeof req.originalUrl === "string" ? req.originalUrl : (req.url ?? "/");
    if (!serves(url)) return next();
    const clientAddress = typeof req.ip === "string" ? req.ip : undefined;
    serve({ req, res, url, clientAddress, parsedBody: req.body }).catch(next);
  };
}

/**
 * Koa middleware: serves the handler's routes (writing the response itself, `ctx.respond = false`) and passes every
 * other request on. A body a Koa body parser already read (`ctx.request.body`) is used like a raw one.
 * The hooks' `meta.clientAddress` is `ctx.ip` (Koa's `proxy` setting applies).
 *
 * @example
 * import Koa from "koa";
 * import { toKoaMiddleware } from "signupkit/node";
 *
 * new Koa().use(toKoaMiddleware(createBaasHandler(service, { apps }))).listen(3000);
 */
export function toKoaMiddleware(handler: FetchHandler, options?: NodeAdapterOptions): KoaMiddleware {
  const serve = createNodeBridge(handler, options);
  const serves = servesPath(handler);
  return async (ctx, next) => {
    if (!serves(ctx.originalUrl)) {
      await next();
      return;
    }
    ctx.respond = false;
    await serve({
      req: ctx.req,
      res: ctx.res,
      url: ctx.originalUrl,
      clientAddress: ctx.ip,
      parsedBody: ctx.request.body,
    });
  };
}
