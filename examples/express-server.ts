/**
 * Both signup dialects in Express 5. The handlers read the raw body themselves (content type, size limit, JSON),
 * so mount them WITHOUT `express.json()` in front.
 *
 *   PORT=3000 npx tsx examples/express-server.ts
 */
import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { createExampleHandlers, type FetchHandler, portFromEnv, printReady } from "./example-handlers.js";
import { handleNode } from "./node-fetch-adapter.js";

const { baas, auth0 } = createExampleHandlers();

function mount(handler: FetchHandler): RequestHandler {
  return (req, res) => {
    void handleNode(handler, req, res);
  };
}

const app = express();
app.disable("x-powered-by");
// app.all: the handlers answer 405 (with Allow) for a method they do not serve.
app.all("/1/:tenantId/users", mount(baas));
app.all("/1/:tenantId/users/confirm", mount(baas));
app.all("/dbconnections/signup", mount(auth0));
app.all("/dbconnections/verify", mount(auth0));

const server = app.listen(portFromEnv(), "127.0.0.1", (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as AddressInfo;
  printReady("Express example", `http://127.0.0.1:${port}`);
});
