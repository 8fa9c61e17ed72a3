/**
 * Both signup dialects in Hono on Deno.
 *
 *   PORT=3000 deno run --allow-net --allow-env --allow-read examples/hono-deno.ts
 */
import { portFromEnv, printReady } from "./example-handlers.js";
import { app } from "./hono-app.js";

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
