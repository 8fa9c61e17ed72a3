import { createServer, type Server } from "node:http";
import bodyParser from "@koa/bodyparser";
import connect from "connect";
import express from "express";
import Fastify from "fastify";
import Koa from "koa";
import { toFastifyPlugin, toKoaMiddleware, toNodeListener, toNodeMiddleware } from "signupkit/node";
import { afterEach, describe, expect, it } from "vitest";
import { checkMounted } from "./adapter-checks.js";
import { close, createWorld, listen, necHeaders, necSignup, send } from "./world.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function serve(server: Server): Promise<string> {
  servers.push(server);
  return listen(server);
}

function expressApp(parser: "json" | "text" | "raw" | "none") {
  const world = createWorld();
  const app = express();
  if (parser === "json") app.use(express.json());
  if (parser === "text") app.use(express.text({ type: "*/*" }));
  if (parser === "raw") app.use(express.raw({ type: "*/*" }));
  app.use(toNodeMiddleware(world.baas));
  app.use(toNodeMiddleware(world.auth0));
  app.post("/other", express.json(), (req, res) => {
    res.json({ echo: req.body });
  });
  return { world, app };
}

describe("signupkit/node on real servers", () => {
  it("node:http listener: both dialects, 404 elsewhere, meta from the socket", async () => {
    const world = createWorld();
    const baas = toNodeListener(world.baas);
    const auth0 = toNodeListener(world.auth0);
    const base = await serve(
      createServer((req, res) => {
        if (req.url === "/other") {
          let body = "";
          req.on("data", (chunk) => {
            body += chunk;
          });
          req.on("end", () => {
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify({ echo: JSON.parse(body) }));
          });
          return;
        }
        void (req.url?.startsWith("/dbconnections/") ? auth0(req, res) : baas(req, res));
      }),
    );
    await checkMounted(base, world, "node");
    expect((await send(`${base}/nowhere`, { method: "POST" })).status).toBe(404);
  });

  it.each(["json", "none"] as const)(
    "Express with parser %s: answers (no hang), and the app's JSON route still works",
    async (parser) => {
      const { world, app } = expressApp(parser);
      await checkMounted(await serve(createServer(app)), world, `express-${parser}`);
    },
  );

  it.each(["text", "raw"] as const)(
    "Express with express.%s() in front: the string or Buffer is used",
    async (parser) => {
      const { world, app } = expressApp(parser);
      const base = await serve(createServer(app));
      expect((await necSignup(base, `${parser}@example.com`)).status).toBe(200);
      expect((await necSignup(base, `${parser}@example.com`)).status).toBe(409);
      const malformed = await necSignup(base, "m@example.com", { body: '{"email":' });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ error: expect.any(String) });
      expect(world.seen.length).toBeGreaterThan(0);
    },
  );

  it("Express: a parsed JSON body keeps the dialect's rules (415 for a form, 400 for an array)", async () => {
    const { app } = expressApp("json");
    app.use(express.urlencoded());
    const base = await serve(createServer(app));
    const array = await necSignup(base, "arr@example.com", { body: "[1,2]" });
    expect(array.status).toBe(400);
    const form = await necSignup(base, "f@example.com", {
      headers: necHeaders("application/x-www-form-urlencoded"),
      body: "email=f%40example.com&password=Passw0rd",
    });
    expect(form.status).toBe(415);
  });

  it("Express: a router mounted under a path serves the handler's basePath", async () => {
    const world = createWorld("/api");
    const app = express();
    const router = express.Router();
    router.use(express.json(), toNodeMiddleware(world.baas));
    app.use("/api", router);
    const base = await serve(createServer(app));
    expect((await necSignup(`${base}/api`, "router@example.com")).status).toBe(200);
    expect((await necSignup(base, "root@example.com")).status).toBe(404);
  });

  it("Connect middleware, with and without a parser in front", async () => {
    const world = createWorld();
    const app = connect();
    app.use("/other", express.json());
    app.use(toNodeMiddleware(world.baas));
    app.use(toNodeMiddleware(world.auth0));
    app.use("/other", (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ echo: (req as { body?: unknown }).body }));
    });
    await checkMounted(await serve(createServer(app)), world, "connect");
  });

  it.each([true, false])("Koa (body parser in front: %s)", async (withParser) => {
    const world = createWorld();
    const app = new Koa();
    if (withParser) app.use(bodyParser());
    app.use(toKoaMiddleware(world.baas));
    app.use(toKoaMiddleware(world.auth0));
    app.use(async (ctx, next) => {
      if (ctx.path !== "/other") return next();
      const body = withParser
        ? ctx.request.body
        : JSON.parse(await new Response(ctx.req as unknown as ReadableStream).text());
      ctx.body = { echo: body };
    });
    await checkMounted(await serve(createServer(app.callback())), world, `koa-${withParser}`);
  });

  it("Fastify plugin: the app keeps its JSON parser and routes", async () => {
    const world = createWorld();
    const app = Fastify();
    await app.register(toFastifyPlugin(world.baas));
    await app.register(toFastifyPlugin(world.auth0));
    app.post("/other", async (request) => ({ echo: request.body }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const address = app.server.address() as { port: number };
      await checkMounted(`http://127.0.0.1:${address.port}`, world, "fastify");
    } finally {
      await app.close();
    }
  });
});
