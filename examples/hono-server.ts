/**
 * Both signup dialects in Hono on Node (@hono/node-server). Hono speaks Fetch, so the handlers take
 * `c.req.raw` as is; the same code runs on Bun, Deno and edge runtimes with their own `serve`.
 *
 *   PORT=3000 npx tsx examples/hono-server.ts
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

const app = new Hono();
app.all("/1/:tenantId/users", (c) => baas(c.req.raw));
app.all("/1/:tenantId/users/confirm", (c) => baas(c.req.raw));
app.all("/dbconnections/signup", (c) => auth0(c.req.raw));
app.all("/dbconnections/verify", (c) => auth0(c.req.raw));

serve({ fetch: app.fetch, port: portFromEnv(), hostname: "127.0.0.1" }, (info) => {
  printReady("Hono example", `http://127.0.0.1:${info.port}`);
});
