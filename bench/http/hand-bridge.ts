/**
 * The hand-written node:http ⇄ Fetch bridge the examples used before signupkit/node, kept as the `http` bench
 * row's comparison: turns an `IncomingMessage` into a `Request`, and writes a
 * `Response` back. Works for plain node:http, Express and Fastify (their `req`/`res` are node's).
 * Hono (@hono/node-server), Bun and Deno speak Fetch natively and need none of this.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A Fetch handler, as `createBaasHandler` / `createAuth0Handler` return. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * The request body as a Web stream with backpressure. Cancelling it (the handler refused a body over its size
 * limit) stops reading without destroying the socket, so the 413 still reaches the client; the connection is then
 * closed after the response instead of draining an unbounded body.
 */
function bodyOf(req: IncomingMessage, state: { cancelled: boolean }): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (state.cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!state.cancelled) controller.close();
      });
      req.on("error", (error) => {
        if (!state.cancelled) controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      state.cancelled = true;
      req.pause();
    },
  });
}

/** Builds a Fetch `Request` from node's request. `signal` aborts when the client goes away. */
export function toRequest(req: IncomingMessage, signal?: AbortSignal, state = { cancelled: false }): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    url = new URL(req.url ?? "/", "http://localhost");
  }
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (signal) init.signal = signal;
  if (method !== "GET" && method !== "HEAD") {
    init.body = bodyOf(req, state);
    init.duplex = "half";
  }
  return new Request(url, init);
}

/** Writes a Fetch `Response` to node's response. `close` ends the connection afterwards. */
export async function sendResponse(res: ServerResponse, response: Response, close = false): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (close) headers.connection = "close";
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

/** Runs a Fetch handler for one node request; a crash in the bridge itself is a bare 500. */
export async function handleNode(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const state = { cancelled: false };
  try {
    const response = await handler(toRequest(req, abort.signal, state));
    await sendResponse(res, response, state.cancelled || !req.complete);
  } catch (error) {
    console.error("request failed:", error instanceof Error ? error.message : error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("Internal server error");
  }
}

/** A `(req, res)` listener for `http.createServer` that runs a Fetch handler. */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handleNode(handler, req, res);
  };
}
