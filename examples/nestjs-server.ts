/**
 * Both signup dialects in a NestJS app (Express platform, Nest's default JSON body parser on): a module applies
 * signupkit/node's middleware. Nest's decorators are applied as plain calls here so the file runs under tsx
 * without `experimentalDecorators`; in a Nest project write `@Module({})` above the class as usual.
 *
 *   PORT=3000 npx tsx examples/nestjs-server.ts
 */
import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { type MiddlewareConsumer, Module, type NestModule } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { toNodeMiddleware } from "signupkit/node";
import { createExampleHandlers, portFromEnv, printReady } from "./example-handlers.js";

/** Serves the signup routes; every other request goes on to the app's controllers. */
class SignupModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    const { baas, auth0 } = createExampleHandlers();
    consumer.apply(toNodeMiddleware(baas), toNodeMiddleware(auth0)).forRoutes("{*path}");
  }
}
Module({})(SignupModule);

const app = await NestFactory.create(SignupModule, { logger: ["error", "warn"] });
await app.listen(portFromEnv(), "127.0.0.1");
const { port } = app.getHttpServer().address() as AddressInfo;
printReady("NestJS example", `http://127.0.0.1:${port}`);
