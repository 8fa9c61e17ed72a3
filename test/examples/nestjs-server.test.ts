import { describeExample } from "./example-checks.js";

describeExample("examples/nestjs-server.ts", { parsesJsonFirst: true });
