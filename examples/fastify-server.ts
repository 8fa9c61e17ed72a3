/**
 * Both signup dialects in Fastify 5. Fastify's own JSON parser is replaced by a pass-through so the handlers read
 * the raw body themselves (content type, size limit, JSON) and answer in their dialect.
 *
 *   PORT=3000 npx tsx examples/fastify-server.ts
 */
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { createExampleHandlers, type FetchHandler, portFromEnv, printReady } from "./example-handlers.js";
import { toRequest } from "./node-fetch-adapter.js";

const { baas, auth0 } = createExampleHandlers();

const app = Fastify();
app.removeAllContentTypeParsers();
app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));

function mount(handler: FetchHandler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const response = await handler(toRequest(request.raw));
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      reply.header(name, value);
    });
    return reply.send(Buffer.from(await response.arrayBuffer()));
  };
}

app.all("/1/:tenantId/users", mount(baas));
app.all("/1/:tenantId/users/confirm", mount(baas));
app.all("/dbconnections/signup", mount(auth0));
app.all("/dbconnections/verify", mount(auth0));

const address = await app.listen({ port: portFromEnv(), host: "127.0.0.1" });
printReady("Fastify example", address);
