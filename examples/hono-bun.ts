/**
 * Both signup dialects in Hono on Bun. Hono speaks Fetch, so the handlers take `c.req.raw` as is.
 *
 *   PORT=3000 bun examples/hono-bun.ts
 */
import { Hono } from "hono";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

const app = new Hono();
app.all("/1/:tenantId/users", (c) => baas(c.req.raw));
app.all("/1/:tenantId/users/confirm", (c) => baas(c.req.raw));
app.all("/dbconnections/signup", (c) => auth0(c.req.raw));
app.all("/dbconnections/verify", (c) => auth0(c.req.raw));

declare const Bun: {
  serve(options: { fetch: typeof app.fetch; port: number; hostname: string }): { port: number };
};
const server = Bun.serve({ fetch: app.fetch, port: portFromEnv(), hostname: "127.0.0.1" });
printReady("Hono on Bun example", `http://127.0.0.1:${server.port}`);
