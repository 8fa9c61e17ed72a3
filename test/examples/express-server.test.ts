import { describeExample } from "./example-checks.js";

describeExample("examples/express-server.ts");
