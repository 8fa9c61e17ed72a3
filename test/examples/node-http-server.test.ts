import { describeExample } from "./example-checks.js";

describeExample("examples/node-http-server.ts");
