/**
 * Both signup dialects in Hono on Deno. Hono speaks Fetch, so the handlers take `c.req.raw` as is.
 *
 *   PORT=3000 deno run --allow-net --allow-env --allow-read examples/hono-deno.ts
 */
import { Hono } from "hono";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

const app = new Hono();
app.all("/1/:tenantId/users", (c) => baas(c.req.raw));
app.all("/1/:tenantId/users/confirm", (c) => baas(c.req.raw));
app.all("/dbconnections/signup", (c) => auth0(c.req.raw));
app.all("/dbconnections/verify", (c) => auth0(c.req.raw));

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen(address: { port: number }): void },
    handler: typeof app.fetch,
  ): unknown;
};
Deno.serve(
  {
    port: portFromEnv(),
    hostname: "127.0.0.1",
    onListen: ({ port }) => printReady("Hono on Deno example", `http://127.0.0.1:${port}`),
  },
  app.fetch,
);
