/**
 * Both signup dialects in a Fastify 5 app that keeps its default JSON parser for its own routes. The plugin
 * registers the signup routes in an encapsulated scope (no `fastify-plugin`), where the handlers read the raw body
 * themselves; the app's parser and routes stay as they are.
 *
 *   PORT=3000 npx tsx examples/fastify-server.ts
 */
import Fastify from "fastify";
import { toFastifyPlugin } from "signupkit/node";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

const app = Fastify();
await app.register(toFastifyPlugin(baas));
await app.register(toFastifyPlugin(auth0));
// The app's own JSON route, parsed by Fastify's default parser.
app.post("/echo", async (request) => ({ echo: request.body }));

const address = await app.listen({ port: portFromEnv(), host: "127.0.0.1" });
printReady("Fastify example", address);
