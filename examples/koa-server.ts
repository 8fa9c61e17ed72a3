/**
 * Both signup dialects in Koa, next to a body parser the app uses for its own routes.
 *
 *   PORT=3000 npx tsx examples/koa-server.ts
 */
import type { AddressInfo } from "node:net";
import bodyParser from "@koa/bodyparser";
import Koa from "koa";
import { toKoaMiddleware } from "signupkit/node";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

const { baas, auth0 } = createExampleHandlers();

const app = new Koa();
app.use(bodyParser());
app.use(toKoaMiddleware(baas));
app.use(toKoaMiddleware(auth0));
// The app's own JSON route.
app.use(async (ctx, next) => {
  if (ctx.method !== "POST" || ctx.path !== "/echo") return next();
  ctx.body = { echo: ctx.request.body };
});

const server = app.listen(portFromEnv(), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  printReady("Koa example", `http://127.0.0.1:${port}`);
});
