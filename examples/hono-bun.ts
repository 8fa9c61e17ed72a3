/**
 * Both signup dialects in Hono on Bun.
 *
 *   PORT=3000 bun examples/hono-bun.ts
 */
import { portFromEnv, printReady } from "./example-handlers.js";
import { app } from "./hono-app.js";

declare const Bun: {
  serve(options: { fetch: typeof app.fetch; port: number; hostname: string }): { port: number };
};
const server = Bun.serve({ fetch: app.fetch, port: portFromEnv(), hostname: "127.0.0.1" });
printReady("Hono on Bun example", `http://127.0.0.1:${server.port}`);
