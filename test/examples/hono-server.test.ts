import { describeExample } from "./example-checks.js";

describeExample("examples/hono-server.ts");
