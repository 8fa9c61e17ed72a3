/**
 * Both signup dialects in Hono on Node (@hono/node-server); examples/hono-bun.ts and hono-deno.ts serve the same
 * app on Bun and Deno.
 *
 *   PORT=3000 npx tsx examples/hono-server.ts
 */
import { serve } from "@hono/node-server";
import { portFromEnv, printReady } from "./example-handlers.js";
import { app } from "./hono-app.js";

serve({ fetch: app.fetch, port: portFromEnv(), hostname: "127.0.0.1" }, (info) => {
  printReady("Hono example", `http://127.0.0.1:${info.port}`);
});
