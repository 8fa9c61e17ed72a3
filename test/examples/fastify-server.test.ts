import { describeExample } from "./example-checks.js";

describeExample("examples/fastify-server.ts");
