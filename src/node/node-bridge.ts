import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { FetchHandler } from "../http/handler-options.js";
import { attachRequestMeta } from "../http/request-meta.js";
import { responseText } from "../http/responses.js";
import { bodyWasRead, restoreConsumedBody } from "./parsed-body.js";

/** Options of every `signupkit/node` adapter. */
export interface NodeAdapterOptions {
  /** Host for the request URL when a request has no `Host` header (default `"localhost"`). */
  hostname?: string;
}

/** One node request as a framework hands it over. */
export interface NodeCall {
  req: IncomingMessage;
  res: ServerResponse;
  /** The full request target when the framework rewrote `req.url` for a mounted router (Express `originalUrl`). */
  url?: string | undefined;
  /** The client address as the framework resolved it (Express `req.ip`, Koa `ctx.ip`, Fastify `request.ip`). */
  clientAddress?: string | undefined;
  /** What a body parser left, used when it already consumed the stream. */
  parsedBody?: unknown;
}

/** The values every signup from a node request carries in `SignupContext.meta`. */
export interface NodeSignupMeta extends Readonly<Record<string, unknown>> {
  /** The client's address: the framework's (which honours its proxy settings) or the socket's peer address. */
  clientAddress: string | undefined;
  /** The node request, for anything else a hook needs (headers are also on the Fetch request). */
  nodeRequest: IncomingMessage;
}

const ADDRESSES = new WeakMap<IncomingMessage, string>();

/**
 * Writes a JSON response of the handlers in one `end()` from the text it was made from, and tells the bridge it was
 * sent; any other response goes back to the bridge. Measured: the bridge's generic path reads the Response's Web
 * stream and writes headers and body apart (a second syscall per request).
 */
function writeJson(res: ServerResponse, response: Response): Response {
  const text = responseText(response);
  if (text === undefined || res.headersSent) return response;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
  return RESPONSE_ALREADY_SENT;
}

/**
 * Serves node requests with a Fetch handler through @hono/node-server's `getRequestListener`.
 *
 * Why this bridge: measured with the `http` row of `npm run bench` (memory store, no-op hasher, 64 connections,
 * servers in child processes), NEC signups through it cost about half the server CPU per request of the
 * hand-written `new Request()` + `ReadableStream` bridge the examples used before (bare node:http ÷ it: 20-21 %
 * against 10-16 % in three runs on shared cores), because its lazy `Request` reads headers, URL and body straight
 * from node's objects and answers `arrayBuffer()` without a Web stream. `overrideGlobalObjects: false` keeps the
 * host's global `Request`/`Response`; replacing them measured no better.
 */
export function createNodeBridge(
  handler: FetchHandler,
  options: NodeAdapterOptions = {},
): (call: NodeCall) => Promise<void> {
  const listener = getRequestListener(
    (request, env) => {
      const incoming = env.incoming as IncomingMessage;
      const meta: NodeSignupMeta = {
        clientAddress: ADDRESSES.get(incoming) ?? incoming.socket?.remoteAddress,
        nodeRequest: incoming,
      };
      attachRequestMeta(request, meta);
      return handler(request).then((response) => writeJson(env.outgoing as ServerResponse, response));
    },
    { hostname: options.hostname ?? "localhost", overrideGlobalObjects: false },
  );
  return (call) => {
    const { req, res } = call;
    if (call.clientAddress !== undefined) ADDRESSES.set(req, call.clientAddress);
    if (req.method !== "GET" && req.method !== "HEAD" && bodyWasRead(req))
      restoreConsumedBody(req, call.parsedBody);
    const mountedUrl = req.url;
    const rewrite = call.url !== undefined && call.url !== mountedUrl;
    // The bridge reads `req.url` synchronously when the call starts; the router's own value is put back at once.
    if (rewrite) req.url = call.url;
    try {
      return listener(req, res);
    } finally {
      if (rewrite) req.url = mountedUrl;
    }
  };
}
