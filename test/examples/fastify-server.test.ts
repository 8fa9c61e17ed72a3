import { describeExample } from "./example-checks.js";

// Fastify keeps its default JSON parser: before signupkit/node, an app that did so hung every signup.
describeExample("examples/fastify-server.ts", { echoRoute: true });
