/**
 * Both signup dialects in an Express 5 app that already parses JSON with `express.json()` for its own routes.
 * signupkit/node's middleware takes the body Express parsed (with the dialect's own Content-Type, size and JSON
 * rules) and passes every other request on. Signups are rate-limited per client address (examples/rate-limit.ts).
 *
 *   PORT=3000 npx tsx examples/express-server.ts
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { toNodeMiddleware } from "signupkit/node";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";
import { rateLimitPerAddress } from "./rate-limit.js";

const { baas, auth0 } = createExampleHandlers({
  beforeCreate: rateLimitPerAddress(Number(process.env.SIGNUPS_PER_MINUTE ?? 20), 60_000),
});

const app = express();
app.disable("x-powered-by");
app.use(express.json());
app.use(toNodeMiddleware(baas));
app.use(toNodeMiddleware(auth0));
// The app's own JSON route, unaffected.
app.post("/echo", (req, res) => {
  res.json({ echo: req.body });
});

const server = app.listen(portFromEnv(), "127.0.0.1", (error?: Error) => {
  if (error) throw error;
  const { port } = server.address() as AddressInfo;
  printReady("Express example", `http://127.0.0.1:${port}`);
});
