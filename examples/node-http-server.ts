/**
 * Both signup dialects on a plain node:http server.
 *
 *   PORT=3000 npx tsx examples/node-http-server.ts
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";
import { toNodeListener } from "./node-fetch-adapter.js";

const { baas, auth0 } = createExampleHandlers();

// One Fetch handler per dialect; route by path prefix. Each answers 404/405 for paths and methods it does not serve.
const server = createServer(
  toNodeListener((request) =>
    new URL(request.url).pathname.startsWith("/dbconnections/") ? auth0(request) : baas(request),
  ),
);

server.listen(portFromEnv(), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  printReady("node:http example", `http://127.0.0.1:${port}`);
});
