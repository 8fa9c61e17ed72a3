/** The files of the throw-away app the matrix installs the packed tarball into, one per way of running it. */
import { moduleSource } from "./scenario.mjs";

const PRINT = `.then((result) => console.log("RESULT " + JSON.stringify(result)))`;

/** File name → content. */
export const APP_FILES = {
  "scenario.mjs": moduleSource("esm"),
  "scenario.cjs": moduleSource("cjs"),
  // Node, Bun, Deno and the esbuild/Vite bundles run these.
  "run-esm.mjs": `import { run } from "./scenario.mjs";\nawait run()${PRINT};\n`,
  "run-cjs.cjs": `require("./scenario.cjs").run()${PRINT};\n`,
  // edge-runtime evaluates a script: the bundle leaves the promise on the global object.
  "edge-entry.mjs": `import { run } from "./scenario.mjs";\nglobalThis.__signupkitResult = run();\n`,
  // workerd: a real Worker, bundled by wrangler, served on 127.0.0.1; GET /scenario runs the scenario in it.
  "worker.mjs": `import { run } from "./scenario.mjs";
export default {
  async fetch(request) {
    if (new URL(request.url).pathname !== "/scenario") return new Response("not found", { status: 404 });
    return Response.json(await run());
  },
};
`,
  "wrangler.toml": `name = "signupkit-matrix"\nmain = "worker.mjs"\ncompatibility_date = "2025-01-01"\nsend_metrics = false\n`,
  // Jest (CommonJS, no flag) and vitest: the scenario inside each runner's own test file.
  "jest.test.cjs": `const { run } = require("./scenario.cjs");
test("a signup then a 409 through each handler", async () => {
  const result = await run();
  console.log("RESULT " + JSON.stringify(result));
  expect(result.statuses).toEqual([200, 409, 200, 409]);
}, 60000);
`,
  "vitest.test.mjs": `import { run } from "./scenario.mjs";
test("a signup then a 409 through each handler", async () => {
  const result = await run();
  console.log("RESULT " + JSON.stringify(result));
  expect(result.statuses).toEqual([200, 409, 200, 409]);
}, 60000);
`,
  // TypeScript: every subpath's types resolve under node10 (typesVersions), node16 and bundler.
  "types.ts": `import { createSignupService, baasPolicy } from "signupkit";
import { createBaasHandler } from "signupkit/http";
import { createMemoryStore } from "signupkit/testing";
import { createBcryptHasher } from "signupkit/bcrypt";
import { createPbkdf2Hasher } from "signupkit/pbkdf2";
import type { MailMessage } from "signupkit/nodemailer";
import type { UserStore } from "signupkit/postgres";
const service = createSignupService({ store: createMemoryStore(), hasher: createPbkdf2Hasher(), tenants: { t: { policy: baasPolicy() } } });
export const handler: (request: Request) => Promise<Response> = createBaasHandler(service, { apps: [] });
export const hashers = [createBcryptHasher(), createPbkdf2Hasher()];
export type Ports = [MailMessage, UserStore];
`,
  "vite.config.mjs": `export default {
  logLevel: "warn",
  build: {
    outDir: "out-vite",
    target: "esnext",
    minify: false,
    lib: { entry: "run-esm.mjs", formats: ["es"], fileName: () => "bundle.mjs" },
  },
};
`,
};
