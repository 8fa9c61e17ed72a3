/**
 * The Hono app the Hono examples share (Node, Bun, Deno): Hono speaks Fetch, so the handlers take `c.req.raw` as
 * is and no adapter is needed.
 */
import { Hono } from "hono";
import { createExampleHandlers } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

/** Both dialects' routes. */
export const app = new Hono();
app.all("/1/:tenantId/users", (c) => baas(c.req.raw));
app.all("/1/:tenantId/users/confirm", (c) => baas(c.req.raw));
app.all("/dbconnections/signup", (c) => auth0(c.req.raw));
app.all("/dbconnections/verify", (c) => auth0(c.req.raw));
