/**
 * Both signup dialects on a plain node:http server.
 *
 *   PORT=3000 npx tsx examples/node-http-server.ts
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "signupkit/node";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();
const serveBaas = toNodeListener(baas);
const serveAuth0 = toNodeListener(auth0);

// Route by path prefix; each handler answers 404/405 for paths and methods it does not serve.
const server = createServer((req, res) => {
  void (req.url?.startsWith("/dbconnections/") ? serveAuth0(req, res) : serveBaas(req, res));
});

server.listen(portFromEnv(), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  printReady("node:http example", `http://127.0.0.1:${port}`);
});
