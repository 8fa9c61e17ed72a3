import { describeExample } from "./example-checks.js";

describeExample("examples/koa-server.ts", { parsesJsonFirst: true, echoRoute: true });
